/**
 * The scenario table — the one place that says which outcome the mock gives. A request picks a
 * scenario by the `X-Mock-Scenario` header, else the mock's configured scenario, else its amount
 * (modelled on WeChat's pay-code sandbox, docs/mock.md), else SUCCESS. README, docs, load and
 * contract code read this table; nothing restates it.
 */
import { parseAmount, type Fen } from '../kernel/money/money.ts';
import type { PendingOutcome } from './order-record.ts';

/** What the channel does with the charge. */
export type Outcome =
  /** 1000, order paid. */
  | 'paid'
  /** 1002, the customer still confirms; the order resolves after the pending delay. */
  | 'paying'
  /** 1001, the channel refused. */
  | 'failed'
  /** The channel never says: the order stays unknown and the (slow) answer is 5001. */
  | 'unknown';

type VoucherKind = 'COUPON' | 'DISCOUNT';

export interface VoucherPlan {
  kind: VoucherKind;
  /** Face value; cut down to what is left to pay. */
  fen: Fen;
}

export interface Scenario {
  name: string;
  /** The amount (yuan, as text) that selects it without a header; none = by header/config only. */
  amount?: string;
  outcome: Outcome;
  /** For `paying`: what the order becomes once the pending delay has passed. */
  resolvesTo?: PendingOutcome;
  /** Refunds of the order fail for want of funds (2002, order_status -2). */
  refundFails?: boolean;
  /** A 联富通 member discount lowers `payable_amount` below `total_amount`. */
  memberDiscount: boolean;
  vouchers: readonly VoucherPlan[];
  /** The answer comes only after the slow delay (default beyond common client timeouts). */
  slow: boolean;
  description: string;
}

const NONE: readonly VoucherPlan[] = [];

export const SCENARIOS = [
  { name: 'SUCCESS', amount: '0.01', outcome: 'paid', memberDiscount: false, vouchers: NONE, slow: false, description: 'paid, no discount, no voucher (also every amount not listed here)' },
  { name: 'VOUCHER', amount: '0.02', outcome: 'paid', memberDiscount: false, vouchers: [{ kind: 'COUPON', fen: 1 }], slow: false, description: 'paid with one 0.01 COUPON voucher' },
  { name: 'TWO_VOUCHERS', amount: '0.03', outcome: 'paid', memberDiscount: false, vouchers: [{ kind: 'COUPON', fen: 1 }, { kind: 'DISCOUNT', fen: 2 }], slow: false, description: 'paid with a 0.01 COUPON and a 0.02 DISCOUNT (免充值) voucher' },
  { name: 'MEMBER_DISCOUNT', amount: '0.04', outcome: 'paid', memberDiscount: true, vouchers: NONE, slow: false, description: 'paid after a 联富通 member discount of 10% (at least 0.01): payable < total' },
  { name: 'MEMBER_DISCOUNT_VOUCHER', amount: '0.05', outcome: 'paid', memberDiscount: true, vouchers: [{ kind: 'COUPON', fen: 1 }], slow: false, description: 'member discount and a 0.01 COUPON voucher: real < payable < total' },
  { name: 'USER_PAYING', amount: '0.30', outcome: 'paying', resolvesTo: 'paid', memberDiscount: false, vouchers: NONE, slow: false, description: '1002, order_status 0: the customer is entering a password; paid after the pending delay' },
  { name: 'USER_PAYING_FAILS', outcome: 'paying', resolvesTo: 'failed', memberDiscount: false, vouchers: NONE, slow: false, description: '1002 like USER_PAYING, but the order fails after the pending delay' },
  { name: 'USER_PAYING_ABANDONED', outcome: 'paying', resolvesTo: 'closed', memberDiscount: false, vouchers: NONE, slow: false, description: '1002 like USER_PAYING, but the customer never confirms: the platform closes the order (order_status 4) after the pending delay' },
  { name: 'REFUND_FAILS', outcome: 'paid', refundFails: true, memberDiscount: false, vouchers: NONE, slow: false, description: 'paid like SUCCESS, but every refund fails for want of funds: 2002, order_status -2' },
  { name: 'PAID_SLOW', amount: '0.31', outcome: 'paid', memberDiscount: false, vouchers: NONE, slow: true, description: 'paid, but the 1000 answer comes only after the slow delay (the client times out)' },
  { name: 'FAILED', amount: '0.32', outcome: 'failed', memberDiscount: false, vouchers: NONE, slow: false, description: '1001, order_status -1: the channel refused the payment' },
  { name: 'UNKNOWN_SLOW', amount: '0.33', outcome: 'unknown', memberDiscount: false, vouchers: NONE, slow: true, description: 'the order stays unknown (order_status -10) and the answer, 5001, comes only after the slow delay' },
  { name: 'VOUCHER_SLOW', amount: '0.34', outcome: 'paid', memberDiscount: false, vouchers: [{ kind: 'COUPON', fen: 1 }], slow: true, description: 'paid with a 0.01 voucher, the answer after the slow delay' },
] as const satisfies readonly Scenario[];

export const DEFAULT_SCENARIO: Scenario = SCENARIOS[0];

const byName = new Map<string, Scenario>(SCENARIOS.map((s) => [s.name, s]));
const byFen = new Map<number, Scenario>();
for (const s of SCENARIOS as readonly Scenario[]) {
  if (s.amount === undefined) continue;
  const parsed = parseAmount(s.amount);
  if (!parsed.ok) throw new Error(`scenario ${s.name}: ${parsed.reason}`);
  byFen.set(parsed.fen, s);
}

/** Case-insensitive; `undefined` for an unknown name. */
export function scenarioByName(name: string): Scenario | undefined {
  return byName.get(name.toUpperCase());
}

/** The scenario an amount selects, or `undefined` (then SUCCESS applies). */
export function scenarioForAmount(fen: Fen): Scenario | undefined {
  return byFen.get(fen);
}

export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((s) => s.name);
