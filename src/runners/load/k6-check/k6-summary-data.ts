/**
 * What k6 itself would hand `handleSummary` after the iterations run on the test doubles: its
 * built-in metrics (`http_reqs`, `http_req_duration` and `http_req_failed`, with the `endpoint`
 * sub-metrics the thresholds name), the script's custom metrics, the checks, and k6's own verdict
 * on each threshold — percentiles interpolated between ranks, as k6 computes them. So a test can
 * run one instance of a split run on the doubles and take its summary as k6 would write it.
 */
import type { K6SummaryData } from '../k6/lib/k6-summary.ts';
import { k6State, type RecordedPost } from './doubles/k6-state.ts';

type Values = Record<string, number>;

/** k6's percentile: linear interpolation between the closest ranks. */
function interpolated(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

function trendValues(samples: readonly number[]): Values {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0 };
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    avg: sum / sorted.length,
    min: sorted[0],
    med: interpolated(sorted, 0.5),
    max: sorted[sorted.length - 1],
    'p(90)': interpolated(sorted, 0.9),
    'p(95)': interpolated(sorted, 0.95),
    'p(99)': interpolated(sorted, 0.99),
    count: sorted.length,
  };
}

function rateValues(samples: readonly number[]): Values {
  const passes = samples.filter((v) => v !== 0).length;
  return { rate: samples.length === 0 ? 0 : passes / samples.length, passes, fails: samples.length - passes };
}

const counterValues = (samples: readonly number[]): Values => ({ count: samples.reduce((a, b) => a + b, 0) });

/** `p(95)<250`, `rate<0.01`, `rate>0.99`, `count<1` on a metric's values. */
function verdict(expression: string, values: Values): boolean {
  const match = /^([a-z]+(?:\(\d+\))?)\s*([<>])\s*([\d.]+)$/.exec(expression);
  if (!match) throw new Error(`k6 summary double: cannot judge "${expression}"`);
  const actual = values[match[1]];
  if (actual === undefined) return true;
  return match[2] === '<' ? actual < Number(match[3]) : actual > Number(match[3]);
}

const endpointOf = (post: RecordedPost): string | undefined => post.tags.endpoint;

/** The summary data of the iterations run since the last `k6State.reset()`, judged by `thresholds`. */
export function summaryDataOf(thresholds: Record<string, unknown[]>, testRunDurationMs = 15_000): K6SummaryData {
  const metrics: K6SummaryData['metrics'] = {};
  const builtins = (key: string, posts: readonly RecordedPost[]) => {
    metrics[key.replace('METRIC', 'http_req_duration')] = { type: 'trend', values: trendValues(posts.map((p) => p.durationMs)) };
    metrics[key.replace('METRIC', 'http_req_failed')] = { type: 'rate', values: rateValues(posts.map((p) => (p.response.status === 0 || p.response.status >= 400 ? 1 : 0))) };
  };
  builtins('METRIC', k6State.posts);
  for (const endpoint of new Set(k6State.posts.map(endpointOf).filter((e): e is string => e !== undefined))) {
    builtins(`METRIC{endpoint:${endpoint}}`, k6State.posts.filter((p) => endpointOf(p) === endpoint));
  }
  metrics.http_reqs = { type: 'counter', values: { count: k6State.posts.length, rate: k6State.posts.length / (testRunDurationMs / 1000) } };
  for (const [name, m] of k6State.metrics) {
    metrics[name] = { type: m.type, values: m.type === 'trend' ? trendValues(m.values) : m.type === 'rate' ? rateValues(m.values) : counterValues(m.values) };
  }
  metrics.checks = { type: 'rate', values: rateValues(k6State.checks.map((c) => (c.ok ? 1 : 0))) };
  for (const [key, list] of Object.entries(thresholds)) {
    const metric = metrics[key];
    if (!metric) continue;
    metric.thresholds = Object.fromEntries(
      list.map((t) => {
        const expression = typeof t === 'string' ? t : (t as { threshold: string }).threshold;
        return [expression, { ok: verdict(expression, metric.values) }];
      }),
    );
  }
  const byName = new Map<string, { passes: number; fails: number }>();
  for (const c of k6State.checks) {
    const t = byName.get(c.name) ?? { passes: 0, fails: 0 };
    if (c.ok) t.passes++;
    else t.fails++;
    byName.set(c.name, t);
  }
  return { metrics, root_group: { checks: [...byName].map(([name, t]) => ({ name, ...t })) }, state: { testRunDurationMs } };
}
