/**
 * Test mode: every API answer the engine produces is checked against openapi.yaml (by code:
 * PaySuccess, PayPending, PayFailed, PayError) and against the money rules the schema cannot
 * state — real ≤ payable ≤ total, voucher amount = merchant + other, channel-specific voucher
 * fields. A violation throws: the mock cannot drift from the spec unnoticed.
 */
import { parseAmount, type Fen } from '../../src/money/money.ts';
import type { SchemaName, SchemaSet } from '../../src/spec/schemas.ts';
import type { PayResultData } from './pay-context.ts';
import type { MockResponse } from './types.ts';
import { WECHAT } from './vouchers.ts';

export class SelfCheckError extends Error {
  readonly code = 'E_MOCK_SELF_CHECK';
  override name = 'SelfCheckError';
}

const SCHEMA_OF: Readonly<Record<number, SchemaName>> = { 1000: 'PaySuccess', 1001: 'PayFailed', 1002: 'PayPending' };

export function createSelfCheck(schemas: SchemaSet): (response: MockResponse) => void {
  return (response) => {
    const fail = (why: string): never => {
      throw new SelfCheckError(`self-check: ${why}\n  body: ${response.body}`);
    };
    if (response.status !== 200) fail(`status ${response.status}, not 200`);
    let body: { code?: unknown; data?: PayResultData };
    try {
      body = JSON.parse(response.body) as typeof body;
    } catch {
      return fail('body is not JSON');
    }
    const name = SCHEMA_OF[body.code as number] ?? 'PayError';
    const validate = schemas.validator(name);
    if (!validate(body)) fail(`not a ${name}: ${JSON.stringify(validate.errors)}`);
    if (name !== 'PayError') moneyProblems(body.data!).forEach(fail);
  };
}

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
    const wechat = data.pay_type === WECHAT;
    if (wechat !== (v.activity_id !== undefined && v.type !== undefined)) problems.push(`voucher ${v.id}: activity_id/type must be there exactly for WeChat`);
    if (wechat === (v.purchase_ant_contribute !== undefined)) problems.push(`voucher ${v.id}: purchase_ant_contribute must be there exactly for Alipay`);
  }
  // The mock's own model, stricter than the API (the seed's example breaks it, D-18): paid = payable − vouchers.
  if (data.order_status === 1 && real + vouchers !== payable) problems.push(`real ${real} + vouchers ${vouchers} ≠ payable ${payable} fen`);
  return problems;
}
