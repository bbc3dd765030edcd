/** The MSW adapter: client code calling the production URL gets the mock in-process, no network. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { PRODUCTION_BASE_URL } from '../../src/kernel/settings.ts';
import { createMswHandlers } from '../../src/adapters/msw/handlers.ts';
import { nextRefundId, signedCall, signedPay, testEngine } from '../support/signed-request.ts';
import type { Journal } from '../../src/kernel/journal-entry.ts';

const { engine } = testEngine({ pendingMs: 1_000 });
const server = setupServer(...createMswHandlers(engine, { baseUrl: PRODUCTION_BASE_URL }));
before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());

const pay = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${PRODUCTION_BASE_URL}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

test('a signed request to the production URL is answered by the engine', async () => {
  const params = signedPay({ total_amount: '0.02' });
  const response = await pay(params);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-mock-scenario'), 'VOUCHER');
  const body = (await response.json()) as { code: number; data: { order_id: string } };
  assert.equal(body.code, 1000);
  assert.equal(body.data.order_id, params.order_id);
  assert.equal(((await (await pay(params)).json()) as { code: number }).code, 1003, 'the same engine state');
});

test('errors and admin routes go through the same engine', async () => {
  assert.equal(((await (await pay({})).json()) as { code: number }).code, 3001);
  const health = await fetch(`${PRODUCTION_BASE_URL}/__mock/health`);
  assert.equal(((await health.json()) as { ok: boolean }).ok, true);
});

test('faults: http status, reset as a network error, truncate as a body cut off', async () => {
  assert.equal((await pay(signedPay(), { 'x-mock-fault': 'http-502' })).status, 502);
  await assert.rejects(pay(signedPay(), { 'x-mock-fault': 'reset' }));
  const truncated = await pay(signedPay(), { 'x-mock-fault': 'truncate' });
  assert.equal(truncated.status, 200);
  await assert.rejects(truncated.text());
});

test('the lifecycle calls and the journal go through the same engine', async () => {
  const params = signedPay();
  await pay(params);
  const call = async (path: string, fields: Record<string, unknown>) =>
    ((await (await fetch(`${PRODUCTION_BASE_URL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signedCall(fields)) })).json()) as { code: number; data: { order_status?: number } });
  assert.equal((await call('/pay/get', { order_id: params.order_id })).data.order_status, 1);
  assert.equal((await call('/pay/refund', { order_id: params.order_id, refund_order_id: nextRefundId(), refund_amount: '0.50' })).data.order_status, 3);
  assert.equal((await call('/pay/check', { order_id: params.order_id })).data.order_status, 3);
  assert.equal((await call('/pay/cancel', { order_id: params.order_id })).code, 1006);
  const journal = (await (await fetch(`${PRODUCTION_BASE_URL}/__mock/journal?order_id=${String(params.order_id)}`)).json()) as Journal;
  assert.deepEqual(journal.entries.map((e) => [e.path, e.code]), [
    ['/pay/qrcode', 1000],
    ['/pay/get', 1000],
    ['/pay/refund', 1000],
    ['/pay/check', 1000],
    ['/pay/cancel', 1006],
  ]);
});

test('an unhandled request is an error, not a pass-through', async () => {
  await assert.rejects(fetch(`${PRODUCTION_BASE_URL}/pay/other`, { method: 'POST' }));
});
