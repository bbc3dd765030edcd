/** The end-of-run summary for a terminal, from a LoadSummary (both executors print it). */
import type { ThresholdMetric } from '../scenarios/thresholds.ts';
import type { Distribution, LoadSummary } from './load-summary.ts';
import { failedThresholdNames } from './load-summary.ts';

const fixed = (n: number, digits = 1): string => n.toFixed(digits);

/** `612.0 ms` for latencies, `1.23%` for rates; `no data` when nothing was measured. */
export function formatMetricValue(metric: ThresholdMetric, value: number | undefined): string {
  if (value === undefined) return 'no data';
  return metric === 'http_req_duration' ? `${fixed(value)} ms` : `${fixed(value * 100, 2)}%`;
}

function distribution(d: Distribution | undefined, unit: string): string {
  if (!d) return 'no data';
  return `mean ${fixed(d.mean)} ${unit}  p50 ${fixed(d.p50)}  p90 ${fixed(d.p90)}  p95 ${fixed(d.p95)}  p99 ${fixed(d.p99)}  max ${fixed(d.max)}`;
}

export function renderTextSummary(s: LoadSummary): string {
  const r = s.requests;
  const o = s.outcomes;
  const codes = Object.entries(s.codes)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, n]) => `${code} ×${n}`)
    .join('  ');
  const checked = s.checks.passes + s.checks.fails;
  const lines = [
    `scenario ${s.scenario} → ${s.target}  (${s.tool}, ${fixed(s.durationS)} s${s.seed === undefined ? '' : `, seed ${s.seed}`})`,
    `requests   ${r.planned === undefined ? '' : `${r.planned} planned, `}${r.sent} sent, ${r.answered} answered, ${r.dropped} dropped — ${fixed(s.achievedRatePerS)}/s`,
    `latency    ${distribution(s.latencyMs, 'ms')}`,
    `signing    ${distribution(s.signingUs, 'µs')}`,
    `codes      ${codes || 'none'}`,
    `outcomes   paid ${o.paid} · pending ${o.pending} · declined ${o.declined} · rate-limited (5002) ${o.rateLimited} · rejected ${o.rejected} · unknown code ${o.unknownCode} · no code ${o.noCode}`,
    `failed     ${s.failedRequests.count} requests (${fixed(s.failedRequests.rate * 100, 2)}%) without an HTTP 2xx/3xx answer`,
    `checks     ${s.checks.passes}/${checked} passed (${fixed(s.checks.rate * 100, 2)}%)`,
    ...Object.entries(s.checks.byName)
      .filter(([, t]) => t.fails > 0)
      .map(([name, t]) => `  ✗ ${name}: ${t.fails} failed`),
    'thresholds',
    ...s.thresholds.map((t) => `  ${t.ok ? '✓' : '✗'} ${t.name.padEnd(36)} ${formatMetricValue(t.metric, t.actual)}`),
  ];
  if (s.abortedBy) lines.push(`ABORTED early: ${s.abortedBy} failed`);
  const failed = failedThresholdNames(s);
  lines.push(s.passed ? 'PASS' : `FAIL: threshold${failed.length === 1 ? '' : 's'} failed: ${failed.join('; ')}`);
  return lines.join('\n');
}
