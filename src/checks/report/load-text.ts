/** The end-of-run summary for a terminal, from a LoadSummary (both executors print it). */
import type { ThresholdMetric } from '../load/thresholds.ts';
import type { Distribution, LoadSummary } from './load-summary.ts';
import { failedThresholdNames, interruptedShare } from './load-summary.ts';
import { namedNoCodeCauses } from '../load/outcomes.ts';

const fixed = (n: number, digits = 1): string => n.toFixed(digits);

/** `612.0 ms` for latencies, `1.23%` for rates, `3` for counts; `no data` when nothing was measured. */
export function formatMetricValue(metric: ThresholdMetric, value: number | undefined): string {
  if (value === undefined) return 'no data';
  if (metric === 'http_req_duration') return `${fixed(value)} ms`;
  return metric === 'checkout_repaid' ? String(value) : `${fixed(value * 100, 2)}%`;
}

function codeList(codes: Readonly<Record<string, number>>): string {
  return (
    Object.entries(codes)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, n]) => `${code} ×${n}`)
      .join('  ') || 'none'
  );
}

/** ` (timeout ×3 · HTTP 503 ×2)`: why the requests without a code have none, counted as codes are; '' when none are counted. */
function causeList(causes: LoadSummary['noCodeCauses']): string {
  const named = namedNoCodeCauses(causes).map(({ name, count }) => `${name} ×${count}`);
  return named.length === 0 ? '' : ` (${named.join(' · ')})`;
}

/** The checkout profile's lines: each call's figures, then how the orders ended. */
function checkoutLines(s: LoadSummary): string[] {
  const lines: string[] = [];
  for (const [endpoint, e] of Object.entries(s.endpoints ?? {})) {
    if (!e) continue;
    lines.push(
      `${endpoint.padEnd(10)} ${e.sent} sent, ${e.answered} answered, ${e.failedRequests.count} failed (${fixed(e.failedRequests.rate * 100, 2)}%)`,
      `           latency ${distribution(e.latencyMs, 'ms')}`,
      `           codes   ${codeList(e.codes)}${causeList(e.noCodeCauses)}`,
    );
  }
  const o = s.orders;
  if (o) {
    const ends = Object.entries(o.outcomes)
      .filter(([, n]) => n > 0)
      .map(([outcome, n]) => `${outcome} ${n}`)
      .join(' · ');
    const mix = Object.entries(o.mix)
      .map(([scenario, n]) => `${scenario} ${n}`)
      .join(' · ');
    lines.push(
      `orders     ${o.started} started, ${o.finished} finished: ${ends || 'none'}`,
      `           unsettled ${o.unsettled.count} (${fixed(o.unsettled.rate * 100, 2)}%) · paid twice ${o.repaid}`,
      `           mix asked ${mix}`,
    );
  }
  return lines;
}

function distribution(d: Distribution | undefined, unit: string): string {
  if (!d) return 'no data';
  return `mean ${fixed(d.mean)} ${unit}  p50 ${fixed(d.p50)}  p90 ${fixed(d.p90)}  p95 ${fixed(d.p95)}  p99 ${fixed(d.p99)}  max ${fixed(d.max)}`;
}

export function renderTextSummary(s: LoadSummary): string {
  const r = s.requests;
  const o = s.outcomes;
  const checked = s.checks.passes + s.checks.fails;
  const lines = [
    `profile ${s.scenario} → ${s.target}  (${s.tool}, ${fixed(s.durationS)} s${s.seed === undefined ? '' : `, seed ${s.seed}`})`,
    `requests   ${r.planned === undefined ? '' : `${r.planned} planned, `}${r.sent} sent, ${r.answered} answered, ${r.dropped} dropped — ${fixed(s.achievedRatePerS)}/s`,
    `latency    ${distribution(s.latencyMs, 'ms')}`,
    `signing    ${distribution(s.signingUs, 'µs')}`,
    `codes      ${s.orders ? 'pay: ' : ''}${codeList(s.codes)}`,
    `outcomes   ${s.orders ? 'pay: ' : ''}paid ${o.paid} · pending ${o.pending} · declined ${o.declined} · rate-limited (5002) ${o.rateLimited} · rejected ${o.rejected} · unknown code ${o.unknownCode} · no code ${o.noCode}${causeList(s.noCodeCauses)}`,
    `failed     ${s.failedRequests.count} requests (${fixed(s.failedRequests.rate * 100, 2)}%) without an HTTP 2xx/3xx answer`,
    ...checkoutLines(s),
    `checks     ${s.checks.passes}/${checked} passed (${fixed(s.checks.rate * 100, 2)}%)`,
    ...Object.entries(s.checks.byName)
      .filter(([, t]) => t.fails > 0)
      .map(([name, t]) => `  ✗ ${name}: ${t.fails} failed`),
    'thresholds',
    ...s.thresholds.map((t) => `  ${t.ok ? '✓' : '✗'} ${t.name.padEnd(s.orders ? 50 : 36)} ${formatMetricValue(t.metric, t.actual)}`),
  ];
  if (s.abortedBy) lines.push(`ABORTED early: ${s.abortedBy} failed`);
  const failed = failedThresholdNames(s);
  const judged = failed.length === 0 ? 'every threshold met' : `threshold${failed.length === 1 ? '' : 's'} failed: ${failed.join('; ')}`;
  if (s.interrupted) lines.push(`INTERRUPTED by ${s.interrupted.signal}, ${interruptionText(s)}: ${judged} on that part — not a verdict on the whole run`);
  else lines.push(s.passed ? 'PASS' : `FAIL: ${judged}`);
  return lines.join('\n');
}

/** `52 of 130 planned arrivals (40.0%) ran`, or the arrivals alone where the plan is not known. */
export function interruptionText(s: LoadSummary): string {
  const share = interruptedShare(s);
  const arrivals = s.interrupted?.arrivals ?? 0;
  return share === undefined ? `${arrivals} arrivals ran` : `${arrivals} of ${s.requests.planned} planned arrivals (${fixed(share * 100)}%) ran`;
}
