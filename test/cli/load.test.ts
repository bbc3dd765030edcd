import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { isPaycheckError } from '../../src/kernel/errors.ts';
import { REMOTE_WARNING } from '../../src/runners/load/request/target-guard.ts';
import { loadTarget, payUrlFor } from '../../src/runners/load/executor/target.ts';
import { parseCommand } from '../../src/cli/command.ts';
import { LOAD } from '../../src/cli/commands.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { loadArgsFrom } from '../../src/cli/load-options.ts';
import { main } from '../../src/cli/main.ts';
import { onLoopback } from '../support/loopback.ts';

function capture(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '', env };
  return { io, out, err };
}

const argsOf = (argv: string[], env: Record<string, string> = {}) => loadArgsFrom(parseCommand(LOAD, argv, env).values);

test('flags parse into runLoad options; smoke is the default profile; PAY_BASE_URL is the target when --base-url is not given', () => {
  assert.equal(argsOf([]).run.profile, 'smoke');
  assert.equal(argsOf([]).baseUrl, undefined);
  assert.deepEqual(argsOf(['--profile', 'load', '--base-url', 'http://127.0.0.1:4010', '--duration-scale', '0.5', '--seed', '7', '--report-dir', 'out', '-q']), {
    baseUrl: 'http://127.0.0.1:4010',
    mockLatency: undefined,
    run: { profile: 'load', allowRemote: false, durationScale: 0.5, timeScale: undefined, seed: 7, reportDir: 'out' },
  });
  assert.equal(argsOf([], { PAY_BASE_URL: 'http://127.0.0.1:5000' }).baseUrl, 'http://127.0.0.1:5000');
  assert.equal(argsOf(['--base-url', 'http://127.0.0.1:6000'], { PAY_BASE_URL: 'http://127.0.0.1:5000' }).baseUrl, 'http://127.0.0.1:6000');
  assert.equal(argsOf([], { PAY_BASE_URL: '' }).baseUrl, undefined);
  assert.equal(argsOf([], { PAY_SEED: '9' }).run.seed, 9);
});

test('--scenario still names the profile, for one release, with a one-line warning; --profile wins', async () => {
  const parsed = parseCommand(LOAD, ['--scenario', 'load'], {});
  assert.equal(loadArgsFrom(parsed.values).run.profile, 'load');
  assert.deepEqual(parsed.warnings, ['--scenario is deprecated and goes in the next release: use --profile']);
  assert.equal(loadArgsFrom(parseCommand(LOAD, ['--scenario', 'load', '--profile', 'soak'], {}).values).run.profile, 'soak');
  assert.deepEqual(parseCommand(LOAD, ['--profile', 'load'], {}).warnings, []);
  const { io, err } = capture();
  assert.equal(await main(['load', '--scenario', 'nope', '-q'], io), 2);
  assert.deepEqual(err, [
    'paycheck load: --scenario is deprecated and goes in the next release: use --profile',
    'paycheck load: PAYCHECK_UNKNOWN_PROFILE unknown profile "nope"; known: smoke, load, stress, spike, soak, checkout',
  ]);
});

test('bad flags are PaycheckErrors with one line each', () => {
  const cases: [string[], string, RegExp][] = [
    [['--bogus'], 'PAYCHECK_UNKNOWN_OPTION', /Unknown option '--bogus'/],
    [['stray'], 'PAYCHECK_USAGE', /unexpected argument "stray"/],
    [['--profile'], 'PAYCHECK_USAGE', /--profile/],
    [['--duration-scale', '0'], 'PAYCHECK_BAD_SETTING', /--duration-scale must be a number above 0 and at most 100; got "0"/],
    [['--duration-scale', 'fast'], 'PAYCHECK_BAD_SETTING', /--duration-scale must be a number above 0/],
    [['--seed=-1'], 'PAYCHECK_BAD_SETTING', /--seed\/PAY_SEED must be a whole number/],
    [['--time-scale=0'], 'PAYCHECK_BAD_SETTING', /--time-scale must be a number above 0/],
    [['--seed', String(2 ** 32)], 'PAYCHECK_BAD_SETTING', /--seed\/PAY_SEED must be a whole number from 0 to 4294967295; got "4294967296"/],
  ];
  for (const [argv, code, message] of cases) {
    assert.throws(() => argsOf(argv), (e: unknown) => isPaycheckError(e) && e.code === code && message.test(e.message) && !e.message.includes('\n'), argv.join(' '));
  }
});

test('--help prints usage with the profile table and exits 0', async () => {
  const { io, out } = capture();
  assert.equal(await main(['load', '--help'], io), 0);
  assert.match(out.join('\n'), /^usage: paycheck load /);
  assert.match(out.join('\n'), /stress +where it breaks/);
});

test('an unknown profile, a bad setting or a remote target without --allow-remote exits 2 with a stable code', async () => {
  for (const [argv, env, message] of [
    [['--profile', 'nope'], {}, /^paycheck load: PAYCHECK_UNKNOWN_PROFILE unknown profile "nope"; known: smoke, load, stress, spike, soak, checkout$/],
    [['--time-scale', '1'], {}, /^paycheck load: PAYCHECK_USAGE --time-scale applies to the checkout profile only$/],
    [['--base-url', 'https://api.huishouyin.cn'], {}, /^paycheck load: PAYCHECK_REMOTE_REFUSED refusing to send load to https:\/\/api\.huishouyin\.cn/],
    [[], { PAY_BASE_URL: 'https://api.huishouyin.cn' }, /^paycheck load: PAYCHECK_REMOTE_REFUSED refusing to send load to https:\/\/api\.huishouyin\.cn/],
    [[], { PAY_SEED: 'x' }, /^paycheck load: PAYCHECK_BAD_SETTING --seed\/PAY_SEED must be a whole number/],
    [[], { PAY_APP_ID: 'only-the-id' }, /^paycheck load: PAYCHECK_BAD_SETTING set both PAY_APP_ID and PAY_APP_SECRET/],
    [['--mock-latency', 'slow'], {}, /^paycheck load: PAYCHECK_MOCK_CONTROL --mock-latency: /],
    [['--base-url', 'http://127.0.0.1:1', '--mock-latency', '5'], {}, /^paycheck load: PAYCHECK_USAGE --mock-latency applies to the embedded mock only/],
  ] as [string[], Record<string, string>, RegExp][]) {
    const { io, err } = capture(env);
    assert.equal(await main(['load', ...argv, '-q', '--report-dir', 'unused'], io), 2, argv.join(' '));
    assert.equal(err.length, 1, err.join('\n'));
    assert.match(err[0], message);
  }
});

test('a bad flag or setting exits 2 before the target is touched: no connection to it, not its exit 3', async () => {
  const target = await onLoopback(createServer((_req, res) => res.end()));
  try {
    for (const [argv, message] of [
      [['--profile', 'nope'], /PAYCHECK_UNKNOWN_PROFILE unknown profile "nope"/],
      [['--execution-segment', 'abc'], /PAYCHECK_BAD_SETTING --execution-segment: "abc" is not a fraction/],
      [['--execution-segment-sequence', '0,1/2,1'], /PAYCHECK_USAGE --execution-segment-sequence needs --execution-segment/],
      [['--time-scale', '1'], /PAYCHECK_USAGE --time-scale applies to the checkout profile only/],
      [['--duration-scale', '0.0000001'], /^paycheck load: PAYCHECK_BAD_SETTING --duration-scale 0\.0000001 plans no request of profile smoke; the smallest scale that plans one is 0\.0077$/],
      [['--duration-scale', '0.008', '--execution-segment', '1/2:1'], /PAYCHECK_BAD_SETTING --duration-scale 0\.008 plans 1 request of profile smoke, none of them in --execution-segment 1\/2:1; the smallest scale that gives it one is 0\.016$/],
    ] as [string[], RegExp][]) {
      for (const base of [target.origin, 'http://127.0.0.1:1']) {
        const { io, err } = capture({});
        assert.equal(await main(['load', '--base-url', base, ...argv, '-q', '--report-dir', 'unused'], io), 2, `${argv.join(' ')}: ${err.join('\n')}`);
        assert.equal(err.length, 1, err.join('\n'));
        assert.match(err[0], message);
      }
    }
    assert.equal(target.opened(), 0, 'the target was touched');
  } finally {
    await target.close();
  }
  // Without a target the embedded mock is not started for a run that plans nothing.
  const { io, err } = capture({});
  assert.equal(await main(['load', '--duration-scale', '0.0000001', '-q', '--report-dir', 'unused'], io), 2);
  assert.deepEqual(err, ['paycheck load: PAYCHECK_BAD_SETTING --duration-scale 0.0000001 plans no request of profile smoke; the smallest scale that plans one is 0.0077']);
});

test('a --base-url that names no usable target exits 3, the "target cannot be used" status', async () => {
  const { io, err } = capture({});
  assert.equal(await main(['load', '--base-url', 'ftp://127.0.0.1', '-q', '--report-dir', 'unused'], io), 3);
  assert.deepEqual(err.length, 1);
  assert.match(err[0], /^paycheck load: PAYCHECK_BAD_URL --base-url "ftp:\/\/127.0.0.1" is not an http\(s\) URL/);
});

test('a remote target is allowed only with --allow-remote, and then with the real-money warning', () => {
  const warnings: string[] = [];
  const target = loadTarget('https://api.example.com/v1', { allowRemote: true, warn: (l) => warnings.push(l) });
  assert.equal(target.payUrl, 'https://api.example.com/v1/pay/qrcode');
  assert.deepEqual(warnings, [REMOTE_WARNING]);
  assert.match(REMOTE_WARNING, /real pay codes move real money/);
  const local = loadTarget('http://127.0.0.1:4010', { warn: (l) => warnings.push(l) });
  assert.equal(local.payUrl, 'http://127.0.0.1:4010/pay/qrcode');
  assert.equal(warnings.length, 1);
  assert.throws(() => payUrlFor('http://user:pw@127.0.0.1/'), /credentials/);
  assert.throws(() => payUrlFor('not a url'), /not a URL/);
});

test('the real CLI process prints one line and exits 2 on a bad flag, with no stack', () => {
  const bin = fileURLToPath(new URL('../../bin/paycheck.js', import.meta.url));
  const run = spawnSync(process.execPath, [bin, 'load', '--duration-scale', 'x'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stderr.trim(), 'paycheck load: PAYCHECK_BAD_SETTING --duration-scale must be a number above 0 and at most 100; got "x"');
  assert.equal(run.stdout, '');
});
