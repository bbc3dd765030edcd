/**
 * reports/load-report.html: one self-contained page (no CDN; opens offline) that shows a load run
 * — requests and answers per second, latency p50/p95/p99 over time, the latency distribution,
 * outcome classes over time, for each call of the checkout — beside the thresholds, the run's
 * settings and its seed. Drawn with uPlot, inlined: a maintained time-series chart library of
 * ~50 KB that draws tens of thousands of points on a canvas, where Chart.js is four times the size
 * and ECharts twenty. The data is the summary's own (`series`, `histograms`), embedded as JSON.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bucketValue } from '../load/latency-histogram.ts';
import { outcomeOf, type OutcomeClass } from '../load/outcomes.ts';
import { NO_CODE } from '../load/outcomes.ts';
import type { Endpoint } from '../load/thresholds.ts';
import { formatMetricValue, interruptionText } from './load-text.ts';
import type { LoadSummary, SecondOfRun } from './load-summary.ts';

const OUTCOME_CLASSES: readonly OutcomeClass[] = ['paid', 'pending', 'declined', 'rateLimited', 'rejected', 'unknownCode', 'noCode'];

interface ChartData {
  id: string;
  title: string;
  /** uPlot's columns: x first, then one array per series. */
  columns: (number | null)[][];
  labels: string[];
  kind: 'time' | 'distribution';
}

function uplotAssets(): { js: string; css: string } {
  const require = createRequire(import.meta.url);
  const read = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
  return { js: read('uPlot.iife.min.js'), css: read('uPlot.min.css') };
}

function callCharts(endpoint: Endpoint, series: readonly SecondOfRun[], buckets: Readonly<Record<string, number>> | undefined, label: string): ChartData[] {
  const t = series.map((s) => s.t);
  const byClass = OUTCOME_CLASSES.map((c) => series.map((s) => Object.entries(s.codes).reduce((n, [code, count]) => n + (outcomeOf(code === NO_CODE ? undefined : Number(code)) === c ? count : 0), 0)));
  const indices = Object.keys(buckets ?? {})
    .map(Number)
    .sort((a, b) => a - b);
  return [
    { id: `${endpoint}-rate`, title: `${label}requests per second`, kind: 'time', labels: ['sent', 'answered', 'failed'], columns: [t, series.map((s) => s.sent), series.map((s) => s.answered), series.map((s) => s.failed)] },
    { id: `${endpoint}-latency`, title: `${label}latency over time (ms)`, kind: 'time', labels: ['p50', 'p95', 'p99'], columns: [t, series.map((s) => s.p50 ?? null), series.map((s) => s.p95 ?? null), series.map((s) => s.p99 ?? null)] },
    { id: `${endpoint}-distribution`, title: `${label}latency distribution (answers per 2 % bucket, ms)`, kind: 'distribution', labels: ['answers'], columns: [indices.map(bucketValue), indices.map((i) => buckets?.[String(i)] ?? 0)] },
    { id: `${endpoint}-outcomes`, title: `${label}outcome classes per second`, kind: 'time', labels: [...OUTCOME_CLASSES], columns: [t, ...byClass] },
  ];
}

function chartsOf(summary: LoadSummary): ChartData[] {
  const calls = Object.keys(summary.series ?? {}) as Endpoint[];
  const several = calls.length > 1;
  return calls.flatMap((e) => callCharts(e, summary.series?.[e] ?? [], summary.histograms?.[e]?.buckets, several ? `${e}: ` : ''));
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside a <script> element: nothing in it may close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

function rows(entries: readonly [string, string][]): string {
  return entries.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
}

export function renderLoadReportHtml(summary: LoadSummary): string {
  const { js, css } = uplotAssets();
  const r = summary.requests;
  const settings: [string, string][] = [
    ['profile', summary.scenario],
    ['target', summary.target],
    ['executor', summary.tool],
    ['started', summary.startedAt],
    ['duration', `${summary.durationS.toFixed(1)} s`],
    ['seed', summary.seed === undefined ? '—' : `${summary.seed} (PAY_SEED=${summary.seed} replays the orders)`],
    ['segment', summary.segment ?? '0:1'],
    ['requests', `${r.planned === undefined ? '' : `${r.planned} planned, `}${r.sent} sent, ${r.answered} answered, ${r.dropped} dropped — ${summary.achievedRatePerS.toFixed(1)}/s`],
    ...(summary.interrupted ? [['interrupted', `by ${summary.interrupted.signal}: ${interruptionText(summary)}; the thresholds are judged on that part`] as [string, string]] : []),
  ];
  const verdict = summary.interrupted ? 'INTERRUPTED' : summary.passed ? 'PASS' : 'FAIL';
  const thresholds = summary.thresholds
    .map((t) => `<tr class="${t.ok ? 'pass' : 'fail'}"><td>${t.ok ? '✓' : '✗'}</td><td>${escapeHtml(t.name)}</td><td>${escapeHtml(formatMetricValue(t.metric, t.actual))}</td></tr>`)
    .join('');
  const charts = chartsOf(summary);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>paycheck load — ${escapeHtml(summary.scenario)}</title>
<style>${css}
body{font:14px system-ui,sans-serif;margin:1.5rem;max-width:1100px}h1{font-size:1.3rem}table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #ddd}tr.fail td{color:#b00020}tr.pass td:first-child{color:#1b7f3b}
.verdict{font-weight:bold;color:${summary.passed ? '#1b7f3b' : '#b00020'}}.chart{margin:1rem 0}.none{color:#666}</style></head>
<body>
<h1>paycheck load: ${escapeHtml(summary.scenario)} — <span class="verdict">${verdict}</span></h1>
<h2>Thresholds</h2><table>${thresholds}</table>
<h2>Run</h2><table>${rows(settings)}</table>
<h2>Over time</h2>
${charts.length === 0 ? '<p class="none">This summary has no per-second series (k6 keeps none): only the figures above.</p>' : charts.map((c) => `<div class="chart" id="${c.id}"></div>`).join('\n')}
<script type="application/json" id="paycheck-charts">${scriptJson(charts)}</script>
<script>${js}</script>
<script>
(() => {
  const charts = JSON.parse(document.getElementById('paycheck-charts').textContent);
  const colors = ['#1f77b4', '#2ca02c', '#d62728', '#ff7f0e', '#9467bd', '#8c564b', '#7f7f7f'];
  window.paycheckCharts = charts.map((c) => {
    const distribution = c.kind === 'distribution';
    const series = [{ label: distribution ? 'ms' : 's' }, ...c.labels.map((label, i) => ({
      label, stroke: colors[i % colors.length], width: 1.5,
      ...(distribution ? { fill: colors[0] + '55', paths: uPlot.paths.bars({ size: [0.9, 40] }) } : {}),
    }))];
    const plot = new uPlot({
      title: c.title, width: Math.min(1060, window.innerWidth - 40), height: 240, series,
      scales: { x: distribution ? { time: false, distr: 3 } : { time: false } },
      axes: [{ label: distribution ? 'latency (ms, log)' : 'seconds into the run' }, {}],
    }, c.columns, document.getElementById(c.id));
    return { id: c.id, title: c.title, points: c.columns[0].length, drawn: plot.ctx.canvas.width > 0 };
  });
  document.body.dataset.rendered = 'true';
})();
</script>
</body></html>
`;
}
