/**
 * Reading an answer: its code, the order its `data` carries, an amount as fen. A leaf of the
 * contract checks — the rules, the order ledger and the check context all read answers through
 * it, and it imports none of them.
 */
import { channelOfPayCode, type Channel } from '../../kernel/channel.ts';
import { payDataOf } from '../../kernel/codes.ts';
import { NO_CAP, parseAmount, type Fen } from '../../kernel/money/money.ts';
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

/** The channel an order was paid on: the pay code's that was sent (the ground truth), else the answer's pay_type. */
export function channelOfOrder(request: JsonObject | undefined, data: JsonObject | undefined): Channel | undefined {
  if (typeof request?.pay_code === 'string') return channelOfPayCode(request.pay_code);
  return data?.pay_type === 0 ? 'wechat' : data?.pay_type === 1 ? 'alipay' : undefined;
}

/** The vouchers of an order's `data`, those that are objects. */
export function vouchersOf(data: JsonObject): JsonObject[] {
  return Array.isArray(data.voucher_list) ? data.voucher_list.map(asRecord).filter((v): v is JsonObject => v !== undefined) : [];
}

/**
 * Fen of a response amount; undefined when it is not a number with at most two decimals. No cap:
 * the request's (D-6) is paycheck's own, and a server without it answers larger orders.
 */
export function fenOf(value: unknown): Fen | undefined {
  if (typeof value !== 'number') return undefined;
  const parsed = parseAmount(value, { allowZero: true, maxFen: NO_CAP });
  return parsed.ok ? parsed.fen : undefined;
}
