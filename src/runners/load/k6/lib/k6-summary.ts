/**
 * `handleSummary` for the k6 script: k6's end-of-test data turned into the project's LoadSummary,
 * written as JSON and JUnit and printed as text — the same report shapes as the executor's, with
 * no remote import (k6's jslib summary helpers are remote).
 */
import { CASHIER_OUTCOMES, isSettled, type CashierOutcome } from '../../../../kernel/lifecycle/cashier.ts';
import { PAY_CHECKS } from '../../request/pay-answer-checks.ts';
import { SUMMARY_LOG_MARK, type Distribution, type RunPlan, type EndpointSummary, type LoadSummary, type OrdersSummary } from '../../../../checks/report/load-summary.ts';
import { outcomeTotals } from '../../../../checks/load/outcomes.ts';
import { renderJUnit } from '../../../../checks/report/load-junit.ts';
import { renderTextSummary } from '../../../../checks/report/load-text.ts';
import type { MixEntry } from '../../profiles/checkout-mix.ts';
import { ENDPOINTS, type Endpoint } from '../../../../checks/load/thresholds.ts';
import { metricKey, type ThresholdResult, type ThresholdRule } from '../../../../checks/load/thresholds.ts';
import { codeMetricPrefix, latencyBucketPrefix, noAnswerMetric } from './call-metrics.ts';
import { bucketValue, histogramOfBuckets, type LatencyHistogram } from '../../../../checks/load/latency-histogram.ts';
import { MIX_METRIC_PREFIX, OUTCOME_METRIC_PREFIX, REPAID_METRIC } from './checkout-metrics.ts';

/** The parts of k6's summary data this reads (https://grafana.com/docs/k6/latest/results-output/end-of-test/custom-summary/). */
interface K6Metric {
  type: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

interface K6Group {
  checks?: { name: string; passes: number; fails: number }[];
  groups?: K6Group[];
}

export interface K6SummaryData {
  metrics: Record<string, K6Metric | undefined>;
  root_group?: K6Group;
  state?: { testRunDurationMs?: number };
}

export interface K6RunInfo {
  scenario: string;
  /** The plan every instance of the run shares (runPlanOf), so that the merge can tell one run's instances. */
  run: RunPlan;
  target: string;
  reportDir: string;
  rules: readonly ThresholdRule[];
  /** Milliseconds since the epoch, when the summary is made (k6's Date.now()). */
  nowMs: number;
  /** The checkout script: its mix, for per-call figures and the orders' ends. */
  checkoutMix?: readonly MixEntry[];
  /** This instance's execution segment (`1/4:1/2`), when the run is split over instances. */
  segment?: string;
}


/**
 * One call's latency histogram from its bucket counters. k6 keeps no sum per bucket, so the sum,
 * minimum and maximum are read from the buckets too (within the histogram's 1 %).
 */
function histogramFromK6(m: K6SummaryData['metrics'], endpoint: Endpoint): LatencyHistogram {
  const h = histogramOfBuckets(countsByPrefix(m, latencyBucketPrefix(endpoint)));
  return { ...h, sumMs: Object.entries(h.buckets).reduce((sum, [index, n]) => sum + n * bucketValue(Number(index)), 0) };
}

function trend(m: K6Metric | undefined, scale = 1): Distribution | undefined {
  const v = m?.values;
  if (!v || v.max === undefined) return undefined;
  return { mean: v.avg * scale, p50: v.med * scale, p90: v['p(90)'] * scale, p95: v['p(95)'] * scale, p99: v['p(99)'] * scale, max: v.max * scale };
}

function checksByName(group: K6Group | undefined, out: LoadSummary['checks']['byName']): LoadSummary['checks']['byName'] {
  for (const c of group?.checks ?? []) {
    const t = (out[c.name] ??= { passes: 0, fails: 0 });
    t.passes += c.passes;
    t.fails += c.fails;
  }
  for (const g of group?.groups ?? []) checksByName(g, out);
  return out;
}

function thresholdResult(rule: ThresholdRule, data: K6SummaryData): ThresholdResult {
  const metric = data.metrics[rule.key];
  const actual = metric?.values[rule.stat];
  // k6 has judged the rule; without its verdict (no samples at all) it has not passed. k6 passes a
  // sub-metric with no samples: a call that was never made is no evidence here either.
  const evidence = rule.endpoint === undefined || total(countsByPrefix(data.metrics, codeMetricPrefix(rule.endpoint))) > 0;
  const ok = (metric?.thresholds?.[rule.expression]?.ok ?? false) && evidence;
  return { name: rule.name, metric: rule.metric, expression: rule.expression, actual: evidence ? actual : undefined, ok };
}

/** Counters named `prefix` + key with a count, as `{key: count}`. */
function countsByPrefix(m: K6SummaryData['metrics'], prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, metric] of Object.entries(m)) {
    if (name.startsWith(prefix) && metric && metric.values.count > 0) out[name.slice(prefix.length)] = metric.values.count;
  }
  return out;
}

const total = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

function endpointFromK6(m: K6SummaryData['metrics'], endpoint: Endpoint): EndpointSummary {
  const codes = countsByPrefix(m, codeMetricPrefix(endpoint));
  const sent = total(codes);
  const failed = m[metricKey('http_req_failed', endpoint)]?.values;
  return {
    sent,
    answered: sent - (m[noAnswerMetric(endpoint)]?.values.count ?? 0),
    failedRequests: { count: failed?.passes ?? 0, rate: failed?.rate ?? 0 },
    latencyMs: trend(m[metricKey('http_req_duration', endpoint)]),
    codes,
  };
}

function ordersFromK6(m: K6SummaryData['metrics'], mix: readonly MixEntry[]): OrdersSummary {
  const ends = countsByPrefix(m, OUTCOME_METRIC_PREFIX);
  const outcomes = Object.fromEntries(CASHIER_OUTCOMES.map((o) => [o, ends[o] ?? 0])) as Record<CashierOutcome, number>;
  const finished = total(outcomes);
  const unsettled = CASHIER_OUTCOMES.filter((o) => !isSettled(o)).reduce((n, o) => n + outcomes[o], 0);
  const asked = countsByPrefix(m, MIX_METRIC_PREFIX);
  return {
    // A k6 iteration is counted when it ends; one cut off at the end is in neither figure.
    started: finished,
    finished,
    outcomes,
    unsettled: { count: unsettled, rate: finished === 0 ? 0 : unsettled / finished },
    repaid: m[REPAID_METRIC]?.values.count ?? 0,
    mix: Object.fromEntries(mix.map((e) => [e.scenario, asked[e.scenario] ?? 0])),
  };
}

function summaryFromK6(data: K6SummaryData, run: K6RunInfo): LoadSummary {
  const m = data.metrics;
  const count = (name: string): number => m[name]?.values.count ?? 0;
  const codes = countsByPrefix(m, codeMetricPrefix('pay'));
  const sent = count('http_reqs');
  const durationMs = data.state?.testRunDurationMs ?? 0;
  const failed = m.http_req_failed?.values;
  const checks = m.checks?.values;
  const thresholds = run.rules.map((r) => thresholdResult(r, data));
  return {
    tool: 'k6',
    scenario: run.scenario,
    run: run.run,
    target: run.target,
    startedAt: new Date(run.nowMs - durationMs).toISOString(),
    durationS: durationMs / 1000,
    segment: run.segment ?? '0:1',
    histograms: Object.fromEntries((run.checkoutMix ? ENDPOINTS : (['pay'] as const)).map((e) => [e, histogramFromK6(m, e)])),
    requests: { sent, answered: sent - ENDPOINTS.reduce((n, e) => n + count(noAnswerMetric(e)), 0), dropped: count('dropped_iterations') },
    achievedRatePerS: m.http_reqs?.values.rate ?? 0,
    latencyMs: trend(m.http_req_duration),
    signingUs: trend(m.pay_sign_duration, 1000),
    codes,
    outcomes: outcomeTotals(codes),
    failedRequests: { count: failed?.passes ?? 0, rate: failed?.rate ?? 0 },
    nonSuccessShare: m.pay_non_success?.values.rate ?? 0,
    checks: {
      passes: checks?.passes ?? 0,
      fails: checks?.fails ?? 0,
      rate: checks?.rate ?? 0,
      byName: checksByName(data.root_group, Object.fromEntries(PAY_CHECKS.map((n) => [n, { passes: 0, fails: 0 }]))),
    },
    ...(run.checkoutMix
      ? { endpoints: Object.fromEntries(ENDPOINTS.map((e) => [e, endpointFromK6(m, e)])), orders: ordersFromK6(m, run.checkoutMix) }
      : {}),
    thresholds,
    passed: thresholds.every((t) => t.ok),
  };
}

/** What handleSummary returns: file path → content, and `stdout`. */
export function k6SummaryFiles(data: K6SummaryData, run: K6RunInfo): Record<string, string> {
  const summary = summaryFromK6(data, run);
  // A runner of a split run also logs its summary on one line, for collection from the runners' logs.
  const split = summary.segment !== '0:1';
  const logLine = split ? `${SUMMARY_LOG_MARK}${JSON.stringify(summary)}\n` : '';
  // Runners that share a volume write side by side: each file is named for its segment.
  const suffix = split ? `-${(summary.segment ?? '').replace(/[:/]/g, '_')}` : '';
  return {
    stdout: `${renderTextSummary(summary)}\n${logLine}`,
    [`${run.reportDir}/k6-summary${suffix}.json`]: `${JSON.stringify(summary, null, 2)}\n`,
    [`${run.reportDir}/k6-junit${suffix}.xml`]: renderJUnit(summary),
  };
}
