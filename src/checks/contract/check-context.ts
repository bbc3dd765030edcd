/**
 * What a rule sees: the call, the request as sent, the parsed response, what the case expects,
 * and the state that outlives one exchange (trade numbers, dialects and orders seen).
 */
import type { ErrorDialect, FaultClass } from '../../kernel/codes.ts';
import type { Finding } from './finding.ts';
import { createOrderLedger, type OrderLedger } from './order-ledger.ts';
import type { RuleName } from './rule-names.ts';

export type Outcome = 'paid' | 'paying' | 'failed';

/**
 * What a case calls for: a pay outcome, a fault class (either dialect), an order or refund the
 * target cannot know (4001 / 4002, rule `unknown-order`), or explicit codes.
 */
export type Expectation = { outcome: Outcome } | { fault: FaultClass } | { unknown: 'order' | 'refund' } | { codes: readonly number[] };

export const UNKNOWN_CODES: Readonly<Record<'order' | 'refund', number>> = { order: 4001, refund: 4002 };

export const OUTCOME_CODES: Readonly<Record<Outcome, number>> = { paid: 1000, paying: 1002, failed: 1001 };

export interface RunState {
  /** trade_no → the order_id it paid. */
  readonly tradeNos: Map<string, string>;
  /** How often each dialect was seen, where the two dialects differ. */
  readonly dialects: Map<ErrorDialect, number>;
  /** PAY_ERROR_CODES: the dialect the target must speak; undefined accepts either. */
  readonly demand?: ErrorDialect;
  /** Every order the run paid or looked at, as its answers showed it (lifecycle rules). */
  readonly orders: OrderLedger;
}

export function createRunState(demand?: ErrorDialect): RunState {
  return { tradeNos: new Map(), dialects: new Map(), demand, orders: createOrderLedger() };
}

export interface CheckContext {
  /** The path called: `/pay/qrcode`, `/pay/get`, `/pay/check`, `/pay/cancel`, `/pay/refund`. */
  call: string;
  request?: Readonly<Record<string, unknown>>;
  body: unknown;
  expectation?: Expectation;
  state?: RunState;
}

/** `undefined`: the rule does not apply to this exchange (it is then not counted as checked). */
type RuleCheck = (ctx: CheckContext) => Finding[] | undefined;

export interface Rule {
  name: RuleName;
  check: RuleCheck;
}
