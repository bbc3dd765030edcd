import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REMOTE_WARNING } from '../../src/runners/load/request/target-guard.ts';
import { parseLoadArgs } from '../../src/cli/load-options.ts';
import { runLoadCli, type LoadCliIo } from '../../src/cli/load.ts';
import { LoadError } from '../../src/runners/load/executor/load-error.ts';
import { openTarget, payUrlFor } from '../../src/runners/load/executor/target.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: LoadCliIo = { out: (l) => out.push(l), err: (l) => err.push(l), writeErr: () => {}, progressInPlace: false };
  return { io, out, err };
}

test('flags parse into runLoad options; smoke is the default scenario', () => {
  assert.deepEqual(parseLoadArgs([]).run.scenario, 'smoke');
  const args = parseLoadArgs(['--scenario', 'load', '--base-url', 'http://127.0.0.1:4010', '--duration-scale', '0.5', '--seed', '7', '--report-dir', 'out', '-q']);
  assert.deepEqual(args, {
    help: false,
    quiet: true,
    run: { scenario: 'load', baseUrl: 'http://127.0.0.1:4010', allowRemote: false, durationScale: 0.5, mockLatency: undefined, timeScale: undefined, seed: 7, reportDir: 'out' },
  });
});

test('bad flags are LoadErrors with one line each', () => {
  const cases: [string[], RegExp][] = [
    [['--bogus'], /Unknown option '--bogus'/],
    [['stray'], /Unexpected argument 'stray'/],
    [['--scenario'], /--scenario/],
    [['--duration-scale', '0'], /--duration-scale must be a number above 0; got "0"/],
    [['--duration-scale', 'fast'], /--duration-scale must be a number above 0/],
    [['--seed=-1'], /--seed must be a whole number/],
    [['--time-scale=0'], /--time-scale must be a number above 0/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseLoadArgs(argv), (e: unknown) => e instanceof LoadError && e.code === 'LOAD_USAGE' && message.test(e.message) && !e.message.includes('\n'), argv.join(' '));
  }
});

test('--help prints usage with the scenario table and exits 0', async () => {
  const { io, out } = capture();
  assert.equal(await runLoadCli(['--help'], {}, io), 0);
  assert.match(out.join('\n'), /Usage: npm run load/);
  assert.match(out.join('\n'), /stress +where it breaks/);
});

test('an unknown scenario, a bad setting or a remote target without --allow-remote exits 2 with a stable code', async () => {
  for (const [argv, env, message] of [
    [['--scenario', 'nope'], {}, /^paycheck load: LOAD_UNKNOWN_SCENARIO unknown scenario "nope"; known: smoke, load, stress, spike, soak, checkout$/],
    [['--time-scale', '1'], {}, /^paycheck load: LOAD_USAGE --time-scale applies to the checkout scenario only$/],
    [['--base-url', 'https://api.huishouyin.cn'], {}, /^paycheck load: LOAD_REMOTE_REFUSED refusing to send load to https:\/\/api\.huishouyin\.cn/],
    [['--base-url', 'ftp://127.0.0.1'], {}, /^paycheck load: LOAD_BAD_URL --base-url must be http or https/],
    [[], { PAY_SEED: 'x' }, /^paycheck load: LOAD_BAD_SETTING PAY_SEED must be a whole number/],
    [[], { PAY_APP_ID: 'only-the-id' }, /^paycheck load: LOAD_BAD_SETTING set both PAY_APP_ID and PAY_APP_SECRET/],
    [['--mock-latency', 'slow'], {}, /^paycheck load: LOAD_USAGE --mock-latency: /],
    [['--base-url', 'http://127.0.0.1:1', '--mock-latency', '5'], {}, /^paycheck load: LOAD_USAGE --mock-latency applies to the embedded mock only/],
  ] as [string[], Record<string, string>, RegExp][]) {
    const { io, err } = capture();
    assert.equal(await runLoadCli([...argv, '-q', '--report-dir', 'unused'], env, io), 2, argv.join(' '));
    assert.equal(err.length, 1, err.join('\n'));
    assert.match(err[0], message);
  }
});

test('a remote target is allowed only with --allow-remote, and then with the real-money warning', async () => {
  const warnings: string[] = [];
  const target = await openTarget({ baseUrl: 'https://api.example.com/v1', allowRemote: true, warn: (l) => warnings.push(l) });
  assert.equal(target.payUrl, 'https://api.example.com/v1/pay/qrcode');
  assert.deepEqual(warnings, [REMOTE_WARNING]);
  assert.match(REMOTE_WARNING, /real pay codes move real money/);
  const local = await openTarget({ baseUrl: 'http://127.0.0.1:4010', warn: (l) => warnings.push(l) });
  assert.equal(local.payUrl, 'http://127.0.0.1:4010/pay/qrcode');
  assert.equal(warnings.length, 1);
  assert.throws(() => payUrlFor('http://user:pw@127.0.0.1/'), /credentials/);
  assert.throws(() => payUrlFor('not a url'), /not a URL/);
});

test('the real CLI process prints one line and exits 2 on a bad flag, with no stack', () => {
  const cli = fileURLToPath(new URL('../../src/cli/load.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', cli, '--duration-scale', 'x'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stderr.trim(), 'paycheck load: LOAD_USAGE --duration-scale must be a number above 0; got "x"');
  assert.equal(run.stdout, '');
});
