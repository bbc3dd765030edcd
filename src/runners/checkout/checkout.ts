/**
 * The reference cashier: one pay-code payment carried to a final state the way the channels
 * document it (policy.ts), its decisions taken by the shared cashier (cashier.ts) that the load
 * scenarios drive too. Pay; on 1000/1001 it is over. On 1002, 5001 or no answer, query
 * /pay/get every poll interval until a final status or the deadline, then cancel — not sooner
 * than the minimum after paying — retrying a failed cancel a bounded number of times. The same
 * order_id is never paid twice. Every wait is bounded, and the clock is injected so that tests
 * need not wait.
 */
import { createPayClient, type Exchange, type PayClientOptions } from '../../adapters/client/pay-client.ts';
import type { UnsignedPayRequest } from '../../kernel/factories/data-factory.ts';
import { describeRedirect, sentNothing } from '../../adapters/client/outbound.ts';
import { parseEnvelope } from '../load/request/pay-answer-checks.ts';
import { cashierAnswerOf, createCashier, type CashierOutcome, type CashierStep, type FollowUpEndpoint } from '../../kernel/lifecycle/cashier.ts';
import { isResultStatus, STATUS_NAMES, type OrderStatus } from '../../kernel/lifecycle/order-status.ts';
import type { AuditPolicy } from '../../kernel/lifecycle/policy.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';

export interface CheckoutClock {
  /** Milliseconds, from any origin. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: CheckoutClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** How long one call may take before it counts as unanswered (before the time scale). */
const DEFAULT_TIMEOUTS = Object.freeze({ payMs: 10_000, callMs: 5_000 });

export interface CheckoutOptions {
  target: Omit<PayClientOptions, 'timeoutMs'>;
  /** The pay request, unsigned: the checkout signs every call with the target's application. */
  request: UnsignedPayRequest;
  /** Sent as `X-Mock-Scenario` on the pay call (the mock's outcome; a real platform ignores it). */
  scenario?: string;
  /** The practice followed, time scale included. */
  policy?: Partial<AuditPolicy>;
  timeouts?: Partial<typeof DEFAULT_TIMEOUTS>;
  clock?: CheckoutClock;
  /** Called with each step as it happens, for a live timeline. */
  onStep?: (step: TimelineStep) => void;
}

/**
 * How the order ended: the cashier's outcomes (cashier.ts), plus `unreachable` — the pay could
 * not even be delivered (connection refused, no such host, a TLS certificate not trusted), so
 * there is nothing to follow up.
 */
export type CheckoutOutcome = CashierOutcome | 'unreachable';

export interface TimelineStep {
  /** Milliseconds since the pay call was sent. */
  at: number;
  call: string;
  code?: number;
  order_status?: number;
  /** What the cashier made of the answer, or why it did not come. */
  note: string;
}

export interface CheckoutResult {
  order_id: string;
  outcome: CheckoutOutcome;
  order_status?: number;
  timeline: TimelineStep[];
}

interface Answer {
  code?: number;
  msg?: string;
  status?: number;
  /** Why no envelope came: a transport error, an HTTP status, a body that is not one. */
  failure?: string;
  /** The request provably never arrived. */
  undelivered?: boolean;
}


/** The status an ended order is reported with, when the last answer did not carry one. */
const OUTCOME_STATUS: Partial<Record<CashierOutcome, number>> = { paid: 1, failed: -1, closed: 4, cancelled: 5 };

/** Carries the shared cashier's decisions out over HTTP, on an injectable clock, with a timeline. */
export async function runCheckout(options: CheckoutOptions): Promise<CheckoutResult> {
  const cashier = createCashier(options.policy?.timeScale ?? 1, options.policy);
  const policy = cashier.policy;
  const clock = options.clock ?? realClock;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const payClient = createPayClient({ ...options.target, timeoutMs: timeouts.payMs * policy.timeScale });
  const callClient = createPayClient({ ...options.target, timeoutMs: timeouts.callMs * policy.timeScale });
  const orderId = options.request.order_id;
  const lookup = { app_id: options.request.app_id, sign_type: options.request.sign_type, order_id: orderId };
  const timeline: TimelineStep[] = [];
  const start = clock.now();

  const record = (call: string, answer: Answer, note: string): void => {
    const entry: TimelineStep = {
      at: clock.now() - start,
      call,
      ...(answer.code === undefined ? {} : { code: answer.code }),
      ...(answer.status === undefined ? {} : { order_status: answer.status }),
      note,
    };
    timeline.push(entry);
    options.onStep?.(entry);
  };
  const end = (outcome: CheckoutOutcome, status?: number): CheckoutResult => ({ order_id: orderId, outcome, ...(status === undefined ? {} : { order_status: status }), timeline });

  const pay = answerOf(await payClient.pay(options.request, options.scenario ? { headers: { 'x-mock-scenario': options.scenario } } : undefined), 'pay', orderId);
  if (pay.undelivered) {
    record(API_PATHS.pay, pay, `not delivered (${pay.failure}): nothing to follow up`);
    return end('unreachable');
  }
  let step = cashier.afterPay({ code: pay.code, orderStatus: pay.status }, clock.now() - start);
  const payStatus = pay.status ?? (step.kind === 'done' ? OUTCOME_STATUS[step.outcome] : undefined);
  record(API_PATHS.pay, { ...pay, status: payStatus }, payNote(pay, step));

  // Bounded twice: by the cashier's deadline on the clock, and by a count, in case the clock does not move.
  const order = cashier.open();
  const maxCalls = Math.ceil(policy.deadlineMs / Math.max(policy.minPollIntervalMs, 1)) + 2 * policy.maxCancelAttempts + 2;
  let last: Answer = pay;
  for (let calls = 0; step.kind === 'call' && calls < maxCalls; calls++) {
    if (step.waitMs > 0) await clock.sleep(step.waitMs);
    const endpoint: FollowUpEndpoint = step.endpoint;
    last = answerOf(await callClient.pay(lookup, { path: API_PATHS[endpoint] }), endpoint, orderId);
    const next = cashier.afterFollowUp(endpoint, { code: last.code, orderStatus: last.status }, order, clock.now() - start);
    record(API_PATHS[endpoint], last, followUpNote(endpoint, last, next, order.cancels >= policy.maxCancelAttempts));
    step = next;
  }
  if (step.kind === 'call') return end('unknown');
  return end(step.outcome, last.status ?? OUTCOME_STATUS[step.outcome]);
}

function payNote(pay: Answer, step: CashierStep): string {
  if (step.kind === 'call') {
    return pay.code === 1002 ? 'the customer is confirming: query until a result or the deadline' : `no result (${pay.failure ?? pay.msg}): query until a result or the deadline`;
  }
  if (step.outcome === 'paid') return 'paid';
  if (step.outcome === 'failed') return 'the payment failed';
  return `refused: ${pay.msg ?? 'no message'} — no payment was taken`;
}

const CANCEL_NOTES: Partial<Record<CashierOutcome, string>> = {
  cancelled: 'cancelled: nothing is charged (a payment that went through is refunded)',
  closed: 'the order was closed already',
  absent: 'the platform has no such order: the pay never reached it, nothing is charged',
};

function followUpNote(endpoint: FollowUpEndpoint, answer: Answer, next: CashierStep, gaveUp: boolean): string {
  const why = answer.failure ?? `${answer.code} ${answer.msg}`;
  if (endpoint === 'get') {
    if (next.kind === 'done') return `result: ${next.outcome === 'paid' && !isResultStatus(answer.status) ? STATUS_NAMES[1] : STATUS_NAMES[answer.status as OrderStatus]}`;
    return answer.code === 1000 ? 'no result yet' : `no result (${why})`;
  }
  if (answer.code === 1006) return 'already paid: check the status';
  if (next.kind === 'done' && CANCEL_NOTES[next.outcome]) return CANCEL_NOTES[next.outcome] as string;
  return `the cancel failed (${why})${gaveUp ? ': giving up — reconcile this order by hand' : ': retry'}`;
}

/** The answer as the cashier may read it: an envelope about this order, or why there is none. */
function answerOf(exchange: Exchange, endpoint: 'pay' | FollowUpEndpoint, orderId: string): Answer {
  if (exchange.transportError) return { failure: exchange.transportError, ...(sentNothing(exchange.transportCause) ? { undelivered: true } : {}) };
  const response = exchange.response!;
  const redirect = describeRedirect(response);
  if (redirect !== undefined) return { failure: redirect };
  const envelope = parseEnvelope(response.text);
  if (response.status !== 200 || envelope === undefined) {
    return { failure: `HTTP ${response.status}${response.parseError ? ', not JSON' : ''}, no {code, msg, data} envelope` };
  }
  const answer = cashierAnswerOf(endpoint, envelope, orderId);
  if (answer.mismatch !== undefined) return { failure: answer.mismatch };
  return { code: envelope.code, msg: envelope.msg, ...(answer.orderStatus === undefined ? {} : { status: answer.orderStatus }) };
}
