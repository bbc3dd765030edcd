/**
 * `paycheck proxy` at its boundary: the remote guard, no redirect followed, `--record` (masked)
 * and `--replay FILE --upstream`, which sends the session again and judges it again.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { createPayClient } from '../../src/adapters/client/pay-client.ts';
import { parseCommand } from '../../src/cli/command.ts';
import { PROXY } from '../../src/cli/commands.ts';
import { proxyOptions } from '../../src/cli/proxy.ts';
import { main } from '../../src/cli/main.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { startProxy } from '../../src/runners/proxy/proxy-server.ts';
import { captureIo, journalOf, payRequest } from '../lifecycle/support.ts';
import { paycheckChild } from '../support/paycheck-process.ts';
import { startTestProxy } from './support.ts';

let mock: MockServer;
before(async () => {
  mock = await startMockServer({ port: 0, pendingMs: 100, selfCheck: true });
});
after(() => mock.close());

test('an upstream off loopback needs --allow-remote (exit 2), a non-URL is exit 3, none at all is usage', async () => {
  for (const [args, code, pattern] of [
    [['--upstream', 'https://api.huishouyin.cn'], 2, /PAYCHECK_REMOTE_REFUSED refusing https:\/\/api\.huishouyin\.cn: not loopback/],
    [['--upstream', 'ftp://127.0.0.1'], 3, /PAYCHECK_BAD_URL/],
    [['--upstream', 'http://u:p@127.0.0.1:1'], 3, /PAYCHECK_BAD_URL/],
    [[], 2, /PAYCHECK_USAGE name the server/],
  ] as const) {
    const { io, errText } = captureIo();
    assert.equal(await main(['proxy', ...args], io), code, errText());
    assert.match(errText(), pattern);
  }
  // Allowed on purpose, the options are made (nothing is started here).
  const parsed = parseCommand(PROXY, ['--upstream', 'https://api.huishouyin.cn', '--allow-remote', '--port', '0'], {});
  assert.equal(proxyOptions(parsed, { env: {} }).upstream, 'https://api.huishouyin.cn/');
});

test('a redirect from the upstream is passed on as the answer, never followed', async () => {
  let elsewhere = 0;
  const canary = createServer((_req, res) => ((elsewhere += 1), res.end('{}'))).listen(0, '127.0.0.1');
  const redirecting = createServer((_req, res) => {
    res.writeHead(307, { location: `http://127.0.0.1:${(canary.address() as AddressInfo).port}/pay/qrcode` });
    res.end();
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => redirecting.once('listening', resolve));
  const proxy = await startTestProxy(`http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`);
  try {
    const exchange = await createPayClient({ baseUrl: proxy.url, app: DEMO_APP, encoding: 'base64' }).pay(payRequest('0.01'));
    assert.equal(exchange.response?.status, 307);
    assert.equal(elsewhere, 0);
    const transport = proxy.findings().find((f) => f.rule === 'transport' && f.path === 'HTTP status');
    assert.match(transport?.message ?? '', /redirect to .*, not followed/);
  } finally {
    await proxy.close();
    redirecting.close();
    canary.close();
  }
});

test('--record writes each exchange masked; --replay sends the session to another upstream, re-signed, and judges it again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paycheck-proxy-'));
  const file = join(dir, 'session.jsonl');
  const secret = 'a-secret-of-the-cashier-42';
  const app = { appId: 'cashier-app', secret };
  const env = { PAY_APP_ID: app.appId, PAY_APP_SECRET: secret };
  const own = await startMockServer({ port: 0, apps: [app], pendingMs: 100, selfCheck: true });
  const options = proxyOptions(parseCommand(PROXY, ['--upstream', own.url, '--record', file, '--port', '0'], env), { env });
  const proxy = await startProxy(options);
  const client = createPayClient({ baseUrl: proxy.url, app, encoding: 'base64' });
  const paid = { ...payRequest('0.01'), app_id: app.appId };
  const badSign = { ...payRequest('0.01'), app_id: app.appId, sign: 'AAAA' };
  try {
    await client.pay(paid);
    await client.pay({ app_id: app.appId, sign_type: 'MD5', order_id: paid.order_id }, { path: '/pay/get' });
    await client.send(badSign);
  } finally {
    await proxy.close();
    await own.close();
  }
  const text = readFileSync(file, 'utf8');
  const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { path: string; sign: string; body: string; answer: { code?: number } });
  assert.deepEqual(lines.map((l) => [l.path, l.sign, l.answer.code]), [['/pay/qrcode', 'valid', 1000], ['/pay/get', 'valid', 1000], ['/pay/qrcode', 'invalid', 3004]]);
  assert.ok(!text.includes(paid.pay_code) && !text.includes(badSign.pay_code), 'no pay code whole');
  assert.ok(!text.includes(secret));
  assert.match(lines[0].body, /"pay_code":"\d{4}\*+\d{4}"/);

  // Replayed against a fresh mock that knows the same application: the pay codes refilled, the right signs made again.
  const fresh = await startMockServer({ port: 0, apps: [app], pendingMs: 100, selfCheck: true });
  try {
    const { io, text: out, errText } = captureIo('', env);
    const code = await main(['proxy', '--replay', file, '--upstream', fresh.url], io);
    assert.match(out(), /#1 \/pay\/qrcode: recorded 1000, replayed 1000\n#2 \/pay\/get: recorded 1000, replayed 1000\n#3 \/pay\/qrcode: recorded 3004, replayed 3004/);
    assert.match(out(), /finding #3 \/pay\/qrcode client request-signature/);
    assert.match(out(), /replayed 3 exchanges .*: 1 findings/);
    assert.equal(code, 1, errText());
    assert.deepEqual((await journalOf(fresh.url)).map((e) => [e.path, e.code]), [['/pay/qrcode', 1000], ['/pay/get', 1000], ['/pay/qrcode', 3004]]);
  } finally {
    await fresh.close();
  }
});

test('a reader that goes away (`paycheck proxy … | head -1`) stops the log, not the proxy: every call still forwarded, told once on stderr, SIGTERM exits 0', async () => {
  const { child, url, ended, errSoFar } = await paycheckChild(['proxy', '--upstream', mock.url, '--port', '0'], 'ignore');
  const told = /^paycheck proxy: standard output was closed \(EPIPE\): no more log lines; serving on until SIGINT\/SIGTERM$/gm;
  const client = createPayClient({ baseUrl: url, app: DEMO_APP, encoding: 'base64' });
  for (let i = 0; i < 3; i++) {
    const exchange = await client.pay(payRequest('0.01'));
    assert.equal((exchange.response?.body as { code: number } | undefined)?.code, 1000, errSoFar());
    // The first log line meets the closed pipe; the next call is sent once the proxy has said so.
    for (let waited = 0; errSoFar().match(told) === null && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGTERM');
  const { code, err } = await ended;
  assert.equal(code, 0, err);
  assert.equal(err.match(told)?.length, 1, err);
  assert.doesNotMatch(err, /Error|at /);
});
