/**
 * A run split over executors, as k6-operator splits one over pods: four in-repo executors, each
 * with its `--execution-segment` of one sequence, against one embedded mock; `paycheck load
 * merge` adds their summaries up to the whole schedule, reads the runners' logs as well as their
 * files, and refuses what is not one run.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { SUMMARY_LOG_MARK, type LoadSummary } from '../../src/checks/report/load-summary.ts';
import { plannedArrivals } from '../../src/runners/load/profiles/arrival-schedule.ts';
import { profileByName, scaleDurations } from '../../src/runners/load/profiles/profiles.ts';
import { runLoad } from '../../src/runners/load/executor/run-load.ts';
import { runPlanOf } from '../../src/runners/load/profiles/run-plan.ts';
import { RELATIVE_ERROR } from '../../src/checks/load/latency-histogram.ts';
import { onLoopback } from '../support/loopback.ts';

let mock: MockServer;
const dir = mkdtempSync(join(tmpdir(), 'paycheck-distributed-'));
before(async () => {
  mock = await startMockServer({ port: 0 });
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '', env: {} };
  return { status: await main(argv, io), out: out.join('\n'), err: err.join('\n') };
}

test('four executors with the segments of one sequence send the whole schedule once; their merge is the whole run', async () => {
  const segments = ['0:1/4', '1/4:1/2', '1/2:3/4', '3/4:1'];
  const runs = await Promise.all(
    segments.map((segment) =>
      runLoad({ baseUrl: mock.url, profile: 'smoke', durationScale: 0.2, executionSegment: segment, executionSegmentSequence: '0,1/4,1/2,3/4,1', reportDir: false, seed: 7 }),
    ),
  );
  const planned = plannedArrivals(scaleDurations(profileByName('smoke')!, 0.2));
  assert.equal(runs.reduce((n, r) => n + (r.summary.requests.planned ?? 0), 0), planned);
  assert.deepEqual(runs.map((r) => r.summary.segment), segments);
  const files = runs.map((r, i) => {
    const file = join(dir, `runner-${i}.json`);
    writeFileSync(file, JSON.stringify(r.summary));
    return file;
  });
  const merged = await cli(['load', 'merge', ...files, '--report-dir', join(dir, 'merged'), '--json']);
  const summary = JSON.parse(merged.out) as LoadSummary;
  // The verdict is the whole run's (on a busy machine its latency may fail the smoke budget).
  assert.equal(merged.status, summary.passed ? 0 : 1, merged.err);
  assert.equal(summary.requests.planned, planned);
  assert.equal(summary.requests.sent, runs.reduce((n, r) => n + r.summary.requests.sent, 0));
  assert.equal(summary.histograms?.pay?.count, summary.requests.answered);
  assert.equal(summary.codes['1000'], summary.requests.sent, 'every order of every runner paid: no order_id twice');
  assert.equal(summary.segment, '0:1');
  assert.match(merged.err, /4 runners, the whole run/);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'merged', 'merged-summary.json'), 'utf8')), summary);

  // The same summaries, collected from the runners' logs (one `paycheck-summary` line each).
  const log = join(dir, 'runners.log');
  writeFileSync(log, runs.map((r, i) => `[pod/paycheck-${i + 1}] text summary …\n[pod/paycheck-${i + 1}] ${SUMMARY_LOG_MARK}${JSON.stringify(r.summary)}`).join('\n'));
  const fromLog = await cli(['load', 'merge', log, '--report-dir', join(dir, 'from-log'), '--json']);
  assert.equal(fromLog.status, merged.status, fromLog.err);
  assert.deepEqual((JSON.parse(fromLog.out) as LoadSummary).histograms, summary.histograms);
});

test("one run of fewer than 100 calls against a slow mock, merged alone: its own percentiles within 1 % and its own verdict", async () => {
  const slow = await startMockServer({ port: 0, latency: '60-200' });
  try {
    const run = await runLoad({ baseUrl: slow.url, profile: 'smoke', durationScale: 0.1, reportDir: false, seed: 11 });
    assert.ok(run.summary.requests.answered < 100);
    const file = join(dir, 'single.json');
    writeFileSync(file, JSON.stringify(run.summary));
    const merged = await cli(['load', 'merge', file, '--report-dir', join(dir, 'single'), '--json']);
    const summary = JSON.parse(merged.out) as LoadSummary;
    for (const p of ['p50', 'p90', 'p95', 'p99'] as const) {
      const exact = run.summary.latencyMs![p];
      assert.ok(Math.abs(summary.latencyMs![p] - exact) <= RELATIVE_ERROR * exact, `${p}: merged ${summary.latencyMs![p]}, the run's ${exact}`);
    }
    const nearALimit = run.summary.thresholds.some((t) => t.actual !== undefined && t.metric === 'http_req_duration' && Math.abs(t.actual - Number(/<(\d+)/.exec(t.expression)?.[1])) <= RELATIVE_ERROR * t.actual);
    if (!nearALimit) {
      assert.equal(merged.status, run.passed ? 0 : 1, merged.err);
      assert.deepEqual(summary.thresholds.map((t) => t.ok), run.summary.thresholds.map((t) => t.ok));
    }
  } finally {
    await slow.close();
  }
});

test('summaries that are not one run are refused with exit 2, naming why; a part of a run is merged and said to be a part', async () => {
  const half = await runLoad({ baseUrl: mock.url, profile: 'smoke', durationScale: 0.1, executionSegment: '0:1/2', reportDir: false, seed: 8 });
  const overlapping = await runLoad({ baseUrl: mock.url, profile: 'smoke', durationScale: 0.1, executionSegment: '1/4:3/4', reportDir: false, seed: 9 });
  const write = (name: string, value: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };
  const a = write('a.json', half.summary);
  const cases: [string[], RegExp][] = [
    [[a, write('b.json', overlapping.summary)], /PAYCHECK_INPUT_NOT_SUMMARY the segments 0:1\/2 and 1\/4:3\/4 overlap/],
    [[a, write('c.json', { ...half.summary, scenario: 'load', segment: '1/2:1' })], /is a run of profile load, .* of smoke/],
    [[a, write('d.json', { ...half.summary, segment: '1/2:1', histograms: undefined })], /has no latency histograms/],
    [[a, write('e.json', { hello: 1 })], /is not a load summary: no tool, scenario, .*; unknown field hello/],
    [[write('f.json', 'not json')], /PAYCHECK_INPUT_NOT_JSON/],
    [[a, write('j.json', { ...half.summary, segment: '1/2:1', run: runPlanOf(scaleDurations(profileByName('smoke')!, 0.2), 0.2, 1) })], /j\.json is a run of duration scale 0\.2, .*a\.json of duration scale 0\.1/],
    [[a, write('k.json', { ...half.summary, segment: '1/2:1', startedAt: new Date(Date.parse(half.summary.startedAt) + 180_000).toISOString() })], /k\.json started 180 s after .*a\.json: the runners of one run start together/],
    [[a, write('l.json', { ...half.summary, segment: '1/2:1', target: 'http://127.0.0.1:4712/pay/qrcode' })], /l\.json was aimed at http:\/\/127\.0\.0\.1:4712/],
    [[write('g.json', { ...half.summary, histograms: { pay: { ...half.summary.histograms!.pay!, buckets: { ...half.summary.histograms!.pay!.buckets, '300': '5' } } } })], /PAYCHECK_INPUT_NOT_SUMMARY .*g\.json is not a load summary: histograms\.pay\.buckets\.300 must be integer/],
    [[write('h.json', { ...half.summary, requests: null })], /h\.json is not a load summary: requests must be object/],
    [[write('i.json', { ...half.summary, histograms: { pay: { ...half.summary.histograms!.pay!, scheme: 'log-1.05-1ms' } } })], /i\.json is not a load summary: histograms\.pay\.scheme must be equal to constant/],
    [[], /PAYCHECK_USAGE give the runners' summary files/],
  ];
  for (const [files, message] of cases) {
    const result = await cli(['load', 'merge', ...files, '--report-dir', join(dir, 'refused')]);
    assert.equal(result.status, 2, `${files.join(' ')}: ${result.err}`);
    assert.match(result.err, message);
  }
  const part = await cli(['load', 'merge', a, '--report-dir', join(dir, 'part')]);
  assert.match(part.err, /1 runner, 1\/2 of the run \(segments 0:1\/2\)/);
});

test('paycheck load refuses a segment that is not one, or not of its sequence, with exit 2', async () => {
  for (const [argv, message] of [
    [['--execution-segment', '1/2:1/4'], /FROM must be below TO/],
    [['--execution-segment', '0:1/3', '--execution-segment-sequence', '0,1/2,1'], /not a segment of the sequence/],
    [['--execution-segment-sequence', '0,1/2,1'], /needs --execution-segment/],
  ] as const) {
    const result = await cli(['load', '--profile', 'smoke', '--duration-scale', '0.1', '--quiet', ...argv]);
    assert.equal(result.status, 2, result.err);
    assert.match(result.err, message);
  }
});

/** A target that pays every order at once and keeps each pay call's order_id, pay code and mix scenario. */
async function payingRecorder() {
  const pays: { orderId: string; payCode: string; scenario: string | undefined }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { order_id: string; pay_code: string };
      pays.push({ orderId: body.order_id, payCode: body.pay_code, scenario: req.headers['x-mock-scenario'] as string | undefined });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 1000, msg: 'ok', data: { order_id: body.order_id, order_status: 1 } }));
    });
  });
  const loopback = await onLoopback(server);
  return { url: loopback.origin, pays, close: loopback.close };
}

test('a split run sends exactly what the whole run sends (same seed), divided between its runners: no pay code or order id twice', async () => {
  const cases = [
    { profile: 'smoke', durationScale: 0.2, segments: ['0:1/2', '1/2:1'], sequence: undefined },
    { profile: 'checkout', durationScale: 0.03, segments: ['0:1/3', '1/3:1'], sequence: '0,1/3,1' },
  ];
  // Every run of both cases at once, each against its own target: a few seconds in all.
  const runs = cases.flatMap((c) => [undefined, ...c.segments].map((segment) => ({ c, segment })));
  const targets = await Promise.all(runs.map(() => payingRecorder()));
  try {
    await Promise.all(
      runs.map(({ c, segment }, i) =>
        runLoad({
          baseUrl: targets[i].url,
          profile: c.profile,
          durationScale: c.durationScale,
          ...(segment === undefined ? {} : { executionSegment: segment }),
          ...(segment === undefined || c.sequence === undefined ? {} : { executionSegmentSequence: c.sequence }),
          reportDir: false,
          seed: 11,
        }),
      ),
    );
    for (const c of cases) {
      const of = (segment: string | undefined) => targets[runs.findIndex((r) => r.c === c && r.segment === segment)].pays;
      const whole = of(undefined);
      const split = c.segments.flatMap((segment) => of(segment));
      const byCode = (pays: typeof whole) => pays.map((p) => `${p.payCode} ${p.scenario ?? ''}`).sort();
      assert.ok(whole.length > 20, `${c.profile}: ${whole.length} pays`);
      assert.deepEqual(byCode(split), byCode(whole), `${c.profile}: the split run's pays (pay code, mix scenario) are the whole run's`);
      assert.equal(new Set(split.map((p) => p.payCode)).size, split.length, `${c.profile}: a pay code sent twice`);
      assert.equal(new Set(split.map((p) => p.orderId)).size, split.length, `${c.profile}: an order id sent twice`);
    }
  } finally {
    await Promise.all(targets.map((t) => t.close()));
  }
});
