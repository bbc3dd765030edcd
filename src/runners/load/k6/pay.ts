/**
 * k6 load test of POST /pay/qrcode: `k6 run src/runners/load/k6/pay.ts` (k6 ≥ 1.0 runs TypeScript directly),
 * `-e SCENARIO=load|stress|spike|soak` (default smoke), `-e BASE_URL=…` (default the mock on
 * 127.0.0.1:4010). Glue only: scenarios, request building, signing, checks and reports are the
 * shared modules the in-repo executor uses too. docs/load.md has the details.
 */
import { check } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import type { Options } from 'k6/options';
import { inspectPayAnswer, PAY_CHECKS, type PayInspection } from '../request/pay-answer-checks.ts';
import { REQUEST_TIMEOUT_S } from '../profiles/profiles.ts';
import { profileRules } from '../../../checks/load/thresholds.ts';
import { createPayMetrics } from './lib/call-metrics.ts';
import { k6Options } from './lib/k6-options.ts';
import { k6OrderStream, loadOrders, ordersFileFrom } from './lib/k6-orders.ts';
import { k6SummaryFiles, type K6SummaryData } from './lib/k6-summary.ts';
import { k6Settings } from './lib/k6-settings.ts';
import { runPlanOf } from '../profiles/run-plan.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';

const orders = loadOrders(() => open(ordersFileFrom(__ENV)));
const settings = k6Settings(__ENV, orders.demoApp, 'pay');
const rules = profileRules(settings.scenario);

export const options: Options = k6Options(settings.scenario, rules);

const stream = k6OrderStream(orders.records, settings);
const metrics = createPayMetrics();
const checkers = Object.fromEntries(PAY_CHECKS.map((name, i) => [name, (x: PayInspection) => x.passed[i]]));
const params = { headers: { 'Content-Type': 'application/json' }, timeout: `${REQUEST_TIMEOUT_S}s`, tags: { name: `POST ${API_PATHS.pay}` } };

export function setup(): void {
  if (settings.warning) console.warn(settings.warning);
}

export default function payIteration(): void {
  // Unique across VUs and across the instances of a distributed run.
  const order = stream.order(exec.scenario.iterationInTest);
  const res = http.post(settings.payUrl, order.body, params);
  const inspection = inspectPayAnswer(res.status, typeof res.body === 'string' ? res.body : null, order.orderId);
  check(inspection, checkers);
  metrics.record(res.status, inspection.code, res.timings.duration, order.signMs);
}

export function handleSummary(data: K6SummaryData): Record<string, string> {
  return k6SummaryFiles(data, { scenario: settings.scenario.name, run: runPlanOf(settings.scenario, settings.durationScale, settings.timeScale), target: settings.payUrl, reportDir: settings.reportDir, rules, nowMs: Date.now(), segment: exec.test.options.executionSegment });
}
