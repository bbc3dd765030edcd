/**
 * k6 load test of the whole pay-code checkout: `k6 run src/runners/load/k6/checkout.ts` against a mock
 * started with the scenario's timing (`npm run mock -- --pending-ms 600 --slow-ms 0`), or
 * `-e BASE_URL=… -e TIME_SCALE=1` for the documented 5 s queries and 30 s deadline. Each
 * iteration is one order: its pay asks the mock for the mix's outcome (`X-Mock-Scenario`), then
 * the shared cashier decides each query and cancel until the order ends. Every request is tagged
 * with its call (`endpoint:pay|get|cancel`) for the per-call thresholds. Glue only: the mix, the
 * cashier, the signing, the checks and the reports are the modules the in-repo executor uses.
 */
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import type { Options } from 'k6/options';
import { createCashier, followUpInTurn, isRepeatAnswer, type FollowUpEndpoint } from '../../../kernel/lifecycle/cashier.ts';
import { FOLLOW_UP_CHECKS, inspectFollowUpAnswer, type FollowUpInspection } from '../request/follow-up-answer-checks.ts';
import { createLookupSigner } from '../request/lookup-body.ts';
import { inspectPayAnswer, PAY_CHECKS, type PayInspection } from '../request/pay-answer-checks.ts';
import { mixPicker } from '../profiles/checkout-mix.ts';
import { REQUEST_TIMEOUT_S } from '../profiles/profiles.ts';
import { type Endpoint } from '../../../checks/load/thresholds.ts';
import { profileRules } from '../../../checks/load/thresholds.ts';
import { createCallMetrics, createPayMetrics } from './lib/call-metrics.ts';
import { createCheckoutMetrics } from './lib/checkout-metrics.ts';
import { k6Digests } from './lib/k6-digests.ts';
import { k6Options } from './lib/k6-options.ts';
import { k6OrderStream, loadOrders, ordersFileFrom } from './lib/k6-orders.ts';
import { k6SummaryFiles, type K6SummaryData } from './lib/k6-summary.ts';
import { k6Settings } from './lib/k6-settings.ts';
import { runPlanOf } from '../profiles/run-plan.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';

const orders = loadOrders(() => open(ordersFileFrom(__ENV)));
const settings = k6Settings(__ENV, orders.demoApp, 'checkout');
const { mix } = settings.scenario.checkout;
const rules = profileRules(settings.scenario);
const cashier = createCashier(settings.timeScale);
const { policy } = cashier;
// An order may take its queries up to the deadline and its cancels, each call up to a request timeout.
const followUpS = (policy.deadlineMs + policy.maxCancelAttempts * policy.minPollIntervalMs) / 1000 + REQUEST_TIMEOUT_S * (policy.maxCancelAttempts + 1);

export const options: Options = k6Options(settings.scenario, rules, followUpS);

const stream = k6OrderStream(orders.records, settings);
const lookupBody = createLookupSigner(settings.app, settings.encoding, k6Digests);
const pick = mixPicker(mix);
const payMetrics = createPayMetrics();
const followUpMetrics = { get: createCallMetrics('get'), cancel: createCallMetrics('cancel') };
const orderMetrics = createCheckoutMetrics(mix);
const payCheckers = Object.fromEntries(PAY_CHECKS.map((name, i) => [name, (x: PayInspection) => x.passed[i]]));
const followUpCheckers = Object.fromEntries(FOLLOW_UP_CHECKS.map((name, i) => [name, (x: FollowUpInspection) => x.passed[i]]));
const headers = { 'Content-Type': 'application/json' };
const paramsFor = (endpoint: Endpoint, extra: Record<string, string> = {}) => ({
  headers: { ...headers, ...extra },
  timeout: `${REQUEST_TIMEOUT_S}s`,
  tags: { name: `POST ${API_PATHS[endpoint]}`, endpoint },
});
const payParams = new Map(mix.map((e) => [e.scenario, paramsFor('pay', { 'X-Mock-Scenario': e.scenario })]));
const followUpParams = { get: paramsFor('get'), cancel: paramsFor('cancel') };
const bodyOf = (body: unknown): string | null => (typeof body === 'string' ? body : null);

export function setup(): void {
  if (settings.warning) console.warn(settings.warning);
}

export default function checkoutIteration(): void {
  // Unique across VUs and across the instances of a distributed run.
  const serial = exec.scenario.iterationInTest;
  const order = stream.order(serial);
  const scenario = pick(serial);
  const res = http.post(settings.urls.pay, order.body, payParams.get(scenario));
  const pay = inspectPayAnswer(res.status, bodyOf(res.body), order.orderId);
  check(pay, payCheckers, { endpoint: 'pay' });
  payMetrics.record(res.status, pay.code, res.timings.duration, order.signMs);
  let lookup: string | undefined;
  const outcome = followUpInTurn(cashier, pay.answer, res.timings.duration, {
    wait: (ms) => sleep(ms / 1000),
    send(endpoint: FollowUpEndpoint) {
      lookup ??= lookupBody(order.orderId);
      const answer = http.post(settings.urls[endpoint], lookup, followUpParams[endpoint]);
      const inspection = inspectFollowUpAnswer(endpoint, answer.status, bodyOf(answer.body), order.orderId);
      check(inspection, followUpCheckers, { endpoint });
      followUpMetrics[endpoint].record(answer.status, inspection.code, answer.timings.duration);
      return { answer: inspection.answer, durationMs: answer.timings.duration };
    },
  });
  orderMetrics.order(scenario, outcome, isRepeatAnswer(pay.code));
}

export function handleSummary(data: K6SummaryData): Record<string, string> {
  return k6SummaryFiles(data, { scenario: settings.scenario.name, run: runPlanOf(settings.scenario, settings.durationScale, settings.timeScale), target: settings.payUrl, reportDir: settings.reportDir, rules, nowMs: Date.now(), checkoutMix: mix, segment: exec.test.options.executionSegment });
}
