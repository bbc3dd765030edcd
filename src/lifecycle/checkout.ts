/**
 * The reference cashier: one pay-code payment carried to a final state the way the channels
 * document it (policy.ts). Pay; on 1000/1001 it is over. On 1002, 5001 or no answer, query
 * /pay/get every poll interval until a final status or the deadline, then cancel — not sooner
 * than the minimum after paying — retrying a failed cancel a bounded number of times. The same
 * order_id is never paid twice. Every wait is bounded, and the clock is injected so that tests
 * need not wait.
 */
import { createPayClient, type Exchange, type PayClientOptions } from '../client/pay-client.ts';
import type { UnsignedPayRequest } from '../factories/data-factory.ts';
import { isResultStatus, STATUS_NAMES, type OrderStatus } from './order-status.ts';
import { resolvePolicy, type AuditPolicy } from './policy.ts';

export interface CheckoutClock {
  /** Milliseconds, from any origin. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: CheckoutClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** How long one call may take before it counts as unanswered (before the time scale). */
export const DEFAULT_TIMEOUTS = Object.freeze({ payMs: 10_000, callMs: 5_000 });

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
 * How the order ended. `refused`: the pay was answered with an error, no order exists.
 * `absent`: the cancel found no order (the pay never arrived). `unreachable`: the pay could not
 * even be delivered (connection refused, no such host). `unknown`: every cancel failed.
 */
export type CheckoutOutcome = 'paid' | 'failed' | 'closed' | 'cancelled' | 'refunded' | 'refused' | 'absent' | 'unreachable' | 'unknown';

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

/** Transport errors that prove the request never reached the server. */
const UNDELIVERED = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\b/;

/** Answers that leave the payment's outcome open: follow it up. */
const OPEN_PAY_CODES: ReadonlySet<number> = new Set([1002, 5001]);

export async function runCheckout(options: CheckoutOptions): Promise<CheckoutResult> {
  const policy = resolvePolicy(options.policy);
  const clock = options.clock ?? realClock;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const payClient = createPayClient({ ...options.target, timeoutMs: timeouts.payMs * policy.timeScale });
  const callClient = createPayClient({ ...options.target, timeoutMs: timeouts.callMs * policy.timeScale });
  const orderId = options.request.order_id;
  const lookup = { app_id: options.request.app_id, sign_type: options.request.sign_type, order_id: orderId };
  const timeline: TimelineStep[] = [];
  const start = clock.now();

  const step = (call: string, answer: Answer, note: string): void => {
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
  const query = async (): Promise<Answer> => answerOf(await callClient.pay(lookup, { path: '/pay/get' }));

  const pay = answerOf(await payClient.pay(options.request, options.scenario ? { headers: { 'x-mock-scenario': options.scenario } } : undefined));
  const answeredAt = clock.now();
  if (pay.undelivered) {
    step('/pay/qrcode', pay, `not delivered (${pay.failure}): nothing to follow up`);
    return end('unreachable');
  }
  if (pay.code === 1000 || pay.code === 1001) {
    const status = pay.code === 1000 ? 1 : -1;
    step('/pay/qrcode', { ...pay, status: pay.status ?? status }, pay.code === 1000 ? 'paid' : 'the payment failed');
    return end(pay.code === 1000 ? 'paid' : 'failed', status);
  }
  if (pay.code !== undefined && !OPEN_PAY_CODES.has(pay.code)) {
    step('/pay/qrcode', pay, `refused: ${pay.msg ?? 'no message'} — no payment was taken`);
    return end('refused');
  }
  step('/pay/qrcode', pay, pay.code === 1002 ? 'the customer is confirming: query until a result or the deadline' : `no result (${pay.failure ?? pay.msg}): query until a result or the deadline`);

  // Bounded twice: by the deadline on the clock, and by a count, in case the clock does not move.
  const interval = policy.minPollIntervalMs;
  const maxPolls = Math.ceil(policy.deadlineMs / Math.max(interval, 1)) + 1;
  for (let polls = 0; polls < maxPolls && clock.now() - start + interval <= policy.deadlineMs; polls++) {
    await clock.sleep(interval);
    const answer = await query();
    if (answer.code === 1000 && isResultStatus(answer.status)) {
      step('/pay/get', answer, `result: ${STATUS_NAMES[answer.status]}`);
      return end(outcomeOf(answer.status), answer.status);
    }
    step('/pay/get', answer, answer.code === 1000 ? 'no result yet' : `no result (${answer.failure ?? `${answer.code} ${answer.msg}`})`);
  }

  const wait = answeredAt + policy.minCancelAfterMs - clock.now();
  if (wait > 0) await clock.sleep(wait);
  for (let attempt = 1; attempt <= policy.maxCancelAttempts; attempt++) {
    const cancel = answerOf(await callClient.pay(lookup, { path: '/pay/cancel' }));
    const settled = cancelOutcome(cancel);
    if (settled === 'paid') {
      // 1006: paid after all, seen when closing — the platform says to check the status again.
      step('/pay/cancel', cancel, 'already paid: check the status');
      const answer = await query();
      const status = answer.code === 1000 && isResultStatus(answer.status) ? answer.status : 1;
      step('/pay/get', answer, `result: ${STATUS_NAMES[status]}`);
      return end(outcomeOf(status), status);
    }
    if (settled) {
      step('/pay/cancel', cancel, CANCEL_NOTES[settled]);
      return end(settled, cancel.status ?? (settled === 'cancelled' ? 5 : settled === 'closed' ? 4 : undefined));
    }
    const last = attempt === policy.maxCancelAttempts;
    step('/pay/cancel', cancel, `the cancel failed (${cancel.failure ?? `${cancel.code} ${cancel.msg}`})${last ? ': giving up — reconcile this order by hand' : ': retry'}`);
    if (!last) await clock.sleep(interval);
  }
  return end('unknown');
}

const CANCEL_NOTES: Readonly<Record<'cancelled' | 'closed' | 'absent', string>> = {
  cancelled: 'cancelled: nothing is charged (a payment that went through is refunded)',
  closed: 'the order was closed already',
  absent: 'the platform has no such order: the pay never reached it, nothing is charged',
};

function cancelOutcome(answer: Answer): 'cancelled' | 'closed' | 'absent' | 'paid' | undefined {
  switch (answer.code) {
    case 1000:
    case 1005:
      return 'cancelled';
    case 1004:
      return 'closed';
    case 4001:
      return 'absent';
    case 1006:
      return 'paid';
    default:
      return undefined;
  }
}

function outcomeOf(status: OrderStatus): CheckoutOutcome {
  switch (status) {
    case 1:
      return 'paid';
    case -1:
      return 'failed';
    case 4:
      return 'closed';
    case 5:
      return 'cancelled';
    default:
      // 2, 3, -2, -3: paid, and since refunded (or being refunded).
      return 'refunded';
  }
}

function answerOf(exchange: Exchange): Answer {
  if (exchange.transportError) return { failure: exchange.transportError, ...(UNDELIVERED.test(exchange.transportError) ? { undelivered: true } : {}) };
  const response = exchange.response!;
  const body = response.body as { code?: unknown; msg?: unknown; data?: { order_status?: unknown } } | undefined;
  if (response.status !== 200 || body === null || typeof body !== 'object' || typeof body.code !== 'number') {
    return { failure: `HTTP ${response.status}${response.parseError ? ', not JSON' : ''}, no {code, msg, data} envelope` };
  }
  const status = body.data?.order_status;
  return { code: body.code, ...(typeof body.msg === 'string' ? { msg: body.msg } : {}), ...(typeof status === 'number' ? { status } : {}) };
}
