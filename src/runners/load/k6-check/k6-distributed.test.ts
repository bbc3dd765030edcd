/**
 * A run split over k6 instances, verified without k6 or a cluster: the real pay script runs on
 * the test doubles once whole and once as four instances with the four execution segments of one
 * sequence, over one recorded latency stream; `paycheck load merge`'s merge of the four summaries
 * must equal the whole run — bucket counts identical, percentiles within the histogram's error of
 * the stream's, threshold verdicts identical — and must fail a threshold that every instance,
 * judged by k6 on its own slice, passed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../engine/index.ts';
import { nodeSigner } from '../../../adapters/node/node-digests.ts';
import { loadSpec } from '../../../adapters/node/spec-file.ts';
import { arrivalFilter, parseSequence } from '../../../checks/load/execution-segment.ts';
import { quantileOf, RELATIVE_ERROR } from '../../../checks/load/latency-histogram.ts';
import { SUMMARY_LOG_MARK, type LoadSummary } from '../../../checks/report/load-summary.ts';
import { mergeSummaries } from '../merge/merge-summaries.ts';
import { readSummary } from '../merge/read-summary.ts';
import { runPlanOf } from '../profiles/run-plan.ts';
import { profileByName } from '../profiles/profiles.ts';
import { k6State } from './doubles/k6-state.ts';
import { loadK6Script, type K6Script } from './k6-runner.ts';
import { summaryDataOf } from './k6-summary-data.ts';

const SCRIPT = new URL('../k6/pay.ts', import.meta.url);
const spec = loadSpec();
let script: K6Script;

before(async () => {
  script = await loadK6Script(SCRIPT, { SCENARIO: 'smoke', REPORT_DIR: 'out' }, 'distributed');
});
after(() => {
  k6State.reset();
  k6State.executionSegment = undefined;
  k6State.durationMs = () => 0;
});

/** Runs `iterations` of the script as one instance of `segment` and returns the summary it writes. */
function instance(iterations: readonly number[], latency: (iteration: number) => number, segment?: string): { summary: LoadSummary; stdout: string } {
  k6State.reset();
  // The whole run and the split one each meet a fresh target: the same orders are sent twice.
  k6State.handler = createEngine({ spec, signer: nodeSigner, selfCheck: true }).handle;
  k6State.executionSegment = segment;
  k6State.durationMs = () => latency(k6State.iterationInTest);
  script.setup();
  for (const i of iterations) {
    k6State.iterationInTest = i;
    script.default();
  }
  const files = script.handleSummary(summaryDataOf(script.options.thresholds));
  const file = Object.keys(files).find((name) => name.endsWith('.json'));
  assert.ok(file);
  return { summary: readSummary(JSON.parse(files[file]), file), stdout: files.stdout };
}

/** One recorded latency stream: a deterministic spread from 2 ms to ~200 ms with a slow tail. */
const stream = (i: number): number => 2 + ((i * 7919) % 97) + (i % 23 === 0 ? 180 : 0) + ((i * 31) % 10) / 10;

test('four instances of a split run merge into the whole run: buckets identical, percentiles within the error, verdicts identical', () => {
  const N = 400;
  const all = Array.from({ length: N }, (_, i) => i);
  const whole = instance(all, stream).summary;
  assert.deepEqual(whole.run, runPlanOf(profileByName('smoke')!, 1, 1), "the executor's plan of the same run: the merge tells one run's instances by it");
  const sequence = parseSequence('0,1/4,1/2,3/4,1');
  const parts = sequence.slice(1).map((to, k) => {
    const text = `${k === 0 ? '0' : `${sequence[k].n}/${sequence[k].d}`}:${to.n}/${to.d}`;
    const take = arrivalFilter({ from: sequence[k], to }, sequence);
    const run = instance(all.filter(take), stream, text);
    assert.ok(run.stdout.includes(SUMMARY_LOG_MARK), 'a runner of a split run logs its summary on one line');
    return { name: `runner ${k}`, summary: run.summary };
  });
  assert.deepEqual(parts.map((p) => p.summary.requests.sent), [100, 100, 100, 100]);

  const { summary: merged, share } = mergeSummaries(parts);
  assert.equal(share, '1');
  assert.deepEqual(merged.histograms?.pay?.buckets, whole.histograms?.pay?.buckets);
  assert.equal(merged.requests.sent, N);
  assert.deepEqual(merged.codes, whole.codes);
  const exact = all.map(stream).sort((a, b) => a - b);
  for (const [q, read] of [[0.5, merged.latencyMs?.p50], [0.95, merged.latencyMs?.p95], [0.99, merged.latencyMs?.p99]] as const) {
    const sample = exact[Math.ceil(q * N) - 1];
    assert.ok(Math.abs((read as number) - sample) / sample <= RELATIVE_ERROR + 1e-12, `p${q * 100}: ${read} vs ${sample}`);
  }
  assert.deepEqual(
    merged.thresholds.map((t) => [t.name, t.ok]),
    whole.thresholds.map((t) => [t.name, t.ok]),
  );
});

test('every instance passes p95 on its own slice, the whole run does not: the merge fails it', () => {
  // Seven calls an instance, one of them slow: k6 interpolates each slice's p95 to 185 ms (a pass
  // of p(95)<250); the whole run's 14 calls hold two slow ones at the p95 rank.
  const slow = (i: number): number => (i < 2 ? 260 : 10);
  const all = Array.from({ length: 14 }, (_, i) => i);
  const sequence = parseSequence('0,1/2,1');
  const parts = [
    { name: 'runner 0', summary: instance(all.filter(arrivalFilter({ from: sequence[0], to: sequence[1] }, sequence)), slow, '0:1/2').summary },
    { name: 'runner 1', summary: instance(all.filter(arrivalFilter({ from: sequence[1], to: sequence[2] }, sequence)), slow, '1/2:1').summary },
  ];
  const p95 = 'http_req_duration p(95)<250';
  for (const part of parts) assert.equal(part.summary.thresholds.find((t) => t.name === p95)?.ok, true, `${part.name} passes on its own slice`);
  const { summary } = mergeSummaries(parts);
  assert.equal(summary.thresholds.find((t) => t.name === p95)?.ok, false);
  assert.equal(summary.passed, false);
  assert.ok(Math.abs((quantileOf(summary.histograms!.pay!, 0.95) as number) - 260) / 260 <= RELATIVE_ERROR);
});
