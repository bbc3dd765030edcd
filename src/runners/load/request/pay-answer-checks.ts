/**
 * The checks each pay answer goes through under load — the same names and predicates in k6
 * (`check()`) and in the executor — and the `code` they read, which the reports count.
 * Cheap on purpose: this runs once per request. Full schema validation is the contract suite's job.
 */
import { codeEntry, payDataOf } from '../../../kernel/codes.ts';
import { cashierAnswerOf, type CallAnswer } from '../../../kernel/lifecycle/cashier.ts';
import { httpErrorCause, type NoCodeCause } from '../../../checks/load/outcomes.ts';

export const PAY_CHECKS = [
  'HTTP 200',
  'answer is a {code, msg, data} envelope',
  'code is a documented result code',
  'data fits the code (order_id echoed for 1000/1001/1002, {} otherwise)',
] as const;

export interface PayInspection {
  /** Undefined when the answer carries no integer `code`. */
  code?: number;
  /** Why there is no code, for an HTTP answer that is not the envelope. */
  cause?: NoCodeCause;
  /** One entry per PAY_CHECKS name, in order. */
  passed: boolean[];
  /** What the cashier may act on (an answer about another order is none). */
  answer: CallAnswer;
}

/** The answer as `{code, msg, data}`, or undefined when it is not that envelope. */
export function parseEnvelope(body: string | null | undefined): { code: number; msg: string; data: Record<string, unknown> } | undefined {
  if (!body) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, msg, data } = value as Record<string, unknown>;
  if (!Number.isInteger(code) || typeof msg !== 'string' || typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  return { code: code as number, msg, data: data as Record<string, unknown> };
}

/** Why an HTTP answer that is not the envelope has no code: its status first, then its body. */
export function answeredCauseOf(status: number, body: string | null | undefined): NoCodeCause {
  if (status >= 300 && status < 400) return 'redirect';
  if (status >= 400) return httpErrorCause(status);
  try {
    JSON.parse(body ?? '');
    return 'notEnvelope';
  } catch {
    return 'notJson';
  }
}

/** `status` 0 means no answer at all (a transport error or a timeout): every check fails. */
export function inspectPayAnswer(status: number, body: string | null | undefined, orderId: string): PayInspection {
  const envelope = status === 0 ? undefined : parseEnvelope(body);
  if (!envelope) return { passed: [status === 200, false, false, false], answer: {}, ...(status === 0 ? {} : { cause: answeredCauseOf(status, body) }) };
  const { code, data } = envelope;
  const fits = payDataOf(code) === 'order' ? data.order_id === orderId : Object.keys(data).length === 0;
  return { code, passed: [status === 200, true, codeEntry(code) !== undefined, fits], answer: cashierAnswerOf('pay', envelope, orderId) };
}
