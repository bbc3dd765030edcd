/**
 * `paycheck load` stopped by a signal, as k6 is by Ctrl-C: the first SIGINT or SIGTERM stops the
 * arrivals, the calls in flight are awaited, and the part that ran is printed and written — marked
 * interrupted in the text, JSON and JUnit reports, exit 130 (SIGINT) or 143 (SIGTERM); a second
 * signal ends the process at once. Each run is cut a second or two in.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import type { LoadSummary } from '../../src/checks/report/load-summary.ts';
import { startCanary, startHostileServer } from '../support/hostile-servers.ts';

const BIN = fileURLToPath(new URL('../../bin/paycheck.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'paycheck-interrupt-'));
let mock: MockServer;
before(async () => {
  mock = await startMockServer({ port: 0 });
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Ended {
  status: number | null;
  out: string;
  err: string;
  /** Milliseconds from the last signal sent to the exit. */
  afterSignalMs: number;
}

/** `paycheck load ARGS` in a child process, sent each of `signals` once its progress line shows the run under way (the next one `gapMs` later). */
function interrupted(args: readonly string[], signals: readonly NodeJS.Signals[], gapMs = 0): Promise<Ended> {
  const child = spawn(process.execPath, [BIN, 'load', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PAY_SEED: '5' } });
  let out = '';
  let err = '';
  let sentAt = 0;
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    const first = !/\] \d+\/\d+ s/.test(err);
    err += chunk.toString();
    if (first && /\] \d+\/\d+ s/.test(err)) {
      signals.forEach((signal, i) =>
        setTimeout(() => {
          sentAt = performance.now();
          child.kill(signal);
        }, i * gapMs),
      );
    }
  });
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, out, err, afterSignalMs: performance.now() - sentAt })));
}

test('SIGINT mid-run: the part that ran is printed and written, marked interrupted, exit 130; a merge does not take it for a run', async () => {
  const reports = join(dir, 'sigint');
  const run = await interrupted(['--base-url', mock.url, '--profile', 'smoke', '--report-dir', reports], ['SIGINT']);
  assert.equal(run.status, 130, run.err);
  assert.ok(run.afterSignalMs < 3_000, `${run.afterSignalMs} ms after the signal`);
  assert.match(run.err, /SIGINT: no new arrivals/);
  assert.match(run.err, /interrupted by SIGINT: \d+ of 130 planned arrivals \(\d+\.\d%\) ran; the reports are marked interrupted/);
  assert.match(run.out, /^INTERRUPTED by SIGINT, \d+ of 130 planned arrivals \(\d+\.\d%\) ran: every threshold met on that part — not a verdict on the whole run$/m);
  assert.doesNotMatch(run.out, /^PASS$/m);
  const summary = JSON.parse(readFileSync(join(reports, 'load-summary.json'), 'utf8')) as LoadSummary;
  assert.equal(summary.passed, false);
  assert.equal(summary.interrupted?.signal, 'SIGINT');
  const arrivals = summary.interrupted?.arrivals ?? 0;
  assert.ok(arrivals > 0 && arrivals < 130, String(arrivals));
  // Every call that left was awaited: none is cut off without an answer.
  assert.equal(summary.requests.sent, arrivals);
  assert.equal(summary.requests.answered, summary.requests.sent);
  assert.equal(summary.thresholds.length, 5, 'the thresholds are judged on the part');
  const junit = readFileSync(join(reports, 'load-junit.xml'), 'utf8');
  assert.match(junit, /<testsuite name="load.smoke" tests="6" failures="0" errors="1"/);
  assert.match(junit, /<testcase classname="load.smoke" name="the whole run" time="0">\n {6}<error type="interrupted" message="interrupted by SIGINT: /);
  assert.match(readFileSync(join(reports, 'load-report.html'), 'utf8'), /class="verdict">INTERRUPTED</);

  const merge = spawn(process.execPath, [BIN, 'load', 'merge', join(reports, 'load-summary.json'), '--report-dir', join(dir, 'merged')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let mergeErr = '';
  merge.stderr.on('data', (chunk: Buffer) => (mergeErr += chunk.toString()));
  const mergeStatus = await new Promise<number | null>((resolve) => merge.once('exit', resolve));
  assert.equal(mergeStatus, 1, mergeErr);
  assert.match(mergeErr, /not a whole run: interrupted .*load-summary\.json \(SIGINT\)/);
});

test('SIGTERM against the embedded mock: the checkout stops, its open orders reported, the mock stopped, exit 143', async () => {
  const reports = join(dir, 'sigterm');
  const run = await interrupted(['--profile', 'checkout', '--duration-scale', '0.1', '--report-dir', reports], ['SIGTERM']);
  assert.equal(run.status, 143, run.err);
  assert.ok(run.afterSignalMs < 3_000, `${run.afterSignalMs} ms after the signal`);
  const summary = JSON.parse(readFileSync(join(reports, 'load-summary.json'), 'utf8')) as LoadSummary;
  assert.equal(summary.interrupted?.signal, 'SIGTERM');
  assert.equal(summary.passed, false);
  assert.equal(summary.orders?.started, summary.interrupted?.arrivals);
  assert.match(run.out, /^orders {5}\d+ started, \d+ finished/m);
  assert.match(run.out, /^INTERRUPTED by SIGTERM, /m);
});

test('a second signal ends the run at once, writing nothing, while the first waits for calls a target never answers', async () => {
  const canary = await startCanary();
  const silent = await startHostileServer('never answers', mock.url, canary);
  const reports = join(dir, 'twice');
  try {
    const run = await interrupted(['--base-url', silent.url, '--profile', 'smoke', '--report-dir', reports], ['SIGINT', 'SIGINT'], 1_500);
    assert.equal(run.status, 130, run.err);
    assert.ok(run.afterSignalMs < 1_000, `${run.afterSignalMs} ms after the second signal`);
    assert.match(run.err, /SIGINT: no new arrivals/);
    assert.match(run.err, /SIGINT again: stopped at once, no summary or report written/);
    assert.equal(run.out, '');
    assert.equal(existsSync(reports), false);
  } finally {
    await silent.close();
    await canary.close();
  }
});
