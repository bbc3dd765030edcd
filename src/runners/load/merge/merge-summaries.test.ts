import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RELATIVE_ERROR } from '../../../checks/load/latency-histogram.ts';
import type { Distribution, LoadSummary } from '../../../checks/report/load-summary.ts';
import { mergeSummaries } from './merge-summaries.ts';
import { runnerSummary } from './runner-summary-fixture.ts';
import { profileByName, scaleDurations } from '../profiles/profiles.ts';
import { runPlanOf } from '../profiles/run-plan.ts';

const PERCENTILES = ['p50', 'p90', 'p95', 'p99'] as const;

function assertWithinBound(read: Distribution | undefined, exact: Distribution | undefined): void {
  assert.ok(read && exact);
  for (const p of PERCENTILES) assert.ok(Math.abs(read[p] - exact[p]) <= RELATIVE_ERROR * exact[p] + 1e-9, `${p}: merged ${read[p]}, the run's ${exact[p]}`);
  assert.equal(read.max, exact.max);
}

/** The verdicts agree unless a percentile the rules judge lies within the histogram's error of its limit. */
function nearALimit(s: LoadSummary): boolean {
  return s.thresholds.some((t) => t.metric === 'http_req_duration' && t.actual !== undefined && Math.abs(t.actual - Number(/<(\d+)/.exec(t.expression)?.[1])) <= RELATIVE_ERROR * t.actual);
}

test("a merge of one runner's summary with fewer than 100 calls and one outlier gives the run's percentiles within 1 % and its verdict", () => {
  const latencies = [...Array.from({ length: 60 }, (_, i) => 100 + ((i * 37) % 140)), 623.1];
  const run = runnerSummary(latencies);
  assert.equal(run.passed, true, "the run itself: p99 below 500 ms, interpolated below the outlier");
  const { summary, runners, share } = mergeSummaries([{ name: 'load-summary.json', summary: run }]);
  assert.deepEqual([runners, share], [1, '1']);
  assertWithinBound(summary.latencyMs, run.latencyMs);
  assert.ok((summary.latencyMs?.p99 ?? 0) < 500, `merged p99 ${summary.latencyMs?.p99}`);
  assert.equal(summary.passed, run.passed);
  assert.deepEqual(
    summary.thresholds.map((t) => [t.name, t.ok]),
    run.thresholds.map((t) => [t.name, t.ok]),
  );
});

test("any runner's summary merged alone: within 1 % of its own percentiles, the same verdict unless one is within 1 % of its limit", () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 1, max: 900, noNaN: true }), { minLength: 1, maxLength: 300 }), (latencies) => {
      const run = runnerSummary(latencies);
      const { summary } = mergeSummaries([{ name: 'one.json', summary: run }]);
      assertWithinBound(summary.latencyMs, run.latencyMs);
      if (!nearALimit(run)) assert.equal(summary.passed, run.passed);
    }),
    { numRuns: 300 },
  );
});

test('a merge of two segments is the same run unsplit: the same histogram, its percentiles within 1 % of the exact ones, the same verdict', () => {
  const latencies = Array.from({ length: 90 }, (_, i) => 180 + ((i * 53) % 300) + (i === 41 ? 420 : 0));
  const whole = runnerSummary(latencies);
  const first = runnerSummary(latencies.filter((_, i) => i % 2 === 0), '0:1/2');
  const second = runnerSummary(latencies.filter((_, i) => i % 2 === 1), '1/2:1');
  const { summary, share } = mergeSummaries([
    { name: 'a.json', summary: first },
    { name: 'b.json', summary: second },
  ]);
  assert.equal(share, '1');
  assert.deepEqual(summary.histograms?.pay?.buckets, whole.histograms?.pay?.buckets);
  assertWithinBound(summary.latencyMs, whole.latencyMs);
  assert.deepEqual(summary.latencyMs, mergeSummaries([{ name: 'whole.json', summary: whole }]).summary.latencyMs, 'read from one histogram, the same figures');
  assert.equal(summary.passed, whole.passed);
  assert.deepEqual([summary.requests.sent, summary.checks.passes], [whole.requests.sent, whole.checks.passes]);
});

test('summaries that are not one run are refused, naming what differs: the duration scale, the stages, the target, a start minutes apart', () => {
  const latencies = Array.from({ length: 20 }, (_, i) => 10 + i);
  const first = runnerSummary(latencies, '0:1/2');
  const second = runnerSummary(latencies, '1/2:1');
  const merge = (other: LoadSummary) => () =>
    mergeSummaries([
      { name: 'a.json', summary: first },
      { name: 'b.json', summary: other },
    ]);
  const scaled = scaleDurations(profileByName('smoke')!, 0.2);
  assert.throws(merge({ ...second, run: runPlanOf(scaled, 0.2, 1) }), /b\.json is a run of duration scale 0\.2, a\.json of duration scale 1: one run's summaries only/);
  assert.throws(merge({ ...second, run: { ...second.run, stages: [{ durationS: 15, target: 10 }] } }), /b\.json is a run of stages 15 s → 10\/s, a\.json of stages 5 s → 10\/s, 10 s → 10\/s/);
  assert.throws(merge({ ...second, target: 'http://127.0.0.1:4712/pay/qrcode' }), /b\.json was aimed at http:\/\/127\.0\.0\.1:4712\/pay\/qrcode, a\.json at http:\/\/127\.0\.0\.1:4010\/pay\/qrcode/);
  assert.throws(merge({ ...second, startedAt: '2026-01-01T00:05:00.000Z' }), /b\.json started 300 s after a\.json: the runners of one run start together \(within 10 s\)/);
  assert.equal(merge({ ...second, startedAt: '2026-01-01T00:00:04.000Z' })().share, '1', 'runners a few seconds apart are one run');
  assert.deepEqual(merge(second)().summary.run, first.run);
});
