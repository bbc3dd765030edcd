/**
 * The checkout scenario's workload: each arrival is an order carried to its end by the cashier
 * (src/kernel/lifecycle/cashier.ts). Its pay call goes out in the arrival's slot, asking the mock for the
 * mix's outcome (`X-Mock-Scenario`); each answer gives the cashier's next step, and a query or
 * cancel is queued on the executor's clock and sent in its slot, over the same kept-alive
 * connections as the pays (call-pool.ts). Every call is measured per endpoint; every order's end is counted.
 */
import { distributionOf, type EndpointSummary, type OrdersSummary } from '../../../checks/report/load-summary.ts';
import { outcomeTotals } from '../../../checks/load/outcomes.ts';
import { CASHIER_OUTCOMES, createCashier, isRepeatAnswer, isSettled, type CashierOutcome, type CashierStep, type OrderFollowUp } from '../../../kernel/lifecycle/cashier.ts';
import { FOLLOW_UP_CHECKS, inspectFollowUpAnswer } from '../request/follow-up-answer-checks.ts';
import { inspectPayAnswer, PAY_CHECKS } from '../request/pay-answer-checks.ts';
import type { SignedOrderStream } from '../request/signed-order-stream.ts';
import { mixPicker } from '../profiles/checkout-mix.ts';
import { REQUEST_TIMEOUT_S, type CheckoutProfile } from '../profiles/profiles.ts';
import { ENDPOINTS, type Endpoint } from '../../../checks/load/thresholds.ts';
import { createCallPool, type CallRecorder, type LoadCall } from './call-pool.ts';
import { createFollowUpQueue } from './follow-up-queue.ts';
import { createRecorder, type Measurements, type Recorder } from './recorder.ts';
import { checksOf, failedOf, nonSuccessOf, type Workload } from './workload.ts';

export interface CheckoutWorkloadOptions {
  scenario: CheckoutProfile;
  payUrl: string;
  /** Each call's URL path on the pay URL's host. */
  paths: Readonly<Record<Endpoint, string>>;
  stream: SignedOrderStream;
  /** The connections kept open between calls (the scenario's in-flight cap). */
  keep: number;
  /** The signed `/pay/get` and `/pay/cancel` body for an order. */
  lookupBody: (orderId: string) => string;
  /** The cashier's time scale (the scenario's, unless overridden for a live target). */
  timeScale: number;
  /** Follow-ups due within one such step of time leave together (fine enough for the scaled intervals). */
  grainMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

interface Order {
  orderId: string;
  /** When its pay call was built and sent, on the executor's clock. */
  paidAt: number;
  followUp: OrderFollowUp;
  /** Signed when the order first needs a follow-up; the same body serves every query and cancel. */
  lookup?: string;
}

interface CheckoutCall extends LoadCall {
  endpoint: Endpoint;
  order: Order;
  signMs: number;
}

function endpointSummary(m: Measurements): EndpointSummary {
  return { sent: m.sent, answered: m.answered, failedRequests: failedOf(m), latencyMs: m.latencyMs, codes: m.codes, noCodeCauses: m.noCodeCauses };
}

/** Sorted arrays merged into one sorted array. */
function mergeSorted(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all.sort();
}

export function createCheckoutWorkload(options: CheckoutWorkloadOptions): Workload {
  const { stream, paths, now } = options;
  const plan = options.scenario.checkout;
  const recorders: Record<Endpoint, Recorder> = { pay: createRecorder(PAY_CHECKS), get: createRecorder(FOLLOW_UP_CHECKS), cancel: createRecorder(FOLLOW_UP_CHECKS) };
  const cashier = createCashier(options.timeScale);
  const pick = mixPicker(plan.mix);
  const mixHeaders = new Map(plan.mix.map((e) => [e.scenario, { 'x-mock-scenario': e.scenario }]));
  const mix: Record<string, number> = Object.fromEntries(plan.mix.map((e) => [e.scenario, 0]));
  const outcomes = Object.fromEntries(CASHIER_OUTCOMES.map((o) => [o, 0])) as Record<CashierOutcome, number>;
  let started = 0;
  let open = 0;
  /** Past the run's drain deadline: the follow-ups stop, and the orders still open stay so. */
  let cut = false;
  let repaid = 0;

  // The pool is made below, once its recorder is; nothing fires before the run starts.
  const fire = (calls: () => CheckoutCall, count: number) => pool.fire(calls, count);
  const queue = createFollowUpQueue<CheckoutCall>(options.grainMs, {
    now,
    sleep: options.sleep,
    fire: (due) => {
      let i = 0;
      return fire(() => due[i++], due.length);
    },
  });

  function pay(serial: number): CheckoutCall {
    const order = stream.order(serial);
    const scenario = pick(serial);
    mix[scenario]++;
    started++;
    open++;
    return { endpoint: 'pay', body: order.body, headers: mixHeaders.get(scenario), signMs: order.signMs, order: { orderId: order.orderId, paidAt: now(), followUp: cashier.open() } };
  }

  function follow(call: CheckoutCall, step: CashierStep): void {
    if (step.kind === 'done') {
      outcomes[step.outcome]++;
      open--;
      return;
    }
    const order = call.order;
    let signMs = 0;
    if (order.lookup === undefined) {
      const started = now();
      order.lookup = options.lookupBody(order.orderId);
      signMs = now() - started;
    }
    queue.add({ endpoint: step.endpoint, body: order.lookup, path: paths[step.endpoint], order, signMs }, now() + step.waitMs);
  }

  const recording: CallRecorder<CheckoutCall> = {
    sent: (call) => recorders[call.endpoint].sent(call.signMs),
    answered(call, latencyMs, status, body) {
      const { order, endpoint } = call;
      if (endpoint === 'pay') {
        const inspection = inspectPayAnswer(status, body, order.orderId);
        recorders.pay.answered(latencyMs, status, inspection);
        if (isRepeatAnswer(inspection.code)) repaid++;
        follow(call, cashier.afterPay(inspection.answer, now() - order.paidAt));
      } else {
        const inspection = inspectFollowUpAnswer(endpoint, status, body, order.orderId);
        recorders[endpoint].answered(latencyMs, status, inspection);
        follow(call, cashier.afterFollowUp(endpoint, inspection.answer, order.followUp, now() - order.paidAt));
      }
    },
    failed(call, cause) {
      recorders[call.endpoint].failed(cause);
      const { endpoint, order } = call;
      const elapsedMs = now() - order.paidAt;
      follow(call, endpoint === 'pay' ? cashier.afterPay({}, elapsedMs) : cashier.afterFollowUp(endpoint, {}, order.followUp, elapsedMs));
    },
  };
  const pool = createCallPool({ url: options.payUrl, timeoutS: REQUEST_TIMEOUT_S, keep: options.keep, recorder: recording });

  return {
    fire(arrivals) {
      let i = 0;
      return fire(() => pay(arrivals[i++]), arrivals.length);
    },
    cutOff() {
      cut = true;
      return pool.cutOff();
    },
    close: () => pool.close(),
    inFlight: () => open,
    window: () => ({ ...recorders.pay.window(), openOrders: open, followUps: recorders.get.totals().sent + recorders.cancel.totals().sent }),
    failedRate() {
      const totals = ENDPOINTS.map((e) => recorders[e].totals());
      const ended = totals.reduce((n, t) => n + t.answered + t.noAnswer, 0);
      return ended === 0 ? undefined : totals.reduce((n, t) => n + t.failed, 0) / ended;
    },
    followUps: async (arrivalsDone, interrupted) => {
      await queue.run(() => arrivalsDone() && open === 0, () => cut || interrupted());
    },
    figures() {
      const m = Object.fromEntries(ENDPOINTS.map((e) => [e, recorders[e].measurements()])) as Record<Endpoint, Measurements>;
      const all = ENDPOINTS.map((e) => m[e]);
      const sum = (field: 'sent' | 'answered' | 'noAnswer' | 'failed') => all.reduce((n, x) => n + x[field], 0);
      const byName: Record<string, { passes: number; fails: number }> = {};
      for (const x of all) {
        for (const [name, t] of Object.entries(x.checks.byName)) {
          const into = (byName[name] ??= { passes: 0, fails: 0 });
          into.passes += t.passes;
          into.fails += t.fails;
        }
      }
      const passes = all.reduce((n, x) => n + x.checks.passes, 0);
      const fails = all.reduce((n, x) => n + x.checks.fails, 0);
      const finished = CASHIER_OUTCOMES.reduce((n, o) => n + outcomes[o], 0);
      const unsettled = CASHIER_OUTCOMES.filter((o) => !isSettled(o)).reduce((n, o) => n + outcomes[o], 0);
      const orders: OrdersSummary = {
        started,
        finished,
        outcomes,
        unsettled: { count: unsettled, rate: finished === 0 ? 0 : unsettled / finished },
        repaid,
        mix,
      };
      return {
        sent: sum('sent'),
        answered: sum('answered'),
        noAnswer: sum('noAnswer'),
        latencyMs: distributionOf(mergeSorted(ENDPOINTS.map((e) => recorders[e].sortedLatencies()))),
        histograms: Object.fromEntries(ENDPOINTS.map((e) => [e, m[e].histogram])),
        series: Object.fromEntries(ENDPOINTS.map((e) => [e, m[e].series])),
        signingUs: m.pay.signingUs,
        codes: m.pay.codes,
        noCodeCauses: m.pay.noCodeCauses,
        outcomes: outcomeTotals(m.pay.codes),
        failedRequests: failedOf({ failed: sum('failed'), answered: sum('answered'), noAnswer: sum('noAnswer') }),
        nonSuccessShare: nonSuccessOf(m.pay),
        checks: checksOf({ checks: { passes, fails, byName } }),
        endpoints: Object.fromEntries(ENDPOINTS.map((e) => [e, endpointSummary(m[e])])),
        orders,
      };
    },
  };
}
