/**
 * `paycheck contracts` and `doctor` given bad input end with exit 2 and one line that names it —
 * a bad setting before Playwright starts, a flag Playwright refuses, flags that select no test —
 * never a stack trace, exit 70, or exit 1, which says a contract broke. Its output survives a
 * reader that stops early, and a machine reporter's stdout is that reporter's alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';

const BIN = join(import.meta.dirname, '../../bin/paycheck.js');
const FRAME = /^\s+at \S/m;

async function runInProcess(argv: string[], env: Record<string, string>) {
  const err: string[] = [];
  const io: CliIo = { out: () => undefined, err: (l) => err.push(l), readStdin: async () => '', env };
  return { status: await main(argv, io), err: err.join('\n') };
}

interface Run {
  status: number | null;
  out: string;
  err: string;
}

/** The executable in a directory of its own (its reports land there); `stopAfterLines`: reads that many lines of stdout, then hangs up, as `head` does. */
function runExecutable(args: string[], env: Record<string, string>, stopAfterLines?: number): Promise<Run> {
  const work = mkdtempSync(join(tmpdir(), 'paycheck-contracts-usage-'));
  return new Promise<Run>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: work, env: { ...process.env, PAY_APP_ID: '', PAY_APP_SECRET: '', PAYCHECK_REPORTERS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (stopAfterLines !== undefined && out.split('\n').length > stopAfterLines) child.stdout.destroy();
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (status) => {
      rmSync(work, { recursive: true, force: true });
      resolve({ status, out, err });
    });
  });
}

const BAD_SETTINGS: Record<string, string> = {
  PAY_SEED: '-5',
  PAY_ERROR_CODES: 'weird',
  PAYCHECK_REPORTERS: 'bogus',
  PAY_SIGN_ENCODING: 'b64',
  PAY_APP_ID: 'half-a-pair',
  PAYCHECK_TARGETS: 'everything',
  PAYCHECK_MOCK_PORT: 'abc',
};

test('contracts: each bad setting is PAYCHECK_BAD_SETTING, exit 2, named, before Playwright starts', async () => {
  for (const [name, value] of Object.entries(BAD_SETTINGS)) {
    const { status, err } = await runInProcess(['contracts'], { [name]: value });
    assert.equal(status, 2, `${name}=${value}: ${err}`);
    const variable = name === 'PAY_APP_ID' ? 'PAY_APP_SECRET' : name;
    assert.match(err, new RegExp(`^paycheck contracts: PAYCHECK_BAD_SETTING .*${variable}`), `${name}=${value}`);
    assert.equal(err.split('\n').length, 1, err);
  }
});

test('doctor: a bad encoding or half a credential pair is PAYCHECK_BAD_SETTING, exit 2', async () => {
  for (const env of [{ PAY_SIGN_ENCODING: 'b64' }, { PAY_APP_ID: 'half-a-pair' }] as Record<string, string>[]) {
    const { status, err } = await runInProcess(['doctor'], env);
    assert.equal(status, 2, err);
    assert.match(err, /^paycheck doctor: PAYCHECK_BAD_SETTING /);
  }
});

test('contracts: PAY_BASE_URL is preflighted as --base-url is — a closed port is exit 3 in seconds', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise((resolve) => server.close(resolve));
  const { status, err } = await runInProcess(['contracts'], { PAY_BASE_URL: url });
  assert.equal(status, 3, err);
  assert.match(err, /PAYCHECK_TARGET_UNREACHABLE/);
});

test('contracts: a flag Playwright refuses is exit 2, its message without a stack trace', { timeout: 60_000 }, async () => {
  for (const [flags, message] of [[['--workers', 'abc'], /Workers abc must be a number/], [['--no-such-flag'], /unknown option '--no-such-flag'/], [['--project', 'nope'], /Project\(s\) "nope" not found/]] as const) {
    const run = await runExecutable(['contracts', '--', ...flags], { PAYCHECK_TARGETS: 'msw' });
    assert.equal(run.status, 2, `${flags.join(' ')}: ${run.err}`);
    assert.match(run.err, message);
    assert.match(run.err, /PAYCHECK_USAGE Playwright stopped before the suite ran/);
    assert.doesNotMatch(run.err, FRAME, run.err);
  }
});

test('contracts: a --grep that matches no test is exit 2, not a broken contract', { timeout: 60_000 }, async () => {
  const run = await runExecutable(['contracts', '--', '--grep', 'zz-no-test-is-called-this'], { PAYCHECK_TARGETS: 'msw' });
  assert.equal(run.status, 2, run.err);
  assert.match(run.err, /PAYCHECK_USAGE no test matched the flags after --/);
});

test('contracts | head -2: the suite runs to its verdict, exit 0, one line on stderr, no stack', { timeout: 60_000 }, async () => {
  const run = await runExecutable(['contracts', '--', '--grep', 'never made'], { PAYCHECK_TARGETS: 'msw' }, 2);
  assert.equal(run.status, 0, run.err);
  assert.doesNotMatch(run.err, /Unhandled|\n\s+at /, run.err);
  assert.equal(run.err.match(/standard output was closed \(EPIPE\): no more output; running to the end, the exit code is the verdict/g)?.length, 1, run.err);
});

test("contracts --reporter=json: stdout is the reporter's JSON alone, paycheck's own lines on stderr", { timeout: 60_000 }, async () => {
  const run = await runExecutable(['contracts', '--', '--grep', 'never made', '--reporter=json'], { PAYCHECK_TARGETS: 'msw' });
  assert.equal(run.status, 0, run.err);
  const report = JSON.parse(run.out) as { stats: { expected: number; unexpected: number } };
  assert.ok(report.stats.expected > 0 && report.stats.unexpected === 0, JSON.stringify(report.stats));
  assert.match(run.err, /PAY_SEED=\d+/);
  assert.match(run.err, /contract summary/);
});
