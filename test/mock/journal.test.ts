/** The request journal over real HTTP: every API call in order, filtered by order, bounded, reset. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerReadable, type Journal } from '../../src/kernel/journal-entry.ts';
import { nextRefundId, signedCall, signedPay } from '../support/signed-request.ts';
import { startTestServer, useTestServer } from '../support/test-server.ts';

const mock = useTestServer({ pendingMs: 10_000 });

const journal = async (query = '') => (await mock().get(`/__mock/journal${query}`)).json as unknown as Journal;
const reset = () => fetch(`${mock().url}/__mock/reset`, { method: 'POST' });

test('every pay and lifecycle call, in order, with its code and the order status after it; admin routes are not journaled', async () => {
  await reset();
  const params = signedPay({ total_amount: '0.30' });
  const trade = (await mock().post(params)).envelope.data.trade_no;
  await mock().get('/__mock/health');
  await mock().post(signedCall({ order_id: params.order_id }), {}, '/pay/check');
  mock().clock.advance(10_000);
  await mock().post(signedCall({ trade_no: trade }), {}, '/pay/get');
  const refundOrderId = nextRefundId();
  await mock().post(signedCall({ order_id: params.order_id, refund_order_id: refundOrderId, refund_amount: '0.10' }), {}, '/pay/refund');
  await mock().post(params);
  const { entries } = await journal();
  assert.deepEqual(
    entries.map((e) => [e.seq, e.path, e.code, e.order_status]),
    [
      [1, '/pay/qrcode', 1002, 0],
      [2, '/pay/check', 1000, 0],
      [3, '/pay/get', 1000, 1],
      [4, '/pay/refund', 1000, 3],
      [5, '/pay/qrcode', 1003, 3],
    ],
  );
  const [first, , third, fourth] = entries;
  assert.deepEqual(first, { seq: 1, at_ms: first.at_ms, method: 'POST', path: '/pay/qrcode', app_id: params.app_id, order_id: params.order_id, trade_no: trade, code: 1002, order_status: 0, scenario: 'USER_PAYING' });
  assert.equal(third.at_ms - first.at_ms, 10_000, 'times on the mock clock');
  assert.equal(third.order_id, params.order_id, 'a lookup by trade_no names its order');
  assert.equal(fourth.refund_order_id, refundOrderId);
});

test('?order_id= keeps one order’s calls; failed calls keep what could be read', async () => {
  await reset();
  const a = signedPay();
  const b = signedPay();
  await mock().post(a);
  await mock().post(b);
  await mock().post({ ...a, sign: 'bad' });
  await mock().post({ ...a, total_amount: '1.001' });
  await mock().post(signedCall({ order_id: a.order_id }), {}, '/pay/cancel');
  const { entries } = await journal(`?order_id=${String(a.order_id)}`);
  assert.deepEqual(entries.map((e) => [e.seq, e.path, e.code]), [
    [1, '/pay/qrcode', 1000],
    [3, '/pay/qrcode', 3004],
    [4, '/pay/qrcode', 3002],
    [5, '/pay/cancel', 1000],
  ]);
  assert.equal(entries[2].app_id, a.app_id, 'read from a body that failed its schema');
  assert.deepEqual((await journal(`?order_id=${String(b.order_id)}`)).entries.map((e) => e.seq), [2]);
  assert.equal((await journal('?order_id=NOBODY')).entries.length, 0);
  assert.equal((await journal(`?app_id=${String(a.app_id)}`)).entries.length, 5);
});

test('a spoiled answer is journaled with its code and the faults that spoiled it', async () => {
  await reset();
  const params = signedPay();
  const response = await fetch(`${mock().url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-mock-fault': 'non-json' }, body: JSON.stringify(params) });
  assert.equal(response.headers.get('x-mock-fault'), 'non-json');
  await response.text();
  const { entries } = await journal();
  assert.deepEqual(entries.map((e) => [e.code, e.order_status, e.fault]), [[1000, 1, 'non-json']]);
  assert.equal(answerReadable(entries[0]), false);
});

test('transport faults and refused requests are journaled without a code', async () => {
  await reset();
  const params = signedPay();
  await assert.rejects(mock().post(params, { 'x-mock-fault': 'reset' }));
  await fetch(`${mock().url}/pay/get`);
  await mock().post(signedPay(), { 'x-mock-scenario': 'NOPE' });
  const { entries } = await journal();
  assert.deepEqual(entries.map((e) => [e.path, e.method, e.code, e.order_status, e.fault]), [
    ['/pay/qrcode', 'POST', undefined, 1, 'reset'],
    ['/pay/get', 'GET', undefined, undefined, undefined],
    ['/pay/qrcode', 'POST', undefined, undefined, undefined],
  ]);
});

test('POST /__mock/reset clears the journal and numbering starts again', async () => {
  await mock().post(signedPay());
  await reset();
  assert.deepEqual((await journal()).entries, []);
  await mock().post(signedPay());
  assert.deepEqual((await journal()).entries.map((e) => e.seq), [1]);
});

test('the journal keeps the last journalCap calls and says how many it dropped', async () => {
  const small = await startTestServer({ journalCap: 3 });
  for (let i = 0; i < 5; i++) await small.post(signedPay());
  const response = await fetch(`${small.url}/__mock/journal`);
  assert.equal(response.headers.get('x-mock-journal-cap'), '3');
  assert.equal(response.headers.get('x-mock-journal-dropped'), '2');
  assert.deepEqual(((await response.json()) as Journal).entries.map((e) => e.seq), [3, 4, 5]);
  await small.close();
  assert.deepEqual(small.errors, []);
});
