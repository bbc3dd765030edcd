/**
 * The CI gate: the smoke scenario against the embedded mock passes, and fails — non-zero, the
 * threshold named — when the mock adds latency beyond it. Durations are scaled down (3 s runs);
 * the scenario's rates and thresholds are the real ones.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAY_CHECKS } from '../request/pay-answer-checks.ts';
import { runLoadCli, type LoadCliIo } from './cli.ts';
import { runLoad } from './run-load.ts';

const dir = mkdtempSync(join(tmpdir(), 'paycheck-load-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ENV = { PAY_SEED: '42' };

test('smoke against the embedded mock meets every threshold and writes the JSON and JUnit reports', async () => {
  const progress: number[] = [];
  const result = await runLoad({ scenario: 'smoke', durationScale: 0.2, env: ENV, reportDir: dir, onProgress: (p) => progress.push(p.sent) });
  const s = result.summary;
  assert.equal(result.passed, true, JSON.stringify(s.thresholds));
  assert.deepEqual(result.failedThresholds, []);
  assert.equal(s.seed, 42);
  assert.match(s.target, /^http:\/\/127\.0\.0\.1:\d+\/pay\/qrcode$/);
  assert.equal(s.requests.sent, s.requests.planned);
  assert.equal(s.requests.answered, s.requests.sent);
  assert.deepEqual(s.codes, { '1000': s.requests.sent });
  assert.equal(s.outcomes.paid, s.requests.sent);
  assert.equal(s.checks.passes, s.requests.sent * PAY_CHECKS.length);
  assert.ok(s.signingUs && s.signingUs.mean > 0);
  assert.ok(progress.length >= 2, 'a progress line every second');
  assert.deepEqual(result.reportFiles, [join(dir, 'load-summary.json'), join(dir, 'load-junit.xml')]);
  assert.deepEqual(JSON.parse(readFileSync(result.reportFiles[0], 'utf8')), JSON.parse(JSON.stringify(s)));
  const junit = readFileSync(result.reportFiles[1], 'utf8');
  assert.match(junit, /tests="5" failures="0"/);
});

test('smoke fails, exit 1, naming the latency thresholds, when the mock adds 600 ms to every answer', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: LoadCliIo = { out: (l) => out.push(l), err: (l) => err.push(l), writeErr: () => {}, progressInPlace: false };
  const code = await runLoadCli(['--scenario', 'smoke', '--duration-scale', '0.2', '--mock-latency', '600', '--report-dir', dir, '-q'], ENV, io);
  assert.equal(code, 1);
  assert.match(err.join('\n'), /threshold failed: http_req_duration p\(95\)<250 \(actual 6\d\d\.\d ms\)/);
  assert.match(err.join('\n'), /threshold failed: http_req_duration p\(99\)<500/);
  assert.doesNotMatch(err.join('\n'), /http_req_failed|checks rate/);
  assert.match(out.join('\n'), /FAIL: thresholds failed: http_req_duration p\(95\)<250; http_req_duration p\(99\)<500/);
  const summary = JSON.parse(readFileSync(join(dir, 'load-summary.json'), 'utf8'));
  assert.equal(summary.passed, false);
  assert.match(readFileSync(join(dir, 'load-junit.xml'), 'utf8'), /failures="2"/);
});
