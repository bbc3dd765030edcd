import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createPayClient } from '../../src/adapters/client/pay-client.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { startEchoServer } from '../support/echo-server.ts';
import { curlCommand } from '../../src/checks/report/curl.ts';
import { exchangeSections, renderExchangeReport } from '../../src/checks/report/exchange-report.ts';
import { displayWidth, REPORT_WIDTH } from '../../src/checks/report/wrap.ts';
import { maskPayCode } from '../../src/kernel/redaction/mask.ts';
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
  assert.match(text, /string signed \(secret masked[^\n]*\):\napp_id=paycheck-demo-app\n&app_sercet=\*\*\*\n&order_id=PC1\n&pay_code=1345\*+6789\n/);
  assert.match(text, /response:\nHTTP 200 in \d+ ms\n\n.*"pay_code":"1345\*+6789"/);
  assert.match(text, /PAY_SEED=42/);
  assert.match(text, /^curl -sS -X POST /m);
});

test('the curl command cut into lines for a report sends the same bytes as the one-line command', async () => {
  // A long body with a quote, CJK text (two columns a character) and a pay code in the middle.
  const long = { ...params, goods_list: Array.from({ length: 6 }, (_, i) => ({ barcode: '6901234567892', title: `可口可乐300ml ${"O'Neil".repeat(i)}`, num: i + 1, price: 3 })) };
  const exchange = await client().pay(long);
  const { lines, env } = curlCommand(exchange.request);
  assert.ok(lines.split('\n').length > 5);
  for (const line of lines.split('\n')) assert.ok(displayWidth(line) <= REPORT_WIDTH, `${displayWidth(line)} columns: ${line}`);
  assert.equal(lines.includes(CODE), false);
  const { stdout } = await promisify(execFile)('sh', ['-c', lines], { env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(stdout, exchange.response?.text);
  const [byClient, byCurl] = echo.seen.slice(-2);
  assert.deepEqual(byCurl.body, byClient.body);
});

test('no line of a report is wider than REPORT_WIDTH, and the string signed is the canonical string one pair a line', async () => {
  const long = { ...params, goods_list: Array.from({ length: 8 }, (_, i) => ({ barcode: '6901234567892', title: '可口可乐300ml'.repeat(i + 1), num: i + 1, price: 3 })) };
  const exchange = await client().pay(long);
  const findings: Finding[] = [{ rule: 'schema', path: '$.data', expected: 'an object', actual: JSON.stringify(long), message: 'the answer carries the request back', severity: 'error' }];
  const sections = exchangeSections({ exchange, findings, seed: 1, secret: DEMO_APP.secret });
  for (const { title, text } of sections) {
    for (const line of text.split('\n')) assert.ok(displayWidth(line) <= REPORT_WIDTH, `${title}: ${displayWidth(line)} columns: ${line}`);
  }
  const signed = sections.find((s) => s.title.startsWith('string signed'))!;
  assert.equal(signed.text.split('\n').join(''), exchange.canonical.replace(CODE, maskPayCode(CODE)));
});
