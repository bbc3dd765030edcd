/**
 * Test mode: every API answer the engine produces is checked against openapi.yaml — pay answers
 * against PayResponse (whose member the code selects), lifecycle answers against their call's
 * response schema, status callbacks against StatusCallback — and against the money rules the
 * schema cannot state: real ≤ payable ≤ total, voucher amount = merchant + other, each channel's
 * own voucher fields (src/kernel/channel.ts), refunds never above what was paid. A violation
 * throws: the mock cannot drift from the spec unnoticed.
 *
 * Why not the contract rules (src/checks/contract), which judge the same answers: the engine sits
 * below the checks layer and may not import it; and a mock judged by its own judge proves nothing
 * — the contract suite judges the mock from outside, and the two agreeing is the evidence. What
 * both need as fact (the schemas, the channels' voucher fields, the money arithmetic) lives in
 * the kernel; only the comparisons are written twice.
 */
import { CHANNEL_VOUCHER_FIELDS, PAY_TYPE, type Channel } from '../kernel/channel.ts';
import { PaycheckError } from '../kernel/errors.ts';
import { parseAmount, type Fen } from '../kernel/money/money.ts';
import type { SchemaName, SchemaSet } from '../kernel/spec/schemas.ts';
import type { OrderDetail } from './order-calls/order-detail.ts';
import type { PayResultData, Voucher } from './pay-context.ts';
import type { MockResponse } from './types.ts';

export class SelfCheckError extends PaycheckError {
  override name = 'SelfCheckError';
  constructor(message: string) {
    super('PAYCHECK_SELF_CHECK', message);
  }
}

/** Checks one answer: a pay answer against PayResponse, any other call's against `schema`. */
export function createSelfCheck(schemas: SchemaSet): (response: MockResponse, schema?: SchemaName) => void {
  return (response, schema) => {
    const fail = (why: string): never => {
      throw new SelfCheckError(`self-check: ${why}\n  body: ${response.body}`);
    };
    if (response.status !== 200) fail(`status ${response.status}, not 200`);
    let body: { code?: unknown; data?: unknown };
    try {
      body = JSON.parse(response.body) as typeof body;
    } catch {
      return fail('body is not JSON');
    }
    const name = schema ?? 'PayResponse';
    const validate = schemas.validator(name);
    if (!validate(body)) fail(`not a ${name}: ${JSON.stringify(validate.errors)}`);
    // The schema holds an error's data empty (EmptyData); any other data is the answer's result.
    if (Object.keys(body.data as object).length === 0) return;
    if (name === 'PayResponse') moneyProblems(body.data as PayResultData).forEach(fail);
    else if (name === 'GetResponse') detailProblems(body.data as OrderDetail).forEach(fail);
    else if (name === 'RefundResponse') refundProblems(body.data as RefundAmounts).forEach(fail);
  };
}

/** Checks a status callback body against the spec's StatusCallback webhook. */
export function createCallbackCheck(schemas: SchemaSet): (body: unknown) => void {
  const validate = schemas.validator('StatusCallback');
  return (body) => {
    if (!validate(body)) throw new SelfCheckError(`self-check: not a StatusCallback: ${JSON.stringify(validate.errors)}\n  body: ${JSON.stringify(body)}`);
  };
}

const CHANNEL_NAME: Readonly<Record<Channel, string>> = { wechat: 'WeChat', alipay: 'Alipay' };
const CHANNEL_NAMES = Object.keys(CHANNEL_NAME) as Channel[];

function fen(value: number, what: string): Fen {
  const parsed = parseAmount(value, { allowZero: true });
  if (!parsed.ok) throw new SelfCheckError(`self-check: ${what}: ${parsed.reason}`);
  return parsed.fen;
}

/** The rules a result's amounts must keep; empty when all hold. */
export function moneyProblems(data: PayResultData): string[] {
  const problems: string[] = [];
  const total = fen(data.total_amount, 'total_amount');
  const payable = fen(data.payable_amount, 'payable_amount');
  const real = fen(data.real_amount, 'real_amount');
  if (payable > total) problems.push(`payable ${payable} > total ${total} fen`);
  if (real > payable) problems.push(`real ${real} > payable ${payable} fen`);
  let vouchers = 0;
  for (const v of data.voucher_list) {
    const amount = fen(v.amount, 'voucher amount');
    const parts = fen(v.merchant_contribute, 'merchant_contribute') + fen(v.other_contribute ?? 0, 'other_contribute');
    if (amount !== parts) problems.push(`voucher ${v.id}: amount ${amount} ≠ merchant + other ${parts} fen`);
    vouchers += amount;
    const own: Channel = data.pay_type === PAY_TYPE.wechat ? 'wechat' : 'alipay';
    for (const channel of CHANNEL_NAMES) {
      for (const field of CHANNEL_VOUCHER_FIELDS[channel]) {
        if ((v[field as keyof Voucher] !== undefined) !== (channel === own)) problems.push(`voucher ${v.id}: ${field} must be there exactly for ${CHANNEL_NAME[channel]}`);
      }
    }
  }
  // The mock's own model, stricter than the API (the seed's example breaks it, D-18): paid = payable − vouchers.
  if (data.order_status === 1 && real + vouchers !== payable) problems.push(`real ${real} + vouchers ${vouchers} ≠ payable ${payable} fen`);
  return problems;
}

/** An order's detail: the pay rules, and refunds within what was paid and adding up. */
function detailProblems(detail: OrderDetail): string[] {
  const problems = moneyProblems({ ...detail, pay_type: detail.pay_channel });
  const real = fen(detail.real_amount, 'real_amount');
  const refunded = fen(detail.refund_amount, 'refund_amount');
  if (refunded > real) problems.push(`refund_amount ${refunded} > real_amount ${real} fen`);
  const listed = detail.refund_list.reduce((sum, entry) => sum + fen(entry.refund_amount, 'refund_list amount'), 0);
  // A cancel refunds a paid order without a refund number, so only a cancelled order may list less.
  if (listed > refunded || (listed !== refunded && detail.order_status !== 5)) problems.push(`refund_list adds up to ${listed}, refund_amount is ${refunded} fen`);
  return problems;
}

interface RefundAmounts {
  refund_amount: number;
  refunded_total: number;
}

function refundProblems(data: RefundAmounts): string[] {
  const refund = fen(data.refund_amount, 'refund_amount');
  const total = fen(data.refunded_total, 'refunded_total');
  return refund > 0 && refund <= total ? [] : [`refund_amount ${refund} must be > 0 and ≤ refunded_total ${total} fen`];
}
