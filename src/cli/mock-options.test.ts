import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPaycheckError } from '../kernel/errors.ts';
import type { Env } from '../kernel/settings.ts';
import { helpText, parseCommand } from './command.ts';
import { MOCK } from './commands.ts';
import { mockServerOptions } from './mock-options.ts';

function mockConfigFrom(argv: string[], env: Env) {
  const { values, help } = parseCommand(MOCK, argv, env);
  return { server: mockServerOptions(values, env), quiet: values.quiet, help };
}
import { DEMO_APP } from '../kernel/settings.ts';

test('defaults: port 4010, flowchart, the demo app, base64, not quiet', () => {
  const { server, quiet, help } = mockConfigFrom([], {});
  assert.equal(server.port, 4010);
  assert.equal(server.dialect, 'flowchart');
  assert.deepEqual(server.apps, [{ appId: 'paycheck-demo-app', secret: 'paycheck-demo-secret' }]);
  assert.equal(server.signEncoding, 'base64');
  assert.deepEqual([quiet, help], [false, false]);
});

test('the environment sets what flags do not; flags win', () => {
  const env = { PORT: '5000', MOCK_ERROR_CODES: 'table', MOCK_LATENCY_MS: '300', MOCK_QUIET: '1', PAY_APP_ID: 'a', PAY_APP_SECRET: 's', PAY_SIGN_ENCODING: 'hex', MOCK_RATE_LIMIT: '50/10', MOCK_FAULTS: 'reset:0.1' };
  const fromEnv = mockConfigFrom([], env);
  assert.equal(fromEnv.server.port, 5000);
  assert.equal(fromEnv.server.dialect, 'table');
  assert.deepEqual(fromEnv.server.latency, { minMs: 300, maxMs: 300 });
  assert.equal(fromEnv.quiet, true);
  assert.deepEqual(fromEnv.server.apps, [{ appId: 'a', secret: 's' }, DEMO_APP], 'the configured application, and the demo one beside it');
  assert.equal(fromEnv.server.signEncoding, 'hex');
  assert.deepEqual(fromEnv.server.rateLimit, { perSecond: 50, burst: 10 });
  assert.deepEqual(fromEnv.server.faults, [{ kind: 'reset', at: 'result', rate: 0.1 }]);
  const flags = mockConfigFrom(['--port', '0', '--error-codes', 'flowchart', '--latency', '10-20', '--store-cap', '100'], env);
  assert.equal(flags.server.port, 0);
  assert.equal(flags.server.dialect, 'flowchart');
  assert.deepEqual(flags.server.latency, { minMs: 10, maxMs: 20 });
  assert.equal(flags.server.storeCap, 100);
});

test('callbacks and the journal: URL (loopback only), variants, time scale, cap', () => {
  const env = { MOCK_CALLBACK_URL: 'http://127.0.0.1:9000/cb', MOCK_CALLBACK_VARIANTS: 'duplicate:0.5,out-of-order', MOCK_CALLBACK_TIME_SCALE: '0.01', MOCK_JOURNAL_CAP: '50' };
  const { server } = mockConfigFrom([], env);
  assert.deepEqual([server.callbackUrl, server.callbackVariants, server.callbackTimeScale, server.journalCap], ['http://127.0.0.1:9000/cb', 'duplicate:0.5,out-of-order', 0.01, 50]);
  assert.equal(mockConfigFrom(['--callback-url', 'http://[::1]:1/x'], env).server.callbackUrl, 'http://[::1]:1/x');
  assert.throws(() => mockConfigFrom(['--callback-url', 'https://api.huishouyin.cn/cb'], {}), /loopback/);
  for (const argv of [['--journal-cap', '0'], ['--journal-cap', '1000001'], ['--callback-time-scale', '0'], ['--callback-time-scale', 'x'], ['--callback-variants', 'duplicate:2']]) {
    assert.throws(() => mockConfigFrom(argv, {}), (e: unknown) => isPaycheckError(e) && e.exitCode === 2, argv.join(' '));
  }
});

test('an apps file replaces the single app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paycheck-mock-'));
  const file = join(dir, 'apps.json');
  writeFileSync(file, JSON.stringify([{ appId: 'x', secret: 'y' }, { appId: 'z', secret: 'w', enabled: false }]));
  assert.deepEqual(mockConfigFrom(['--apps', file], {}).server.apps?.map((a) => a.appId), ['x', 'z']);
  assert.throws(() => mockConfigFrom(['--apps', join(dir, 'missing.json')], {}), /ENOENT/);
});

test('bad flags and values are usage errors with a stable code', () => {
  for (const argv of [['--port', 'x'], ['--port', '-1'], ['--nope'], ['--rate-limit', 'fast'], ['--store-cap', '1'], ['--error-codes', 'klingon'], ['--faults', 'boom']]) {
    assert.throws(() => mockConfigFrom(argv, {}), (e: unknown) => isPaycheckError(e) && e.exitCode === 2, argv.join(' '));
  }
  assert.throws(() => mockConfigFrom(['--port', 'x'], {}), (e: unknown) => isPaycheckError(e, 'PAYCHECK_BAD_SETTING') && /--port\/PORT must be a whole number/.test(e.message));
  assert.throws(() => mockConfigFrom(['--nope'], {}), (e: unknown) => isPaycheckError(e, 'PAYCHECK_UNKNOWN_OPTION'));
  assert.throws(() => mockConfigFrom(['--faults', 'boom'], {}), (e: unknown) => isPaycheckError(e, 'PAYCHECK_MOCK_CONTROL'));
});

test("--slow-ms 3000000000, past setTimeout's ceiling, is refused: it made the slow scenarios answer at once", () => {
  for (const [argv, env] of [[['--slow-ms', '3000000000'], {}], [[], { MOCK_SLOW_MS: '3000000000' }]] as const) {
    assert.throws(
      () => mockConfigFrom([...argv], env),
      (e: unknown) => isPaycheckError(e, 'PAYCHECK_BAD_SETTING') && e.message === '--slow-ms/MOCK_SLOW_MS must be a whole number from 0 to 2147483647; got "3000000000"',
    );
  }
  assert.equal(mockConfigFrom(['--slow-ms', '2147483647'], {}).server.slowMs, 2_147_483_647);
});

test('the connection settings: idle, headers and request timeouts and the cap, from flags or the environment; headers within the request timeout', () => {
  const { server } = mockConfigFrom(['--idle-timeout-ms', '300', '--headers-timeout-ms', '400'], { MOCK_REQUEST_TIMEOUT_MS: '500', MOCK_MAX_CONNECTIONS: '7' });
  assert.deepEqual([server.idleTimeoutMs, server.headersTimeoutMs, server.requestTimeoutMs, server.maxConnections], [300, 400, 500, 7]);
  assert.throws(
    () => mockConfigFrom(['--headers-timeout-ms', '40000'], {}),
    (e: unknown) => isPaycheckError(e, 'PAYCHECK_BAD_SETTING') && e.message === '--headers-timeout-ms/MOCK_HEADERS_TIMEOUT_MS must not be above --request-timeout-ms/MOCK_REQUEST_TIMEOUT_MS (40000 > 30000)',
  );
});

test('--rate-limit: PER_SECOND above 0, BURST a whole number from 1, each within its range', () => {
  assert.deepEqual(mockConfigFrom(['--rate-limit', '2.5'], {}).server.rateLimit, { perSecond: 2.5, burst: 3 });
  assert.deepEqual(mockConfigFrom(['--rate-limit', '50/10'], {}).server.rateLimit, { perSecond: 50, burst: 10 });
  for (const [text, message] of [
    ['0', 'PER_SECOND must be a number above 0 and at most 1000000; got "0"'],
    [`1${'0'.repeat(400)}`, 'PER_SECOND must be a number above 0'],
    ['5/0', 'BURST must be a whole number from 1 to 1000000; got "0"'],
    ['5/1/2', 'must be PER_SECOND[/BURST]; got "5/1/2"'],
  ]) {
    assert.throws(() => mockConfigFrom(['--rate-limit', text], {}), (e: unknown) => isPaycheckError(e, 'PAYCHECK_BAD_SETTING') && e.message.startsWith('--rate-limit/MOCK_RATE_LIMIT ') && e.message.includes(message), text);
  }
});

test('help lists every setting with its environment name', () => {
  const help = helpText(MOCK);
  for (const [flag, option] of Object.entries(MOCK.options)) {
    assert.ok(help.includes(`--${flag}`) && option.env !== undefined && help.includes(`[env ${option.env}]`), flag);
  }
  assert.equal(mockConfigFrom(['--help'], {}).help, true);
});
