import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createPayClient } from '../../src/adapters/client/pay-client.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { startEchoServer } from '../support/echo-server.ts';
import { curlCommand } from '../../src/checks/report/curl.ts';
import { renderExchangeReport } from '../../src/checks/report/exchange-report.ts';
import type { Finding } from '../../src/checks/contract/finding.ts';

let echo: Awaited<ReturnType<typeof startEchoServer>>;
before(async () => {
  echo = await startEchoServer({ body: '{"code":1000,"msg":"支付成功","data":{"pay_code":"134567890123456789"}}' });
});
after(() => echo.close());

const CODE = '134567890123456789';
const client = () => createPayClient({ baseUrl: echo.url, app: DEMO_APP, encoding: 'base64' });
const params = { app_id: DEMO_APP.appId, sign_type: 'MD5', order_id: 'PC1', pay_code: CODE, total_amount: '0.01', store_info: { store_id: "O'Neil 店" } };

test('the curl command sends the same bytes and headers as the client did', async () => {
  const exchange = await client().pay(params, { headers: { 'X-Mock-Scenario': 'paid' } });
  const { command, env } = curlCommand(exchange.request);
  assert.ok(!command.includes(CODE), 'the pay code is not in the command');
  // Async: the echo server answering curl lives in this process.
  const { stdout: out } = await promisify(execFile)('sh', ['-c', command], { env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(out, exchange.response?.text);
  const [byClient, byCurl] = echo.seen.slice(-2);
  assert.deepEqual(byCurl.body, byClient.body);
  assert.equal(byCurl.url, byClient.url);
  assert.equal(byCurl.method, 'POST');
  assert.equal(byCurl.headers['content-type'], byClient.headers['content-type']);
  assert.equal(byCurl.headers['x-mock-scenario'], 'paid');
});

test('a request without a pay code needs no variable', () => {
  const { env, command } = curlCommand({ method: 'POST', url: 'http://127.0.0.1:1/pay/qrcode', headers: {}, text: '{"a":1}', json: { a: 1 } });
  assert.deepEqual(env, {});
  assert.equal(command, `curl -sS -X POST 'http://127.0.0.1:1/pay/qrcode' --data-binary '{"a":1}'`);
});

test('the report names rule, path, expected and actual, and masks the pay code and secret everywhere', async () => {
  const exchange = await client().pay(params);
  const findings: Finding[] = [
    { rule: 'pay-type-channel', path: '$.data.pay_type', expected: '0 (wechat pay code)', actual: '"weixin"', message: 'a wechat pay code must be answered with pay_type 0', severity: 'error' },
    { rule: 'error-dialect', path: '$.code', expected: 'either dialect', actual: 'flowchart (3004)', message: 'dialect', severity: 'info' },
  ];
  const text = renderExchangeReport({ exchange, findings, seed: 42, secret: DEMO_APP.secret });
  assert.ok(!text.includes(CODE), text);
  assert.ok(!text.includes(DEMO_APP.secret), text);
  assert.match(text, /rule\(s\) broken: pay-type-channel/);
  assert.match(text, /\[pay-type-channel\] \$\.data\.pay_type: expected 0 \(wechat pay code\), actual "weixin"/);
  assert.match(text, /string to sign \(secret masked\): app_id=paycheck-demo-app&app_sercet=\*\*\*&order_id=PC1&pay_code=1345\*+6789/);
  assert.match(text, /response: HTTP 200 .*\n .*"pay_code":"1345\*+6789"/);
  assert.match(text, /PAY_SEED=42/);
  assert.match(text, /^  curl -sS -X POST /m);
});
