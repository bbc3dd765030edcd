import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange } from '../../adapters/client/pay-client.ts';
import { renderFuzzJson, renderFuzzJUnit, renderFuzzText, type FuzzReport } from './fuzz-report.ts';

const PAY_CODE = '134567890123456789';
const body = { app_id: 'paycheck-demo-app', sign_type: 'MD5', order_id: 'FZ1', pay_code: PAY_CODE, total_amount: '0.01', app_sercet: 'x', sign: 'QUFB' };
const exchange: Exchange = {
  request: { method: 'POST', url: 'http://127.0.0.1:4010/pay/qrcode', headers: { 'content-type': 'application/json' }, text: JSON.stringify(body), json: body },
  canonical: `app_id=paycheck-demo-app&app_sercet=***&order_id=FZ1&pay_code=${PAY_CODE}&sign_type=MD5&total_amount=0.01`,
  response: { status: 200, headers: { 'content-type': 'application/json' }, text: `{"code":1000,"msg":"ok","data":{"pay_code":"${PAY_CODE}"}}`, body: { code: 1000 } },
  durationMs: 3,
};
const report: FuzzReport = {
  target: 'http://127.0.0.1:4010', appId: 'paycheck-demo-app', seed: 42, budget: '100 runs per property', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1200,
  checks: ['transport', 'schema'],
  properties: [
    { id: 'qrcode-positive', call: '/pay/qrcode', kind: 'positive', status: 'passed', runs: 100, skips: 0, durationMs: 500 },
    { id: 'stateful', kind: 'stateful', status: 'skipped', runs: 0, skips: 0, durationMs: 0, note: 'not loopback' },
    {
      id: 'qrcode-signing', call: '/pay/qrcode', kind: 'signing', status: 'failed', runs: 7, skips: 0, durationMs: 400,
      failure: {
        token: 'qrcode-signing~md5~42~6:0', seed: 42, path: '6:0', shrinks: 3,
        steps: [{ label: 'a valid request, changed around its signature', exchange, expected: '3002 (format)', done: ['a field "app_sercet" that the body does not declare, set to "x"', `after signing, pay_code changed to "${PAY_CODE}"`],
          findings: [{ rule: 'expected-outcome', path: '$.code', expected: '3002 (format)', actual: '1000', message: 'the target answered 1000', severity: 'error' }] }],
      },
    },
  ],
  coverage: { fields: [{ call: '/pay/qrcode', field: 'pay_code', present: 9, absent: 0, atMax: 0, types: { string: 9 }, values: { 'wechat channel': 9 } }], codes: [{ call: '/pay/qrcode', codes: { 1000: 9 } }], mutations: { 'unknown-field': 3 }, commands: [] },
};

test('a failure reads as a minimal case: rule, what was done, expected, masked request and string signed, answer, curl, replay token', () => {
  const text = renderFuzzText(report);
  assert.match(text, /✗  qrcode-signing +7 run\(s\).*expected-outcome broken/);
  assert.match(text, /-  stateful +skipped: not loopback/);
  assert.match(text, /made from a valid request by:\n    - a field "app_sercet"/);
  assert.match(text, /\[expected-outcome\] \$\.code: expected 3002 \(format\), actual 1000/);
  assert.match(text, /string signed \(secret masked[^)]*\):\n(?:.*\n)*? *&app_sercet=\*\*\*\n(?:.*\n)*? *&pay_code=1345\*+6789/);
  assert.match(text, /curl -sS -X POST [^\n]*\\\n(?:.*\n)*?.*"\$PAY_CODE"/);
  assert.match(text, /paycheck fuzz --replay qrcode-signing~md5~42~6:0 +\(seed 42, path 6:0/);
  assert.match(text, /\/pay\/qrcode pay_code +9 +0 +0 +string ×9; wechat channel ×9/);
  assert.match(text, /1 property failed: qrcode-signing$/);
});

test('no report carries a pay code whole', () => {
  for (const [name, out] of [['text', renderFuzzText(report)], ['json', renderFuzzJson(report)], ['junit', renderFuzzJUnit(report)]]) {
    assert.ok(!out.includes(PAY_CODE), `${name} holds the pay code`);
  }
  const json = JSON.parse(renderFuzzJson(report)) as { properties: { failure?: { steps: { request: { body: string }; curl: string }[] } }[] };
  const step = json.properties[2].failure!.steps[0];
  assert.match(step.request.body, /"pay_code":"1345\*+6789"/);
  assert.match(step.curl, /\$PAY_CODE/);
});

test('JUnit: a property a test case, a failure a <failure> naming the rule and the token, a skip a <skipped>', () => {
  const xml = renderFuzzJUnit(report);
  assert.match(xml, /<testsuites name="paycheck fuzz" tests="3" failures="1"/);
  assert.match(xml, /<testcase classname="fuzz.signing" name="qrcode-signing"[^>]*>\n {6}<failure type="contract" message="expected-outcome broken; replay: paycheck fuzz --replay qrcode-signing~md5~42~6:0">/);
  assert.match(xml, /<skipped message="not loopback"\/>/);
});
