/** Fifty concurrent submissions of one order_id: exactly one success, the rest repeats. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedPay } from '../support/signed-request.ts';
import { useTestServer } from '../support/test-server.ts';

const mock = useTestServer();

test('50 concurrent submissions of one paid order: one 1000, 49 × 1003', async () => {
  const params = signedPay();
  const answers = await Promise.all(Array.from({ length: 50 }, () => mock().post(params)));
  const codes = answers.map((a) => a.envelope.code);
  assert.equal(codes.filter((c) => c === 1000).length, 1);
  assert.equal(codes.filter((c) => c === 1003).length, 49);
});

test('50 concurrent submissions of one paying order: one 1002, 49 × 1007', async () => {
  const params = signedPay({ total_amount: '0.30' });
  const codes = (await Promise.all(Array.from({ length: 50 }, () => mock().post(params)))).map((a) => a.envelope.code);
  assert.deepEqual([codes.filter((c) => c === 1002).length, codes.filter((c) => c === 1007).length], [1, 49]);
});

test('50 concurrent submissions with added latency still record one order', async () => {
  const params = signedPay();
  const codes = (await Promise.all(Array.from({ length: 50 }, () => mock().post(params, { 'x-mock-latency': '0-5' })))).map((a) => a.envelope.code);
  assert.deepEqual([codes.filter((c) => c === 1000).length, codes.filter((c) => c === 1003).length], [1, 49]);
  const order = await mock().get(`/__mock/orders/${String(params.order_id)}`);
  assert.equal(order.status, 200);
  const history = order.json.history as { to: string }[];
  assert.equal(history.filter((h) => h.to === 'paid').length, 1, JSON.stringify(history));
  const journal = await mock().get(`/__mock/journal?order_id=${String(params.order_id)}`);
  assert.equal((journal.json.entries as unknown[]).length, 50, 'every submission reached the one order');
});
