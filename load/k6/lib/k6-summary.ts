/**
 * `handleSummary` for the k6 script: k6's end-of-test data turned into the project's LoadSummary,
 * written as JSON and JUnit and printed as text — the same report shapes as the executor's, with
 * no remote import (k6's jslib summary helpers are remote).
 */
import { PAY_CHECKS } from '../../request/pay-answer-checks.ts';
import type { Distribution, LoadSummary } from '../../report/load-summary.ts';
import { outcomeTotals } from '../../report/outcomes.ts';
import { renderJUnit } from '../../report/junit.ts';
import { renderTextSummary } from '../../report/text-summary.ts';
import type { ThresholdResult, ThresholdRule } from '../../scenarios/thresholds.ts';
import { CODE_METRIC_PREFIX, NO_ANSWER_METRIC } from './pay-metrics.ts';

/** The parts of k6's summary data this reads (https://grafana.com/docs/k6/latest/results-output/end-of-test/custom-summary/). */
export interface K6Metric {
  type: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface K6Group {
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
  target: string;
  reportDir: string;
  rules: readonly ThresholdRule[];
  /** Milliseconds since the epoch, when the summary is made (k6's Date.now()). */
  nowMs: number;
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
  const metric = data.metrics[rule.metric];
  const actual = metric?.values[rule.stat];
  // k6 has judged the rule; without its verdict (no samples at all) it has not passed.
  const ok = metric?.thresholds?.[rule.expression]?.ok ?? false;
  return { name: rule.name, metric: rule.metric, expression: rule.expression, actual, ok };
}

export function summaryFromK6(data: K6SummaryData, run: K6RunInfo): LoadSummary {
  const m = data.metrics;
  const count = (name: string): number => m[name]?.values.count ?? 0;
  const codes: Record<string, number> = {};
  for (const [name, metric] of Object.entries(m)) {
    if (name.startsWith(CODE_METRIC_PREFIX) && metric && metric.values.count > 0) codes[name.slice(CODE_METRIC_PREFIX.length)] = metric.values.count;
  }
  const sent = count('http_reqs');
  const durationMs = data.state?.testRunDurationMs ?? 0;
  const failed = m.http_req_failed?.values;
  const checks = m.checks?.values;
  const thresholds = run.rules.map((r) => thresholdResult(r, data));
  return {
    tool: 'k6',
    scenario: run.scenario,
    target: run.target,
    startedAt: new Date(run.nowMs - durationMs).toISOString(),
    durationS: durationMs / 1000,
    requests: { sent, answered: sent - count(NO_ANSWER_METRIC), dropped: count('dropped_iterations') },
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
    thresholds,
    passed: thresholds.every((t) => t.ok),
  };
}

/** What handleSummary returns: file path → content, and `stdout`. */
export function k6SummaryFiles(data: K6SummaryData, run: K6RunInfo): Record<string, string> {
  const summary = summaryFromK6(data, run);
  return {
    stdout: `${renderTextSummary(summary)}\n`,
    [`${run.reportDir}/k6-summary.json`]: `${JSON.stringify(summary, null, 2)}\n`,
    [`${run.reportDir}/k6-junit.xml`]: renderJUnit(summary),
  };
}
