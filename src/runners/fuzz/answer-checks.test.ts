import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange } from '../../adapters/client/pay-client.ts';
import { DEMO_APP } from '../../kernel/settings.ts';
import { EXTRA_CHECKS } from './answer-checks.ts';

const answered = (text: string, headers: Record<string, string> = {}): Exchange => ({
  request: { method: 'POST', url: 'http://127.0.0.1:4010/pay/qrcode', headers: {}, text: '{}' },
  canonical: '',
  response: { status: 200, headers: { 'content-type': 'application/json', ...headers }, text },
  durationMs: 1,
});
const secretNotEchoed = EXTRA_CHECKS.find((c) => c.name === 'secret-not-echoed')!;

test('secret-not-echoed: an answer that carries the secret, in its body or a header, is a finding that does not repeat it', () => {
  const leaks = [
    answered(`{"code":3004,"msg":"expected app_id=a&app_sercet=${DEMO_APP.secret}&order_id=1","data":{}}`),
    answered('{"code":3004,"msg":"","data":{}}', { 'x-debug-signed': `app_sercet=${DEMO_APP.secret}` }),
  ];
  for (const exchange of leaks) {
    const [finding, ...more] = secretNotEchoed.check(exchange, DEMO_APP);
    assert.equal(more.length, 0);
    assert.equal(finding.rule, 'secret-not-echoed');
    assert.ok(!JSON.stringify(finding).includes(DEMO_APP.secret), 'the finding itself never holds the secret');
  }
  assert.deepEqual(secretNotEchoed.check(answered('{"code":1000,"msg":"支付成功","data":{}}'), DEMO_APP), []);
});
