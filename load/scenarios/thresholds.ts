/**
 * A scenario's thresholds as rules over named metric statistics, written in k6's own threshold
 * syntax (`p(95)<250`). k6 evaluates them itself; the executor evaluates the same rules over its
 * own measurements, so a threshold is named the same way in both executors' reports.
 */
import type { Thresholds } from './scenarios.ts';

/** The metrics thresholds speak of. `pay_non_success` is this project's custom Rate. */
export type ThresholdMetric = 'http_req_duration' | 'http_req_failed' | 'pay_non_success' | 'checks';
export type ThresholdStat = 'p(95)' | 'p(99)' | 'rate';

export interface ThresholdRule {
  metric: ThresholdMetric;
  stat: ThresholdStat;
  op: '<' | '>';
  limit: number;
  /** k6's expression, e.g. `p(95)<250`. */
  expression: string;
  /** `http_req_duration p(95)<250`: how reports and errors name the rule. */
  name: string;
  abortOnFail: boolean;
  abortDelayS?: number;
  unit: 'ms' | 'ratio';
}

function rule(metric: ThresholdMetric, stat: ThresholdStat, op: '<' | '>', limit: number, extra: Partial<ThresholdRule> = {}): ThresholdRule {
  const expression = `${stat}${op}${limit}`;
  return { metric, stat, op, limit, expression, name: `${metric} ${expression}`, abortOnFail: false, unit: metric === 'http_req_duration' ? 'ms' : 'ratio', ...extra };
}

export function thresholdRules(t: Thresholds): ThresholdRule[] {
  const abort = t.abortOnFailedRate ? { abortOnFail: true, abortDelayS: t.abortDelayS ?? 0 } : {};
  return [
    rule('http_req_duration', 'p(95)', '<', t.p95Ms),
    rule('http_req_duration', 'p(99)', '<', t.p99Ms),
    rule('http_req_failed', 'rate', '<', t.failedRate, abort),
    rule('pay_non_success', 'rate', '<', t.nonSuccessShare),
    rule('checks', 'rate', '>', t.checksRate),
  ];
}

/** Observed statistics keyed `metric:stat` (`http_req_duration:p(95)`); absent = no data. */
export type MetricStats = Partial<Record<`${ThresholdMetric}:${ThresholdStat}`, number>>;

export interface ThresholdResult {
  name: string;
  metric: ThresholdMetric;
  expression: string;
  /** Undefined when nothing was measured, which fails the rule: no evidence is no pass. */
  actual?: number;
  ok: boolean;
}

export function evaluateRule(r: ThresholdRule, stats: MetricStats): ThresholdResult {
  const actual = stats[`${r.metric}:${r.stat}`];
  const ok = actual !== undefined && Number.isFinite(actual) && (r.op === '<' ? actual < r.limit : actual > r.limit);
  return { name: r.name, metric: r.metric, expression: r.expression, actual, ok };
}

export function evaluateThresholds(rules: readonly ThresholdRule[], stats: MetricStats): ThresholdResult[] {
  return rules.map((r) => evaluateRule(r, stats));
}
