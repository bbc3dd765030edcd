/**
 * What a load run reports, whichever executor ran it: the shape of reports/load-summary.json
 * (executor) and reports/k6-summary.json (k6), which the text summary and the JUnit file render.
 */
import type { CashierOutcome } from '../../kernel/lifecycle/cashier.ts';
import type { Endpoint } from '../load/thresholds.ts';
import { evaluateThresholds, metricKey, type MetricStats, type ThresholdResult, type ThresholdRule } from '../load/thresholds.ts';
import type { NoCodeCause, OutcomeClass } from '../load/outcomes.ts';
import type { LatencyHistogram } from '../load/latency-histogram.ts';
import { quantileAt } from '../load/quantile.ts';

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

/** One second of a run, for one call: what the load report draws over time. */
export interface SecondOfRun {
  /** Seconds since the run started: the row covers [t, t+1). */
  t: number;
  sent: number;
  answered: number;
  /** No answer, or an HTTP status outside 200–399. */
  failed: number;
  /** Answers (and calls without one: `none`) per code. */
  codes: Record<string, number>;
  /** Latency of this second's answers, ms, read from `buckets` (latency-histogram.ts). */
  p50?: number;
  p95?: number;
  p99?: number;
  /** This second's latency histogram buckets, so that runners' seconds merge exactly. */
  buckets: Record<string, number>;
}

/** One call's figures in the checkout scenario. */
export interface EndpointSummary {
  sent: number;
  answered: number;
  /** No answer, or an HTTP status outside 200–399. */
  failedRequests: { count: number; rate: number };
  latencyMs?: Distribution;
  /** Answers per `code` (`none`: no code). */
  codes: Record<string, number>;
  /** The `none` of `codes`, by cause. */
  noCodeCauses?: Partial<Record<NoCodeCause, number>>;
}

/** The checkout scenario's orders, each carried to its end by the cashier. */
export interface OrdersSummary {
  /** Orders whose pay was sent. */
  started: number;
  /** Orders the cashier finished (all of them once a run has ended normally; an interrupted run leaves the rest open). */
  finished: number;
  outcomes: Record<CashierOutcome, number>;
  /** Finished without a final order status: refused, absent or unknown. */
  unsettled: { count: number; rate: number };
  /** Pays answered as a repeat of an order_id (1003/1007): an order paid twice. */
  repaid: number;
  /** Orders per mock scenario asked for (`X-Mock-Scenario`). */
  mix: Record<string, number>;
}

/**
 * What every runner of one run shares and a runner of another run need not: the plan it ran.
 * Summaries that differ in it are not one run's, however their segments fit.
 */
export interface RunPlan {
  /** Every stage this many times the profile's (`--duration-scale`, k6's DURATION_SCALE; 1 unscaled). */
  durationScale: number;
  /** The stages as run: seconds, and the arrival rate at each one's end. */
  stages: { durationS: number; target: number }[];
  /** The arrivals the whole run plans, over all its runners. */
  plannedArrivals: number;
  /** The cashier's time scale (checkout only). */
  timeScale?: number;
}

export interface LoadSummary {
  tool: 'paycheck-load' | 'k6';
  scenario: string;
  run: RunPlan;
  /** The pay URL, never credentials. */
  target: string;
  startedAt: string;
  durationS: number;
  seed?: number;
  /** The share of the run's arrivals this runner took, as k6 writes it (`0:1` the whole run, `1/4:1/2` …). */
  segment?: string;
  /** Each call's latencies in fixed buckets, so that `paycheck load merge` adds runners up exactly. */
  histograms?: Partial<Record<Endpoint, LatencyHistogram>>;
  /** Each call's run, second by second (executor; k6 keeps no time series). */
  series?: Partial<Record<Endpoint, SecondOfRun[]>>;
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
  /** Answers per `code`; `none` for no code (see outcomes.ts). The pay call's, in the checkout scenario. */
  codes: Record<string, number>;
  /** The `none` of `codes` by cause: why those requests have no code (executor; k6 counts only `none`). */
  noCodeCauses?: Partial<Record<NoCodeCause, number>>;
  outcomes: Record<OutcomeClass, number>;
  failedRequests: { count: number; rate: number };
  /** Share of sent requests not answered with 1000 (pay calls, in the checkout scenario). */
  nonSuccessShare: number;
  checks: CheckTally & { rate: number; byName: Record<string, CheckTally> };
  /** Checkout scenario: each call's figures. */
  endpoints?: Partial<Record<Endpoint, EndpointSummary>>;
  /** Checkout scenario: how the orders ended. */
  orders?: OrdersSummary;
  thresholds: ThresholdResult[];
  /** The threshold that stopped the run early, if one did. */
  abortedBy?: string;
  /**
   * Stopped by a signal before its end: a part of the run, never its pass, whatever the
   * thresholds judged on that part say (they are still evaluated, as k6 does).
   */
  interrupted?: Interruption;
  passed: boolean;
}

interface Interruption {
  /** `SIGINT` or `SIGTERM`; in a merge, the runners' signals, comma-separated. */
  signal: string;
  /** The arrivals whose time had come when it stopped (released or dropped): the part of `requests.planned` that ran. */
  arrivals: number;
}

/** The share of the planned arrivals an interrupted run reached; undefined when the summary plans none it can name (requests.planned absent or 0). */
export function interruptedShare(s: Pick<LoadSummary, 'interrupted' | 'requests'>): number | undefined {
  const planned = s.requests.planned;
  if (s.interrupted === undefined || planned === undefined || planned === 0) return undefined;
  return s.interrupted.arrivals / planned;
}

/** Starts the one line on which a runner of a split run logs its summary, for `paycheck load merge` to find in the runners' logs. */
export const SUMMARY_LOG_MARK = 'paycheck-summary ';

/** The statistics thresholds are evaluated on, from a summary's measurements. */
export function metricStatsOf(s: Pick<LoadSummary, 'latencyMs' | 'failedRequests' | 'nonSuccessShare' | 'checks' | 'requests' | 'endpoints' | 'orders'>): MetricStats {
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
  for (const [endpoint, e] of Object.entries(s.endpoints ?? {}) as [Endpoint, EndpointSummary][]) {
    if (e.latencyMs) {
      stats[`${metricKey('http_req_duration', endpoint)}:p(95)`] = e.latencyMs.p95;
      stats[`${metricKey('http_req_duration', endpoint)}:p(99)`] = e.latencyMs.p99;
    }
    if (e.sent > 0) stats[`${metricKey('http_req_failed', endpoint)}:rate`] = e.failedRequests.rate;
  }
  if (s.orders && s.orders.finished > 0) {
    stats['checkout_unsettled:rate'] = s.orders.unsettled.rate;
    stats['checkout_repaid:count'] = s.orders.repaid;
  }
  return stats;
}

/** A run's measurements judged by its profile's rules: a single run's and a merge's, by one code. */
export function judgedSummary(partial: Omit<LoadSummary, 'thresholds' | 'passed'>, rules: readonly ThresholdRule[]): LoadSummary {
  const thresholds = evaluateThresholds(rules, metricStatsOf(partial));
  // An interrupted run is judged on the part that ran, as k6 does, and never passes.
  return { ...partial, thresholds, passed: thresholds.every((t) => t.ok) && partial.abortedBy === undefined && partial.interrupted === undefined };
}

export function failedThresholdNames(s: Pick<LoadSummary, 'thresholds'>): string[] {
  return s.thresholds.filter((t) => !t.ok).map((t) => t.name);
}

/** `sorted` ascending and non-empty; the rule a histogram's percentiles follow too (quantile.ts). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return quantileAt(sorted.length, p, (rank) => sorted[rank]);
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
