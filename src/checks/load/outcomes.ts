/**
 * How a run's answers are grouped, so a report shows how the target failed and not only that
 * it did: by `code`, and each code in one outcome class. Rate limiting (5002) is its own class,
 * apart from errors: it means "slow down", not "broken".
 */
import { codeEntry } from '../../kernel/codes.ts';

export type OutcomeClass =
  /** 1000 */
  | 'paid'
  /** 1002: the customer is still confirming. */
  | 'pending'
  /** 1001: the channel refused. */
  | 'declined'
  /** 5002 */
  | 'rateLimited'
  /** Any other documented code: the request was rejected (3001–3004, 1003, 1007, 5000, 5001 …). */
  | 'rejected'
  /** A code the registry does not know. */
  | 'unknownCode'
  /** No code at all: no answer, timeout, HTTP error, or a body that is not the envelope. */
  | 'noCode';

const OUTCOME_CLASSES: readonly OutcomeClass[] = ['paid', 'pending', 'declined', 'rateLimited', 'rejected', 'unknownCode', 'noCode'];

/** The key under which answers without a code are counted in `codes`. */
export const NO_CODE = 'none';

/**
 * Why a request counted under NO_CODE has no code, so that a report tells a hanging target from
 * a resetting, flooding, garbling or redirecting one. Never answered: `timeout`, `refused` (nothing
 * took the connection), `reset` (closed or reset before a whole answer), `tooLarge` (cut off at the
 * answer limit), `notHttp` (bytes that are not an HTTP answer), `untrustedTls` (the server's TLS
 * certificate is not trusted: nothing sent). Answered: `redirect` (a 3xx, not followed), `notJson`,
 * `notEnvelope`.
 */
export type NoCodeCause = 'timeout' | 'refused' | 'reset' | 'tooLarge' | 'notHttp' | 'untrustedTls' | 'redirect' | 'notJson' | 'notEnvelope';

/** How each cause reads in the text summary, in the order it is listed. */
export const NO_CODE_CAUSE_NAMES: Readonly<Record<NoCodeCause, string>> = {
  timeout: 'timeout',
  refused: 'connection refused',
  reset: 'reset or closed',
  tooLarge: 'answer too large',
  notHttp: 'not HTTP',
  untrustedTls: 'TLS certificate not trusted',
  redirect: 'redirect (not followed)',
  notJson: 'not JSON',
  notEnvelope: 'not the envelope',
};

export function outcomeOf(code: number | undefined): OutcomeClass {
  if (code === undefined) return 'noCode';
  if (code === 1000) return 'paid';
  if (code === 1002) return 'pending';
  if (code === 1001) return 'declined';
  if (code === 5002) return 'rateLimited';
  return codeEntry(code) ? 'rejected' : 'unknownCode';
}

/** Totals per class from counts per code (`{ "1000": 97, "3004": 2, "none": 1 }`). */
export function outcomeTotals(codes: Readonly<Record<string, number>>): Record<OutcomeClass, number> {
  const totals = Object.fromEntries(OUTCOME_CLASSES.map((c) => [c, 0])) as Record<OutcomeClass, number>;
  for (const [key, count] of Object.entries(codes)) totals[outcomeOf(key === NO_CODE ? undefined : Number(key))] += count;
  return totals;
}
