/**
 * The cashier: what to do next with one order, given each answer — the documented
 * pay-code practice (src/kernel/lifecycle/policy.ts, the same policy the audit judges by and the
 * reference checkout follows) as a step function, so that both executors drive it their own way:
 * k6 in one iteration with `sleep`, the in-repo executor on its own clock with a batch per slot.
 * Pay: 1000/1001 end it; an `open` code of src/kernel/codes.ts (1002, 5001) or no answer opens
 * it; any other code refuses it. An open order is queried every poll interval while the next
 * query still falls within the deadline, then cancelled — not sooner than the minimum after
 * paying — a bounded number of times. Each step is told the time since the pay call was sent, as
 * its driver measures it; a wait runs from the answer just given to the next call. Runtime-neutral.
 */
import { DIALECT_CODES, kindOf, payDataOf } from '../codes.ts';
import { isResultStatus, orderStatusOf } from './order-status.ts';
import { resolvePolicy, type AuditPolicy } from './policy.ts';

/** How an order ended, as the cashier knows it. */
export type CashierOutcome =
  | 'paid'
  | 'failed'
  | 'closed'
  | 'cancelled'
  /** Paid, and since refunded (2, 3, -2, -3). */
  | 'refunded'
  /** The pay was answered with an error code: no order. */
  | 'refused'
  /** The cancel found no order. */
  | 'absent'
  /** Every cancel failed: the outcome is unknown, someone must reconcile it. */
  | 'unknown';

export const CASHIER_OUTCOMES: readonly CashierOutcome[] = ['paid', 'failed', 'closed', 'cancelled', 'refunded', 'refused', 'absent', 'unknown'];

/** Outcomes with a final order status the cashier saw; the others count as unsettled. */
const SETTLED: ReadonlySet<CashierOutcome> = new Set(['paid', 'failed', 'closed', 'cancelled', 'refunded']);
export const isSettled = (outcome: CashierOutcome): boolean => SETTLED.has(outcome);

/** Answers to a pay call that mean the platform had seen this order_id already: a re-pay. */
const REPEAT_CODES: ReadonlySet<number> = new Set([...Object.values(DIALECT_CODES.duplicateOrder), ...Object.values(DIALECT_CODES.alreadyPaid)]);
export const isRepeatAnswer = (code: number | undefined): boolean => code !== undefined && REPEAT_CODES.has(code);

/** `code` undefined: no answer, or not a `{code, msg, data}` envelope. */
export interface CallAnswer {
  code?: number;
  orderStatus?: number;
  /** Why an envelope that came is no answer about this order (cashierAnswerOf). */
  mismatch?: string;
}

export type FollowUpEndpoint = 'get' | 'cancel';

/** What an answer's envelope holds, as far as the cashier reads it. */
export interface AnswerEnvelope {
  code: number;
  data: Readonly<Record<string, unknown>>;
}

/**
 * What the cashier may act on in an answer. An answer whose code says it carries the order (a
 * pay's 1000/1001/1002, a query's or a cancel's 1000) but that names another order_id, or none,
 * or no documented order_status, is no answer at all: a result about no order is not this order's
 * result (`mismatch` says why). Without an envelope there is no answer either.
 */
export function cashierAnswerOf(endpoint: 'pay' | FollowUpEndpoint, envelope: AnswerEnvelope | undefined, orderId: string): CallAnswer {
  if (envelope === undefined) return {};
  const { code, data } = envelope;
  const carriesOrder = endpoint === 'pay' ? payDataOf(code) === 'order' : code === 1000;
  // The number of the example, or the response table's String of one (D-5): "1" is paid as much as 1.
  const orderStatus = orderStatusOf(data.order_status);
  if (!carriesOrder) return { code, ...(orderStatus === undefined ? {} : { orderStatus }) };
  if (data.order_id !== orderId) {
    const named = typeof data.order_id === 'string' ? `order_id ${JSON.stringify(data.order_id)}` : 'no order_id';
    return { mismatch: `answered ${code} with ${named}, not this order's ${JSON.stringify(orderId)}: not a result` };
  }
  if (orderStatus === undefined) return { mismatch: `answered ${code} without an order_status: not a result` };
  return { code, orderStatus };
}

export type CashierStep = { kind: 'call'; endpoint: FollowUpEndpoint; waitMs: number } | { kind: 'done'; outcome: CashierOutcome };

/** One order's follow-up so far. */
export interface OrderFollowUp {
  cancels: number;
  /** A cancel answered 1006 (paid after all): the next query's status ends it. */
  paidAfterAll: boolean;
}

export interface Cashier {
  readonly policy: AuditPolicy;
  /** A fresh follow-up record for an order. */
  open(): OrderFollowUp;
  /** `elapsedMs`: since the pay call was sent, now that its answer (or its failure) is in. */
  afterPay(answer: CallAnswer, elapsedMs: number): CashierStep;
  afterFollowUp(endpoint: FollowUpEndpoint, answer: CallAnswer, order: OrderFollowUp, elapsedMs: number): CashierStep;
}

function outcomeOfStatus(status: number): CashierOutcome {
  if (status === 1) return 'paid';
  if (status === -1) return 'failed';
  if (status === 4) return 'closed';
  if (status === 5) return 'cancelled';
  return 'refunded';
}

const CANCEL_ENDS: Readonly<Record<number, CashierOutcome>> = { 1000: 'cancelled', 1005: 'cancelled', 1004: 'closed', 4001: 'absent' };

/** `timeScale` multiplies the practice: 1 is 5 s queries and a 30 s deadline. */
export function createCashier(timeScale: number, overrides: Partial<AuditPolicy> = {}): Cashier {
  const policy = resolvePolicy({ ...overrides, timeScale });
  const interval = policy.minPollIntervalMs;
  const done = (outcome: CashierOutcome): CashierStep => ({ kind: 'done', outcome });
  const call = (endpoint: FollowUpEndpoint, waitMs: number): CashierStep => ({ kind: 'call', endpoint, waitMs });
  /** The next query while it falls within the deadline, else the cancel. */
  const queryOrCancel = (elapsedMs: number): CashierStep =>
    elapsedMs + interval <= policy.deadlineMs ? call('get', interval) : call('cancel', Math.max(0, policy.minCancelAfterMs - elapsedMs));

  return {
    policy,
    open: () => ({ cancels: 0, paidAfterAll: false }),
    afterPay(answer, elapsedMs) {
      if (answer.code === 1000) return done('paid');
      if (answer.code === 1001) return done('failed');
      if (answer.code !== undefined && kindOf(answer.code) !== 'open') return done('refused');
      return queryOrCancel(elapsedMs);
    },
    afterFollowUp(endpoint, answer, order, elapsedMs) {
      if (endpoint === 'get') {
        const result = answer.code === 1000 && isResultStatus(answer.orderStatus);
        if (order.paidAfterAll) return done(result ? outcomeOfStatus(answer.orderStatus as number) : 'paid');
        return result ? done(outcomeOfStatus(answer.orderStatus as number)) : queryOrCancel(elapsedMs);
      }
      if (answer.code === 1006) {
        // Paid after all, seen while closing: the platform says to look at the status again.
        order.paidAfterAll = true;
        return call('get', 0);
      }
      const ended = answer.code === undefined ? undefined : CANCEL_ENDS[answer.code];
      if (ended) return done(ended);
      order.cancels++;
      return order.cancels < policy.maxCancelAttempts ? call('cancel', interval) : done('unknown');
    },
  };
}

/** What a synchronous driver (a k6 iteration) does for the cashier. */
export interface SyncCalls {
  /** Waits this long (k6: `sleep`). */
  wait(ms: number): void;
  /** Makes the call for this order and gives its answer and how long it took. */
  send(endpoint: FollowUpEndpoint): { answer: CallAnswer; durationMs: number };
}

/**
 * One order's follow-ups carried out in turn, from the pay answer to the order's end: the
 * k6 iteration's loop. `elapsedMs` is the pay call's own duration.
 */
export function followUpInTurn(cashier: Cashier, payAnswer: CallAnswer, elapsedMs: number, calls: SyncCalls): CashierOutcome {
  const order = cashier.open();
  let elapsed = elapsedMs;
  let step = cashier.afterPay(payAnswer, elapsed);
  while (step.kind === 'call') {
    if (step.waitMs > 0) calls.wait(step.waitMs);
    const { answer, durationMs } = calls.send(step.endpoint);
    elapsed += step.waitMs + durationMs;
    step = cashier.afterFollowUp(step.endpoint, answer, order, elapsed);
  }
  return step.outcome;
}
