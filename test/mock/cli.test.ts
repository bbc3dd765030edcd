/** `npm run mock`: flags, the request log with masked pay codes, clean shutdown on SIGTERM/SIGINT, a taken port. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand } from '../../src/cli/command.ts';
import { MOCK } from '../../src/cli/commands.ts';
import { main } from '../../src/cli/main.ts';
import { startMockCommand } from '../../src/cli/mock.ts';
import { startMockServer } from '../../src/adapters/http/server.ts';
import { paycheckChild } from '../support/paycheck-process.ts';
import { signedPay, WECHAT_CODE } from '../support/signed-request.ts';
import { maskPayCode } from '../../src/kernel/redaction/mask.ts';

const BIN = fileURLToPath(new URL('../../bin/paycheck.js', import.meta.url));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), readStdin: async () => '', env: {} } };
}

const start = (argv: string[], io: ReturnType<typeof capture>['io']) => startMockCommand(parseCommand(MOCK, argv, {}), io);

test('--help prints every flag and exits 0; a bad flag prints a coded error and exits 2, no stack', async () => {
  const help = capture();
  assert.equal(await main(['mock', '--help'], help.io), 0);
  assert.match(help.out.join('\n'), /--latency MS +added latency per pay request: MS or MIN-MAX \[env MOCK_LATENCY_MS\]/);
  const bad = capture();
  assert.equal(await main(['mock', '--latency', 'soon'], bad.io), 2);
  assert.deepEqual(bad.err, ['paycheck mock: PAYCHECK_MOCK_CONTROL --latency/MOCK_LATENCY_MS: latency must be MS or MIN-MAX in ms; got "soon"']);
});

test('the banner names the applications the mock knows and the encoding it expects, never a secret', async () => {
  const own = capture();
  own.io.env = { PAY_APP_ID: 'qa-shop-01', PAY_APP_SECRET: 'Qa-Secret-Banner-77', PAY_SIGN_ENCODING: 'hex' };
  const server = await start(['--port', '0', '--quiet'], own.io);
  try {
    assert.match(own.out[0], /^paycheck mock listening on http:\/\/127\.0\.0\.1:\d+ \(apps: qa-shop-01, paycheck-demo-app; sign encoding: hex; error codes: flowchart;/);
    assert.doesNotMatch(own.out.join('\n'), /Qa-Secret-Banner-77/);
  } finally {
    await server.close();
  }
});

test('a taken port is PAYCHECK_PORT_IN_USE, exit 2, one line, in process and from the bin', async () => {
  const holder = await startMockServer({ port: 0 });
  try {
    const taken = capture();
    assert.equal(await main(['mock', '--port', String(holder.port), '--quiet'], taken.io), 2);
    assert.deepEqual(taken.err, [`paycheck mock: PAYCHECK_PORT_IN_USE port ${holder.port} on 127.0.0.1 is taken`]);
    const run = spawnSync(process.execPath, [BIN, 'mock', '--port', String(holder.port)], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `paycheck mock: PAYCHECK_PORT_IN_USE port ${holder.port} on 127.0.0.1 is taken\n`);
  } finally {
    await holder.close();
  }
});

test('one log line per request, pay code masked; quiet logs none', async () => {
  const loud = capture();
  const server = await start(['--port', '0'], loud.io);
  await fetch(`${server.url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signedPay()) });
  await server.close();
  const lines = loud.out.filter((l) => l.includes('/pay/qrcode'));
  assert.equal(lines.length, 1);
  assert.match(lines[0], /POST \/pay\/qrcode 200 code=1000 scenario=SUCCESS/);
  assert.ok(lines[0].includes(`pay_code=${maskPayCode(WECHAT_CODE)}`));
  assert.equal(lines[0].includes(WECHAT_CODE), false);
  const quiet = capture();
  const silent = await start(['--port', '0', '-q'], quiet.io);
  await fetch(`${silent.url}/__mock/health`);
  await silent.close();
  assert.equal(quiet.out.length, 1, 'only the startup line');
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} shuts the process down cleanly with exit code 0`, async () => {
    const child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (match) resolve(match[0]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    assert.equal((await fetch(`${url}/__mock/health`)).status, 200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    assert.equal(await exited, 0);
    assert.match(out, /stopped/);
  });
}

/** A query that makes each log line 2 KiB long, so that a few thousand lines outgrow any pipe's buffer. */
const PAD = `pad=${'x'.repeat(2_000)}`;

/** `paycheck mock ARGS` on a free port in a child (test/support/paycheck-process.ts). */
const mockChild = (args: string[], stdout: 'pipe' | 'ignore' = 'pipe') => paycheckChild(['mock', '--port', '0', ...args], stdout);

test('the log is buffered, yet SIGTERM right after a burst loses no line: every request line comes before "stopped"', async () => {
  const { child, url, ended } = await mockChild(['--log', 'requests']);
  const count = 400;
  for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: 50 }, () => fetch(`${url}/__mock/health`).then((r) => r.arrayBuffer())));
  child.kill('SIGTERM');
  const { code, out } = await ended;
  assert.equal(code, 0);
  const lines = out.split('\n');
  const health = lines.filter((l) => / GET \/__mock\/health 200 /.test(l));
  assert.equal(health.length, count);
  assert.ok(lines.indexOf('paycheck mock: stopped') > lines.lastIndexOf(health.at(-1)!), 'the last request line before "stopped"');
});

test('a reader slower than the log: SIGTERM while the pipe is full still writes every line, in order, before "stopped"', async () => {
  const { child, url, ended } = await mockChild(['--log', 'requests']);
  // Stop reading: the pipe fills (2 000 lines of 2 KiB are more than its buffer), the log's writes wait on it, lines pile up behind them.
  child.stdout.pause();
  const count = 2_000;
  for (let i = 0; i < count; i += 100) await Promise.all(Array.from({ length: 100 }, () => fetch(`${url}/__mock/health?${PAD}`).then((r) => r.arrayBuffer())));
  child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  child.stdout.resume();
  const { code, out, err } = await ended;
  assert.equal(code, 0);
  const lines = out.split('\n').filter((l) => l !== '');
  const health = lines.filter((l) => / GET \/__mock\/health\?pad=x+ 200 /.test(l));
  assert.equal(health.length, count, err);
  assert.deepEqual(lines.slice(-2), ['paycheck mock: SIGTERM, shutting down', 'paycheck mock: stopped']);
  assert.ok(lines.indexOf('paycheck mock: SIGTERM, shutting down') > lines.lastIndexOf(health.at(-1)!));
});

test('a reader that reads slowly but keeps reading gets every line, though the drain takes longer than the end\'s patience', async () => {
  const { child, url, ended } = await mockChild(['--log', 'requests']);
  child.stdout.pause();
  const count = 400;
  for (let i = 0; i < count; i += 100) await Promise.all(Array.from({ length: 100 }, () => fetch(`${url}/__mock/health?${PAD}`).then((r) => r.arrayBuffer())));
  // A chunk, then 400 ms of nothing: the 800 KiB of lines take several seconds to drain, each gap far under the 2 s the end waits for progress.
  child.stdout.on('data', () => {
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 400);
  });
  const signalled = Date.now();
  child.kill('SIGTERM');
  child.stdout.resume();
  const { code, out, err } = await ended;
  assert.ok(Date.now() - signalled > 2_500, 'the drain was meant to outlast the end\'s 2 s of patience');
  assert.equal(code, 0);
  const lines = out.split('\n').filter((l) => l !== '');
  assert.equal(lines.filter((l) => / GET \/__mock\/health\?pad=x+ 200 /.test(l)).length, count, err);
  assert.deepEqual(lines.slice(-2), ['paycheck mock: SIGTERM, shutting down', 'paycheck mock: stopped']);
  assert.doesNotMatch(err, /not written/);
});

test('a reader that stops reading for good does not hold the shutdown: the mock ends within seconds and says what it could not write', async () => {
  const { child, url, ended } = await mockChild(['--log', 'requests']);
  child.stdout.pause();
  for (let i = 0; i < 2_000; i += 100) await Promise.all(Array.from({ length: 100 }, () => fetch(`${url}/__mock/health?${PAD}`).then((r) => r.arrayBuffer())));
  const signalled = Date.now();
  child.kill('SIGTERM');
  const exited = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  assert.ok(Date.now() - signalled < 8_000, `ended ${Date.now() - signalled} ms after SIGTERM`);
  assert.equal(exited, 0);
  child.stdout.resume();
  const { err } = await ended;
  assert.match(err, /the log's last lines were not written: standard output was not read for 2 s/);
});

for (const log of [['--log', 'requests'], ['--quiet']]) {
  test(`a reader that goes away (\`paycheck mock ${log.join(' ')} | head -1\`) stops the log, not the mock: every pay answered, told once on stderr, the snapshot written at SIGINT`, async () => {
    const snapshot = join(mkdtempSync(join(tmpdir(), 'paycheck-reader-gone-')), 'orders.json');
    const { child, url, ended, errSoFar } = await mockChild([...log, '--snapshot', snapshot], 'ignore');
    const told = /^paycheck mock: standard output was closed \(EPIPE\): no more log lines; serving on until SIGINT\/SIGTERM$/m;
    const orderIds = ['GONE1', 'GONE2', 'GONE3'];
    for (const order_id of orderIds) {
      const answer = await fetch(`${url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signedPay({ order_id })) });
      assert.equal(((await answer.json()) as { code: number }).code, 1000);
      // The log writes in the background (every 200 ms): let a write meet the closed pipe before the next pay.
      if (log[0] === '--log') for (let waited = 0; !told.test(errSoFar()) && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Quiet, the first line after the startup one is the shutdown's own: the pipe is met then.
    child.kill('SIGINT');
    const { code, err } = await ended;
    assert.equal(code, 0, err);
    assert.equal(err.match(new RegExp(told.source, 'gm'))?.length, 1, err);
    assert.doesNotMatch(err, /Error|at |not written/);
    const { orders } = JSON.parse(readFileSync(snapshot, 'utf8')) as { orders: { orderId: string }[] };
    assert.deepEqual(orders.map((o) => o.orderId).sort(), orderIds);
  });
}

test('a --snapshot that cannot be written is refused at the start, exit 2, naming it: no such folder, a directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paycheck-snapshot-path-'));
  for (const [snapshot, code] of [[join(dir, 'nodir', 'orders.json'), 'ENOENT'], [dir, 'EISDIR']] as const) {
    // Before, the mock started and served: the timeout ends it.
    const run = spawnSync(process.execPath, [BIN, 'mock', '--port', '0', '--quiet', '--snapshot', snapshot], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr, `paycheck mock: PAYCHECK_OUTPUT_UNWRITABLE cannot write ${snapshot} (${code})\n`);
  }
});

test('a snapshot that cannot be written at shutdown (its folder removed meanwhile) is said as a write of it, exit 2', async () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'paycheck-snapshot-gone-')), 'state');
  mkdirSync(folder);
  const snapshot = join(folder, 'orders.json');
  const { child, ended } = await mockChild(['--quiet', '--snapshot', snapshot]);
  rmSync(folder, { recursive: true });
  child.kill('SIGINT');
  const { code, err } = await ended;
  assert.equal(code, 2, err);
  assert.equal(err, `paycheck mock: PAYCHECK_OUTPUT_UNWRITABLE cannot write ${snapshot} (ENOENT)\n`);
});

test('--log summary and --log-format json: one NDJSON summary line for the requests of each second, none per request', async () => {
  const { child, url, ended } = await mockChild(['--log', 'summary', '--log-format', 'json']);
  for (let i = 0; i < 20; i++) await fetch(`${url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signedPay({ order_id: `LOG${i}` })) }).then((r) => r.arrayBuffer());
  child.kill('SIGTERM');
  const { code, out } = await ended;
  assert.equal(code, 0);
  const records = out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg: string; requests: number; codes: Record<string, number> });
  assert.ok(records.every((r) => r.msg === 'summary'));
  assert.equal(records.reduce((n, r) => n + r.requests, 0), 20);
  assert.equal(records.reduce((n, r) => n + (r.codes['1000'] ?? 0), 0), 20);
});

test('a bad --log is a usage error, exit 2, one line', async () => {
  const bad = capture();
  assert.equal(await main(['mock', '--log', 'loud'], bad.io), 2);
  assert.deepEqual(bad.err, ['paycheck mock: PAYCHECK_USAGE --log/MOCK_LOG must be one of auto, requests, summary; got "loud"']);
});
