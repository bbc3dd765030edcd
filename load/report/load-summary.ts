/**
 * What a load run reports, whichever executor ran it: the shape of reports/load-summary.json
 * (executor) and reports/k6-summary.json (k6), which the text summary and the JUnit file render.
 */
import type { MetricStats, ThresholdResult } from '../scenarios/thresholds.ts';
import type { OutcomeClass } from './outcomes.ts';

export interface Distribution {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface CheckTally {
  passes: number;
  fails: number;
}

export interface LoadSummary {
  tool: 'paycheck-load' | 'k6';
  scenario: string;
  /** The pay URL, never credentials. */
  target: string;
  startedAt: string;
  durationS: number;
  seed?: number;
  requests: {
    /** Arrivals the scenario schedules (executor only; k6 reports dropped ones instead). */
    planned?: number;
    sent: number;
    /** Requests that got an HTTP answer of any status. */
    answered: number;
    /** Arrivals never sent: no free VU / the in-flight cap was reached. */
    dropped: number;
  };
  achievedRatePerS: number;
  /** Absent when nothing was answered. */
  latencyMs?: Distribution;
  /** Building and signing one request. */
  signingUs?: Distribution;
  /** Answers per `code`; `none` for no code (see outcomes.ts). */
  codes: Record<string, number>;
  outcomes: Record<OutcomeClass, number>;
  failedRequests: { count: number; rate: number };
  /** Share of sent requests not answered with 1000. */
  nonSuccessShare: number;
  checks: CheckTally & { rate: number; byName: Record<string, CheckTally> };
  thresholds: ThresholdResult[];
  /** The threshold that stopped the run early, if one did. */
  abortedBy?: string;
  passed: boolean;
}

/** The statistics thresholds are evaluated on, from a summary's measurements. */
export function metricStatsOf(s: Pick<LoadSummary, 'latencyMs' | 'failedRequests' | 'nonSuccessShare' | 'checks' | 'requests'>): MetricStats {
  const stats: MetricStats = {};
  if (s.latencyMs) {
    stats['http_req_duration:p(95)'] = s.latencyMs.p95;
    stats['http_req_duration:p(99)'] = s.latencyMs.p99;
  }
  if (s.requests.sent > 0) {
    stats['http_req_failed:rate'] = s.failedRequests.rate;
    stats['pay_non_success:rate'] = s.nonSuccessShare;
  }
  if (s.checks.passes + s.checks.fails > 0) stats['checks:rate'] = s.checks.rate;
  return stats;
}

export function failedThresholdNames(s: Pick<LoadSummary, 'thresholds'>): string[] {
  return s.thresholds.filter((t) => !t.ok).map((t) => t.name);
}

/** Linear interpolation between closest ranks; `sorted` ascending and non-empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export function distributionOf(sorted: ArrayLike<number>): Distribution | undefined {
  if (sorted.length === 0) return undefined;
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  return {
    mean: sum / sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}
