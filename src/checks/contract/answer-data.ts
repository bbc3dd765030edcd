/**
 * Reading an answer: its code, the order its `data` carries, an amount as fen. A leaf of the
 * contract checks — the rules, the order ledger and the check context all read answers through
 * it, and it imports none of them.
 */
import { payDataOf } from '../../kernel/codes.ts';
import { parseAmount, type Fen } from '../../kernel/money/money.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';

export type JsonObject = Readonly<Record<string, unknown>>;

/** What is read of one exchange: the path called and the parsed answer. */
export interface Answered {
  call: string;
  body: unknown;
}

export function asRecord(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function codeOf(body: unknown): unknown {
  return asRecord(body)?.code;
}

/** The `data` of a pay call's answer, when its code is one that carries an order (pay rules run on the pay call only). */
export function orderData(body: unknown): JsonObject | undefined {
  return payDataOf(codeOf(body)) === 'order' ? asRecord(asRecord(body)?.data) : undefined;
}

/** The `data` of a lifecycle call's 1000 answer (an order detail, a status, a refund). */
export function lifecycleData(ctx: Answered): JsonObject | undefined {
  return ctx.call !== API_PATHS.pay && codeOf(ctx.body) === 1000 ? asRecord(asRecord(ctx.body)?.data) : undefined;
}

/** Fen of a response amount; undefined when it is not a number with at most two decimals. */
export function fenOf(value: unknown): Fen | undefined {
  if (typeof value !== 'number') return undefined;
  const parsed = parseAmount(value, { allowZero: true });
  return parsed.ok ? parsed.fen : undefined;
}
