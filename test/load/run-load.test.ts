/**
 * The CI gate: the smoke scenario against the embedded mock passes, and fails — non-zero, the
 * threshold named — when the mock adds latency beyond it; the checkout scenario likewise, per
 * call, and its cashier's conduct passes the lifecycle audit. Durations are scaled down (3–4 s
 * runs); the scenarios' rates and thresholds are the real ones.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '../../src/adapters/http/server.ts';
import { auditJournal } from '../../src/checks/audit/audit.ts';
import { journalEntriesOf } from '../../src/checks/audit/journal-input.ts';
import { pendingMsOf } from '../../src/runners/load/profiles/checkout-mix.ts';
import { profileByName, totalDurationS, type LoadProfile } from '../../src/runners/load/profiles/profiles.ts';
import { main } from '../../src/cli/main.ts';
import { renderTextSummary } from '../../src/checks/report/load-text.ts';
import { readSummary } from '../../src/runners/load/merge/read-summary.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { drainS, mockTimingFor, planRun, runLoad, type LoadRunResult, type RunLoadOptions } from '../../src/runners/load/executor/run-load.ts';

const dir = mkdtempSync(join(tmpdir(), 'paycheck-load-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ENV = { PAY_SEED: '42' };

/** As `paycheck load` runs it without a target: a mock of its own, at the profile's timing. */
async function againstOwnMock(options: Omit<RunLoadOptions, 'baseUrl'>): Promise<LoadRunResult> {
  const mock = await startMockServer({ port: 0, ...mockTimingFor(options) });
  try {
    return await runLoad({ ...options, baseUrl: mock.url });
  } finally {
    await mock.close();
  }
}

/** The latency a failed-threshold line reports; at least the 600 ms added, more on a busy machine. */
function latencyNamed(text: string, line: RegExp): number {
  const match = line.exec(text);
  assert.ok(match, text);
  return Number(match[1]);
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '', env: ENV };
  return { io, out, err };
}

test('smoke fails, exit 1, naming the latency thresholds, when the mock adds 600 ms to every answer', async () => {
  const { io, out, err } = capture();
  const code = await main(['load', '--profile', 'smoke', '--duration-scale', '0.2', '--mock-latency', '600', '--report-dir', dir, '-q'], io);
  assert.equal(code, 1);
  assert.ok(latencyNamed(err.join('\n'), /threshold failed: http_req_duration p\(95\)<250 \(actual (\d+\.\d) ms\)/) >= 600, err.join('\n'));
  assert.match(err.join('\n'), /threshold failed: http_req_duration p\(99\)<500/);
  assert.doesNotMatch(err.join('\n'), /http_req_failed|checks rate/);
  assert.match(out.join('\n'), /FAIL: thresholds failed: http_req_duration p\(95\)<250; http_req_duration p\(99\)<500/);
  const summary = JSON.parse(readFileSync(join(dir, 'load-summary.json'), 'utf8'));
  assert.equal(summary.passed, false);
  assert.match(readFileSync(join(dir, 'load-junit.xml'), 'utf8'), /failures="2"/);
});

test('a target answering HTTP 503 without the envelope: its no-code requests are counted as HTTP 503, in the text, the JSON and JUnit', async () => {
  // Every call 503s, the preflight's too: the executor is run without it.
  const mock = await startMockServer({ port: 0, faults: 'http-503' });
  let result: LoadRunResult;
  try {
    result = await runLoad({ profile: 'smoke', durationScale: 0.2, baseUrl: mock.url, env: ENV, reportDir: dir });
  } finally {
    await mock.close();
  }
  assert.equal(result.passed, false);
  const saved = JSON.parse(readFileSync(join(dir, 'load-summary.json'), 'utf8')) as { requests: { answered: number }; noCodeCauses: Record<string, number> };
  const answered = saved.requests.answered;
  assert.ok(answered > 0);
  assert.deepEqual(saved.noCodeCauses, { http503: answered });
  const line = new RegExp(`no code ${answered} \\(HTTP 503 ×${answered}\\)`);
  const text = renderTextSummary(result.summary);
  assert.match(text, line);
  assert.doesNotMatch(text, /not JSON/);
  assert.match(readFileSync(join(dir, 'load-junit.xml'), 'utf8'), line);
});

describe('the checkout scenario', () => {
  // 10 s → 20/s, 40 s, 10 s → 0 scaled to 0.6 + 2.4 + 0.6 s: about 60 orders, every kind of the mix among them.
  const SCALE = 0.06;

  test('against the embedded mock: every order carried to a final status, each call measured, every threshold met', async () => {
    const result = await againstOwnMock({ profile: 'checkout', durationScale: SCALE, env: ENV, reportDir: dir });
    const s = result.summary;
    assert.equal(result.passed, true, JSON.stringify(s.thresholds.filter((t) => !t.ok)));
    const orders = s.orders!;
    assert.equal(orders.started, s.requests.planned);
    assert.equal(orders.finished, orders.started);
    assert.deepEqual([orders.unsettled.count, orders.repaid], [0, 0]);
    // The mix decides each order's end: paying customers are found paid, walked-away ones closed, unknown results cancelled.
    const { SUCCESS, USER_PAYING, USER_PAYING_ABANDONED, FAILED, UNKNOWN_SLOW } = orders.mix;
    assert.ok(USER_PAYING > 0 && USER_PAYING_ABANDONED > 0 && UNKNOWN_SLOW > 0 && FAILED > 0, JSON.stringify(orders.mix));
    assert.deepEqual(
      [orders.outcomes.paid, orders.outcomes.failed, orders.outcomes.closed, orders.outcomes.cancelled],
      [SUCCESS + USER_PAYING, FAILED, USER_PAYING_ABANDONED, UNKNOWN_SLOW],
    );
    const { pay, get, cancel } = s.endpoints!;
    assert.deepEqual(pay?.codes, { '1000': SUCCESS, '1001': FAILED, '1002': USER_PAYING + USER_PAYING_ABANDONED, '5001': UNKNOWN_SLOW });
    assert.ok(get && get.sent >= 2 * (USER_PAYING + USER_PAYING_ABANDONED) + 5 * UNKNOWN_SLOW, JSON.stringify(get));
    assert.deepEqual(cancel?.codes, { '1000': UNKNOWN_SLOW });
    assert.equal(s.requests.sent, pay!.sent + get.sent + cancel!.sent);
    assert.equal(s.checks.fails, 0);
    const saved = JSON.parse(readFileSync(join(dir, 'load-summary.json'), 'utf8'));
    assert.deepEqual(saved.endpoints.cancel.codes, { '1000': UNKNOWN_SLOW });
    assert.deepEqual(readSummary(saved, 'load-summary.json'), saved, 'what the merge reads');
    const junit = readFileSync(join(dir, 'load-junit.xml'), 'utf8');
    assert.match(junit, /tests="12" failures="0"/);
    assert.match(junit, /name="http_req_duration\{endpoint:get\} p\(95\)&lt;200"/);
  });

  test("the executor's cashier passes the lifecycle audit of the mock's journal: queries after 1002 and 5001, cancels after the deadline, no re-pay", async () => {
    const plan = profileByName('checkout');
    assert.ok(plan?.kind === 'checkout');
    const mock = await startMockServer({ port: 0, pendingMs: pendingMsOf(plan.checkout), slowMs: 0 });
    try {
      const result = await runLoad({ profile: 'checkout', durationScale: SCALE, baseUrl: mock.url, env: ENV, reportDir: false });
      assert.equal(result.passed, true, JSON.stringify(result.summary.thresholds.filter((t) => !t.ok)));
      const journal = journalEntriesOf(await (await fetch(`${mock.url}/__mock/journal`)).json());
      const report = auditJournal(journal, { timeScale: plan.checkout.timeScale });
      assert.deepEqual(report.findings, []);
      assert.equal(report.orders.length, result.summary.orders?.started);
      const paths = new Set(journal.map((e) => e.path));
      assert.deepEqual(paths, new Set(['/pay/qrcode', '/pay/get', '/pay/cancel']));
    } finally {
      await mock.close();
    }
  });

  test('fails, exit 1, naming the pay call\'s latency thresholds only, when the mock adds 600 ms to every pay', async () => {
    const { io, err } = capture();
    const code = await main(['load', '--profile', 'checkout', '--duration-scale', '0.04', '--mock-latency', '600', '--report-dir', dir, '-q'], io);
    assert.equal(code, 1);
    const failed = err.filter((l) => l.includes('threshold failed'));
    assert.equal(failed.length, 2, failed.join('\n'));
    assert.ok(latencyNamed(failed[0], /threshold failed: http_req_duration\{endpoint:pay\} p\(95\)<250 \(actual (\d+\.\d) ms\)/) >= 600, failed[0]);
    assert.match(failed[1], /threshold failed: http_req_duration\{endpoint:pay\} p\(99\)<500/);
    const summary = JSON.parse(readFileSync(join(dir, 'load-summary.json'), 'utf8'));
    assert.ok(summary.endpoints.get.latencyMs.p95 < 200, 'the queries stay fast');
    assert.equal(summary.orders.unsettled.count, 0);
  });
});

test('the executor keeps its connections: 400 arrivals over 2 s reuse a few connections instead of opening one each', async () => {
  let opened = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":1000,"msg":"ok","data":{}}'));
  });
  server.on('connection', () => opened++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const profile: LoadProfile = {
    kind: 'pay',
    name: 'constant-200',
    purpose: 'a test: the executor at 200 req/s',
    startRate: 200,
    stages: [{ durationS: 2, target: 200 }],
    preAllocatedVUs: 10,
    maxVUs: 100,
    thresholds: { p95Ms: 10_000, p99Ms: 10_000, failedRate: 1, nonSuccessShare: 1, checksRate: 0 },
  };
  try {
    const { summary } = await runLoad({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, profile, reportDir: false, seed: 1, env: {} });
    assert.equal(summary.requests.sent, 400);
    assert.equal(summary.requests.answered, 400);
    // A connection per arrival opened 400. In a quiet hour about 10 are open at once; a stalled
    // machine piles calls up, and the pool then opens up to its cap (maxVUs), never past it.
    assert.ok(opened <= profile.maxVUs, `${opened} connections for 400 calls (the cap is ${profile.maxVUs})`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('against a target that never answers, a checkout ends by its drain deadline: its duration, a request timeout and the cashier\'s waits', async () => {
  const server = createServer((req) => req.resume());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // 1.2 s of arrivals; the deadline is 1.2 + 10 + (1.5 + 3 × 0.25) s. Without it, 1.2 + 10 + 3 × 10 s and more.
  const options = { profile: 'checkout', durationScale: 0.02 } as const;
  const plan = planRun(options);
  const bound = totalDurationS(plan.scenario) + drainS(plan.scenario, plan.timeScale);
  assert.equal(bound, 1.2 + 12.25);
  const logged: string[] = [];
  const started = performance.now();
  try {
    const { summary } = await runLoad({ ...options, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, reportDir: false, seed: 3, env: {}, log: (line) => logged.push(line) });
    const tookS = (performance.now() - started) / 1000;
    // The order pool is built and signed before the clock starts: a second of slack for it and the timers.
    assert.ok(tookS < bound + 1.5, `${tookS.toFixed(1)} s, the bound ${bound} s`);
    assert.ok(tookS > bound - 0.5, `${tookS.toFixed(1)} s: cut before the bound`);
    const { pay, cancel } = summary.endpoints!;
    assert.deepEqual(pay?.noCodeCauses, { timeout: pay?.sent });
    // The cancels after the pays' timeouts were in flight at the deadline: ended there, as timed out.
    assert.ok(cancel && cancel.sent > 0 && cancel.noCodeCauses?.timeout === cancel.sent, JSON.stringify(cancel));
    assert.equal(summary.orders?.finished, 0, 'every order still open at the deadline');
    assert.match(logged.join('\n'), /drain deadline \(1\.2 s \+ 12\.25 s\) passed: \d+ calls in flight ended as timed out/);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
