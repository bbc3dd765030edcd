/** `paycheck audit` and `paycheck checkout`: exit codes, output, and bad input as one line with exit 2. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../../src/engine/index.ts';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { HELP, main } from '../../src/cli/main.ts';
import type { AuditReport } from '../../src/checks/audit/audit.ts';
import { startEchoServer } from '../support/echo-server.ts';
import { polls, staged } from './journal-builder.ts';
import { captureIo, checkoutOn, steppedClock } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'paycheck-lifecycle-'));
const PAY_CODE = '134567890123456789';

function file(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

async function cli(args: string[], stdin = '', env: Record<string, string> = {}) {
  const c = captureIo(stdin, env);
  const code = await main(args, c.io);
  return { code, out: c.text(), err: c.errText() };
}

/** Exit 2 (or `exit`) with one coded line on stderr, no stack. */
async function refused(args: string[], pattern: RegExp, stdin = '', env: Record<string, string> = {}, exit = 2) {
  const result = await cli(args, stdin, env);
  assert.equal(result.code, exit, `${args.join(' ')}: ${result.out} ${result.err}`);
  assert.equal(result.err.split('\n').length, 1, result.err);
  assert.match(result.err, new RegExp(`^paycheck ${args[0]}: PAYCHECK_[A-Z_]+ `));
  assert.match(result.err, pattern);
  assert.doesNotMatch(result.err, /\n\s+at /);
  return result;
}

const clean = () => staged('GOOD').pay(0).get(5).get(10, 1).entries;
const bad = () => staged('BAD').pay(0).cancel(0.2).entries;

test('both commands are registered and have help', async () => {
  assert.match(HELP, /\n  audit +judge/);
  assert.match(HELP, /\n  checkout +the reference cashier/);
  for (const command of ['audit', 'checkout']) {
    const result = await cli([command, '--help']);
    assert.equal(result.code, 0);
    assert.match(result.out, new RegExp(`^usage: paycheck ${command}`));
  }
});

describe('paycheck audit', () => {
  test('a clean journal file: exit 0, each order ok, a passed line', async () => {
    const result = await cli(['audit', file('clean.json', { entries: clean() })]);
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /^ok {4}order GOOD/m);
    assert.match(result.out, /^passed: 1 order, 9 rules, no findings$/m);
  });

  test('findings: exit 1, the rule, the entry, what was expected', async () => {
    const result = await cli(['audit', file('bad.json', { entries: [...clean(), ...bad().map((e) => ({ ...e, seq: e.seq + 10 }))] })]);
    assert.equal(result.code, 1);
    assert.match(result.out, /^FAIL {2}order BAD/m);
    assert.match(result.out, /cancel-too-early at seq 12 \(\+200 ms\)/);
    assert.match(result.out, /expected ≥ 15 s after the pay call; actual 200 ms/);
    assert.match(result.out, /^failed: 1 finding in 1 of 2 orders$/m);
  });

  test('standard input, as {entries} or a bare array, with - or nothing', async () => {
    assert.equal((await cli(['audit'], JSON.stringify({ entries: clean() }))).code, 0);
    assert.equal((await cli(['audit', '-'], JSON.stringify(bad()))).code, 1);
  });

  test('--json prints the report as data', async () => {
    const result = await cli(['audit', '--json', '-'], JSON.stringify(bad()));
    assert.equal(result.code, 1);
    const report = JSON.parse(result.out) as AuditReport;
    assert.equal(report.passed, false);
    assert.deepEqual(report.findings.map((f) => [f.rule, f.order_id, f.seq, f.at]), [['cancel-too-early', 'BAD', 2, 200]]);
  });

  test('a pay code smuggled into a journal never reaches the report', async () => {
    const entries = bad().map((e) => ({ ...e, pay_code: PAY_CODE }));
    for (const args of [['audit', '-'], ['audit', '--json', '-']]) {
      const result = await cli(args, JSON.stringify(entries));
      assert.equal(result.code, 1);
      assert.doesNotMatch(result.out, /1345678901/);
    }
  });

  test('--order-id judges one order; --time-scale judges a fast cashier by scaled bounds', async () => {
    const both = JSON.stringify([...clean(), ...bad().map((e) => ({ ...e, seq: e.seq + 10 }))]);
    assert.equal((await cli(['audit', '--order-id', 'GOOD'], both)).code, 0);
    assert.equal((await cli(['audit', '--order-id', 'BAD'], both)).code, 1);
    const unknown = await cli(['audit', '--order-id', 'NO-SUCH-ORDER'], both);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.out, 'nothing judged: the journal holds no call of order NO-SUCH-ORDER (it holds calls of 2 other orders)');
    const fast = JSON.stringify(polls(staged().pay(0), 0.05, 0.25, 0.05).cancel(0.252).entries);
    assert.equal((await cli(['audit'], fast)).code, 1);
    const scaled = await cli(['audit', '--time-scale', '0.01'], fast);
    assert.equal(scaled.code, 0, scaled.out);
    assert.match(scaled.out, /queries every 50 ms–100 ms, until 300 ms.*\(time scale 0\.01\)/);
  });

  test('a journal with no order to judge exits 1 and says so', async () => {
    const result = await cli(['audit'], '{"entries": []}');
    assert.equal(result.code, 1);
    assert.match(result.out, /^nothing judged: the journal holds no pay call$/m);
  });

  test('bad input: one line, exit 2', async () => {
    await refused(['audit'], /standard input is not JSON/, '{');
    await refused(['audit'], /not a journal: expected \{"entries": \[\.\.\.\]\}/, '{"orders": []}');
    await refused(['audit'], /entry 2: at_ms must be a number/, JSON.stringify([clean()[0], { ...clean()[1], at_ms: 'soon' }]));
    await refused(['audit'], /entry 1 is not an object/, '[1]');
    await refused(['audit'], /entry 1: code must be a whole number/, JSON.stringify([{ ...clean()[0], code: '1002' }]));
    await refused(['audit', join(dir, 'missing.json')], /cannot read .*missing\.json \(ENOENT\)/);
    await refused(['audit', 'a.json', 'b.json'], /PAYCHECK_USAGE unexpected argument "b\.json"/);
    await refused(['audit', 'a.json', '--base-url', 'http://127.0.0.1:4010'], /a journal FILE or --base-url, not both/);
    await refused(['audit', 'a.json', '--from', 'b.json'], /give the journal FILE once/);
    await refused(['audit', '--base-url', 'http://example.com'], /PAYCHECK_REMOTE_REFUSED refusing http:\/\/example\.com: not loopback/);
    await refused(['audit'], /PAYCHECK_REMOTE_REFUSED refusing http:\/\/example\.com/, '', { PAY_BASE_URL: 'http://example.com' });
    await refused(['audit', '--base-url', 'not a url'], /PAYCHECK_BAD_URL .*is not a URL/, '', {}, 3);
    await refused(['audit', '--base-url', 'file:///etc/passwd'], /PAYCHECK_BAD_URL .*not an http\(s\) URL/, '', {}, 3);
    await refused(['audit', '--from', 'file:///etc/passwd'], /PAYCHECK_INPUT_UNREADABLE cannot read file:\/\/\/etc\/passwd/);
    await refused(['audit', '--time-scale', '0'], /--time-scale must be a number above 0 and at most 1000; got "0"/, '[]');
    await refused(['audit', '--time-scale', 'fast'], /--time-scale must be/, '[]');
    await refused(['audit', '--bogus'], /Unknown option '--bogus'/);
  });

  test('--base-url: an unreachable port or a server that is no mock is a target that cannot be used, exit 3', async () => {
    const other = await startEchoServer({ status: 404, body: 'no' });
    await other.close();
    await refused(['audit', '--base-url', other.url], /PAYCHECK_TARGET_UNREACHABLE cannot read http:\/\/127\.0\.0\.1:\d+\/__mock\/journal \(no server took the connection \(ECONNREFUSED\)\)/, '', {}, 3);
    const notMock = await startEchoServer({ status: 404, body: 'no' });
    try {
      await refused(['audit', '--base-url', notMock.url], /PAYCHECK_TARGET_NOT_API .*\(HTTP 404\): is a paycheck mock serving there\?/, '', {}, 3);
    } finally {
      await notMock.close();
    }
  });

  test('--from FILE and - read a file and standard input; --from URL still works, with a deprecation warning', async () => {
    assert.equal((await cli(['audit', '--from', file('from.json', { entries: clean() })])).code, 0);
    assert.equal((await cli(['audit', '--from', '-'], JSON.stringify(bad()))).code, 1);
    const gone = await startEchoServer({ status: 404, body: 'no' });
    await gone.close();
    const old = await cli(['audit', '--from', gone.url]);
    assert.equal(old.code, 3);
    assert.deepEqual(old.err.split('\n').slice(0, 1), ['paycheck audit: --from URL is deprecated and goes in the next release: use --base-url URL']);
    assert.match(old.err.split('\n')[1], /^paycheck audit: PAYCHECK_TARGET_UNREACHABLE /);
  });
});

describe('against the mock', () => {
  const clock = manualClock();
  let mock: MockServer;
  before(async () => {
    mock = await startMockServer({ port: 0, clock, pendingMs: 12_000, selfCheck: true });
  });
  after(() => mock.close());

  async function checkout(args: string[], env: Record<string, string> = {}) {
    const c = captureIo('', env);
    const code = await checkoutOn(steppedClock(clock), ['--base-url', mock.url, ...args], c.io);
    return { code, out: c.text(), err: c.errText() };
  }

  test('checkout: paid at once exits 0, with the timeline and the pay code masked', async () => {
    const result = await checkout(['--amount', '0.01', '--pay-code', PAY_CODE]);
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /^checkout 0\.01 yuan, order \S+, pay code 1345\*{10}6789, http:\/\/127\.0\.0\.1:\d+, app paycheck-demo-app, sign encoding base64 \(seed \d+\)$/m);
    assert.match(result.out, /^ +\+0\.000 s {2}\/pay\/qrcode {2}1000 {2}paid \(1\) +paid$/m);
    assert.match(result.out, /^outcome: paid — order \S+, status paid \(1\), 1 call/m);
    assert.doesNotMatch(result.out, /134567890123456789/);
    // The preflight's one line: the target could be used, and what it showed.
    assert.match(result.err, /^paycheck checkout: target http:\/\/127\.0\.0\.1:\d+, app paycheck-demo-app, sign encoding base64 \(error codes flowchart, mock controls yes\)$/);
  });

  test('checkout: a customer who confirms after 12 s, polled every 5 s, exits 0', async () => {
    const result = await checkout(['--amount', '0.30', '--channel', 'alipay']);
    assert.equal(result.code, 0, result.out);
    assert.deepEqual(result.out.match(/\/pay\/get/g)?.length, 3);
    assert.match(result.out, /\+15\.000 s {2}\/pay\/get {5}1000 {2}paid \(1\) +result: paid/);
  });

  test('checkout: failed and closed end with exit 1', async () => {
    const failed = await checkout(['--amount', '0.32']);
    assert.equal(failed.code, 1);
    assert.match(failed.out, /^outcome: failed/m);
    const closed = await checkout(['--amount', '1.00', '--scenario', 'USER_PAYING_ABANDONED']);
    assert.equal(closed.code, 1);
    assert.match(closed.out, /scenario USER_PAYING_ABANDONED/);
    assert.match(closed.out, /^outcome: closed/m);
  });

  test('checkout honours PAY_BASE_URL, and the demo application is the default', async () => {
    const c = captureIo('', { PAY_BASE_URL: mock.url });
    assert.equal(await checkoutOn(steppedClock(clock), ['--amount', '0.02'], c.io), 0);
    assert.match(c.text(), new RegExp(mock.url.replace(/[.]/g, '\\.')));
  });

  test('audit --base-url the mock (or PAY_BASE_URL) judges every checkout above clean, and flags a bad cashier', async () => {
    const passed = await cli(['audit', '--base-url', mock.url]);
    assert.equal((await cli(['audit'], '', { PAY_BASE_URL: mock.url })).code, 0);
    assert.equal(passed.code, 0, passed.out);
    assert.match(passed.out, /^passed: 5 orders/m);
    const orderId = `BAD${process.pid}`;
    const badPay = { app_id: 'paycheck-demo-app', sign_type: 'MD5', order_id: orderId, pay_code: PAY_CODE, total_amount: '0.30' };
    const { createPayClient } = await import('../../src/adapters/client/pay-client.ts');
    const client = createPayClient({ baseUrl: mock.url, app: { appId: 'paycheck-demo-app', secret: 'paycheck-demo-secret' }, encoding: 'base64' });
    await client.pay(badPay);
    await client.pay(badPay);
    const flagged = await cli(['audit', '--base-url', `${mock.url}/__mock/journal`, '--order-id', orderId]);
    assert.equal(flagged.code, 1);
    assert.match(flagged.out, /repay-same-order at seq \d+/);
    assert.match(flagged.out, /no-follow-up/);
    assert.doesNotMatch(flagged.out, /134567890123456789/);
  });
});

describe('paycheck checkout: bad input', () => {
  test('is one line and exit 2, and sends nothing', async () => {
    await refused(['checkout'], /say how much: --amount A/);
    await refused(['checkout', '--amount', 'abc'], /--amount: amount "abc" is not a decimal number of yuan/);
    await refused(['checkout', '--amount', '0'], /--amount: amount must be greater than zero/);
    await refused(['checkout', '--amount', '0.001'], /more than two decimals/);
    const code = await refused(['checkout', '--amount', '1', '--pay-code', '99999999999999999999'], /--pay-code 9999\*{12}9999 is neither a WeChat/);
    assert.doesNotMatch(code.err, /99999999999999999999/);
    await refused(['checkout', '--amount', '1', '--channel', 'bitcoin'], /--channel must be wechat or alipay/);
    await refused(['checkout', '--amount', '1', '--channel', 'alipay', '--pay-code', PAY_CODE], /is a wechat code, but --channel says alipay/);
    await refused(['checkout', '--amount', '1', '--base-url', 'ftp://127.0.0.1'], /not an http\(s\) URL/, '', {}, 3);
    await refused(['checkout', '--amount', '1', '--base-url', 'https://api.huishouyin.cn'], /refusing https:\/\/api\.huishouyin\.cn: not loopback — pass --allow-remote/);
    await refused(['checkout', '--amount', '1'], /refusing https:\/\/example\.com/, '', { PAY_BASE_URL: 'https://example.com' });
    await refused(['checkout', '--amount', '1', '--time-scale=-1'], /--time-scale must be a number above 0/);
    await refused(['checkout', '--amount', '1', '--time-scale', '5000'], /at most 1000/);
    await refused(['checkout', '--amount', '1', '--scenario', 'no such'], /is not a scenario name/);
    await refused(['checkout', '--amount', '1'], /PAY_APP_ID and PAY_APP_SECRET/, '', { PAY_APP_ID: 'only-the-id' });
    await refused(['checkout', '--amount', '1'], /PAY_SEED/, '', { PAY_SEED: 'x' });
    await refused(['checkout', '--amount', '1', 'extra'], /unexpected argument "extra"/);
    await refused(['checkout', '--amount'], /argument missing|--amount/);
  });

  test('an unreachable target is exit 3 at once, not a 30 s follow-up', async () => {
    const gone = await startEchoServer({ body: '{}' });
    await gone.close();
    const result = await refused(['checkout', '--amount', '0.01', '--base-url', gone.url], /PAYCHECK_TARGET_UNREACHABLE http:\/\/127\.0\.0\.1:\d+ cannot be reached: no server took the connection \(ECONNREFUSED\)\. Is the server running/, '', {}, 3);
    assert.equal(result.out, '', 'the preflight stops it before an order is paid');
  });
});
