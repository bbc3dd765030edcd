import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange } from '../../adapters/client/pay-client.ts';
import type { Finding } from '../contract/finding.ts';
import { renderExchangeReport } from './exchange-report.ts';

const SECRET = 'S3cr3t-L3ak-Probe-7Qz9';
const URL = 'http://127.0.0.1:4010/pay/qrcode';

function exchange(requestText: string, responseText: string): Exchange {
  return {
    request: { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, text: requestText, json: JSON.parse(requestText) },
    canonical: 'app_id=a&app_sercet=***&order_id=PC1&pay_code=134567890123456780&total_amount=0.01',
    response: { status: 200, headers: {}, text: responseText },
    durationMs: 3,
  };
}

const broken: Finding[] = [{ rule: 'order-id-echoed', path: '$.data.order_id', expected: '"PC1"', actual: '(absent)', message: 'the order_id sent is echoed', severity: 'error' }];

test('a numeric pay_code (a JSON number) is masked in every part of a failing report', () => {
  const text = '{"app_id":"a","order_id":"PC1","pay_code":134567890123456789,"total_amount":"0.01"}';
  const report = renderExchangeReport({ exchange: exchange(text, '{"code":3002,"msg":"pay_code 134567890123456789 is no string"}'), findings: broken, seed: 7, secret: SECRET });
  assert.doesNotMatch(report, /3456789012345678/, report);
  assert.match(report, /"pay_code":1345\*+6789/);
  assert.match(report, /pay_code=1345\*+6780/);
  assert.match(report, /order_id=PC1/, 'an order id is no pay code');
});

test('the configured secret is masked wherever the target echoes it, in raw, hex, Base64 and URL-encoded form', () => {
  const raw = Buffer.from(SECRET);
  const echoes = [SECRET, raw.toString('hex'), raw.toString('base64'), raw.toString('base64url'), encodeURIComponent(SECRET).replace(/-/g, '%2D')];
  const answer = JSON.stringify({ code: 3004, msg: `expected app_secret=${echoes.join(' | ')}`, data: { key: SECRET } });
  const report = renderExchangeReport({ exchange: exchange('{"app_id":"a","order_id":"PC1"}', answer), findings: broken, seed: 7, secret: SECRET });
  for (const echo of echoes) assert.equal(report.includes(echo), false, `${echo} in\n${report}`);
  assert.match(report, /app_secret=\*\*\*/);
});

test('an echoed body is cut to 4 096 bytes on a UTF-8 boundary, its full size stated', () => {
  const huge = `{"code":1000,"msg":"${'支'.repeat(3_495_253)}"}`; // 10 485 781 bytes of UTF-8
  const request = `{"app_id":"a","order_id":"PC1","note":"${'x'.repeat(5000)}"}`;
  const report = renderExchangeReport({ exchange: exchange(request, huge), findings: broken, seed: 7, secret: SECRET });
  assert.ok(report.length < 16_000, `the report is ${report.length} characters`);
  assert.match(report, /… \(10 485 781 bytes, first 4 094 shown\)/, 'cut before a character that would not fit whole');
  assert.match(report, /… \(5 041 bytes, first 4 096 shown\)/);
  assert.doesNotMatch(report, /\uFFFD/, 'no character is cut in half');
});
