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

export const OUTCOME_CLASSES: readonly OutcomeClass[] = ['paid', 'pending', 'declined', 'rateLimited', 'rejected', 'unknownCode', 'noCode'];

/** The key under which answers without a code are counted in `codes`. */
export const NO_CODE = 'none';

/**
 * Why a request counted under NO_CODE has no code, so that a report tells a hanging target from
 * a resetting, flooding, garbling, redirecting or failing one. Never answered: `timeout`, `refused` (nothing
 * took the connection), `reset` (closed or reset before a whole answer), `tooLarge` (cut off at the
 * answer limit), `notHttp` (bytes that are not an HTTP answer), `untrustedTls` (the server's TLS
 * certificate is not trusted: nothing sent). Answered: `redirect` (a 3xx, not followed), an HTTP
 * error under its status (HttpErrorCause), `notJson`, `notEnvelope`.
 */
export type NoCodeCause = NamedNoCodeCause | HttpErrorCause;

type NamedNoCodeCause = 'timeout' | 'refused' | 'reset' | 'tooLarge' | 'notHttp' | 'untrustedTls' | 'redirect' | 'notJson' | 'notEnvelope';

/**
 * An answer of HTTP 400 or above without the envelope, `http503`: its status, not its body, says
 * what went wrong (a 503's HTML page is no more "not JSON" than a 404's), and a 503 is not a 404.
 */
export type HttpErrorCause = `http${number}`;

export const httpErrorCause = (status: number): HttpErrorCause => `http${status}`;

const HTTP_ERROR_CAUSE = /^http(\d+)$/;

/** How each named cause reads in the text summary, in the order it is listed; the HTTP errors follow `redirect`. */
const NO_CODE_CAUSE_NAMES: Readonly<Record<NamedNoCodeCause, string>> = {
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
/** The named causes, in their listed order (the HTTP errors are open-ended: `http` and a status). */
export const NAMED_NO_CODE_CAUSES = Object.keys(NO_CODE_CAUSE_NAMES) as NamedNoCodeCause[];
const LISTED: readonly string[] = NAMED_NO_CODE_CAUSES;

/** `HTTP 503` for an HTTP error; a key no paycheck wrote (a merged summary of another version) as it is. */
function nameOfCause(cause: string): string {
  const status = HTTP_ERROR_CAUSE.exec(cause)?.[1];
  if (status !== undefined) return `HTTP ${status}`;
  return LISTED.includes(cause) ? NO_CODE_CAUSE_NAMES[cause as NamedNoCodeCause] : cause;
}

/** The HTTP errors between `redirect` and `notJson`, by status; keys no paycheck wrote last. */
function rankOfCause(cause: string): number {
  const status = HTTP_ERROR_CAUSE.exec(cause)?.[1];
  if (status !== undefined) return LISTED.indexOf('redirect') + 0.5 + Number(status) / 1e6;
  const at = LISTED.indexOf(cause);
  return at < 0 ? LISTED.length : at;
}

/** The causes counted (more than none), each with how it reads, in the order a summary lists them. */
export function namedNoCodeCauses(causes: Readonly<Partial<Record<NoCodeCause, number>>> | undefined): { name: string; count: number }[] {
  return Object.entries(causes ?? {})
    .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
    .sort(([a], [b]) => rankOfCause(a) - rankOfCause(b))
    .map(([cause, count]) => ({ name: nameOfCause(cause), count }));
}

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
