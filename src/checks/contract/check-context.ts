/**
 * What a rule sees: the call, the request as sent, the parsed response, what the case expects,
 * and the state that outlives one exchange (trade numbers, readings and orders seen).
 */
import type { FaultClass } from '../../kernel/codes.ts';
import type { Finding } from './finding.ts';
import { createOrderLedger, type OrderLedger } from './order-ledger.ts';
import type { ReadingName, ReadingState } from './readings.ts';
import type { RuleName } from './rule-names.ts';

export type Outcome = 'paid' | 'paying' | 'failed';

/**
 * A limit paycheck sets where the seed is silent (a decision of docs/discrepancies.md): a target
 * that lets the request through is reported, and fails only when strictness is demanded.
 */
export interface StrictLimit {
  decision: string;
  /** The limit in words, as the summary lists it. */
  limit: string;
}

/**
 * What a case calls for: a pay outcome, a fault class (either dialect; with `strict`, a limit of
 * paycheck's own), an order or refund the target cannot know (4001 / 4002, rule
 * `unknown-order`), an answer that shows one of a reading's codes (readings.ts), or explicit codes.
 */
export type Expectation =
  | { outcome: Outcome }
  | { fault: FaultClass; strict?: StrictLimit }
  | { unknown: 'order' | 'refund' }
  | { reading: ReadingName }
  | { codes: readonly number[] };

export const UNKNOWN_CODES: Readonly<Record<'order' | 'refund', number>> = { order: 4001, refund: 4002 };

export const OUTCOME_CODES: Readonly<Record<Outcome, number>> = { paid: 1000, paying: 1002, failed: 1001 };

export interface RunState extends ReadingState {
  /** trade_no → the order_id it paid. */
  readonly tradeNos: Map<string, string>;
  /** PAY_STRICT=1: a strict limit the target does not hold fails. */
  readonly strict: boolean;
  /** Every order the run paid or looked at, as its answers showed it (lifecycle rules). */
  readonly orders: OrderLedger;
}

export interface RunDemands {
  /** The readings the target must take (each reading's variable); unset accepts either. */
  demands?: ReadonlyMap<ReadingName, string>;
  strict?: boolean;
}

export function createRunState({ demands = new Map(), strict = false }: RunDemands = {}): RunState {
  return { tradeNos: new Map(), readings: new Map(), demands, strict, orders: createOrderLedger() };
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
