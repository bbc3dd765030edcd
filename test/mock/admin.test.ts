/** The admin routes and the snapshot file, over real HTTP. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedPay } from '../support/signed-request.ts';
import { startTestServer, useTestServer } from '../support/test-server.ts';

const mock = useTestServer({ storeCap: 4 });

test('GET /__mock/health answers with the store, its cap, the dialect and answer counts', async () => {
  await mock().post(signedPay());
  const { status, json } = await mock().get('/__mock/health');
  assert.equal(status, 200);
  assert.equal(json.ok, true);
  assert.equal(json.cap, 4);
  assert.equal(json.dialect, 'flowchart');
  assert.equal(typeof json.rssBytes, 'number');
  assert.ok(Number((json.answers as Record<string, number>)['1000']) >= 1);
});

test('GET /__mock/orders/{order_id} shows one order with its history; unknown → 404', async () => {
  const params = signedPay({ total_amount: '0.02' });
  await mock().post(params);
  const { status, json } = await mock().get(`/__mock/orders/${String(params.order_id)}`);
  assert.equal(status, 200);
  assert.equal(json.state, 'paid');
  assert.equal(json.scenario, 'VOUCHER');
  assert.equal((json.history as unknown[]).length, 1);
  assert.equal((await mock().get('/__mock/orders/NOPE')).status, 404);
});

test('the store keeps at most its cap: old orders are evicted and become new again', async () => {
  const first = signedPay();
  await mock().post(first);
  for (let i = 0; i < 6; i++) await mock().post(signedPay());
  const health = await mock().get('/__mock/health');
  assert.ok(Number(health.json.orders) <= 4);
  assert.ok(Number(health.json.evicted) > 0);
  assert.equal((await mock().post(first)).envelope.code, 1000, 'evicted, so unknown again');
});

test('POST /__mock/reset clears the store', async () => {
  const params = signedPay();
  await mock().post(params);
  const reset = await fetch(`${mock().url}/__mock/reset`, { method: 'POST' });
  assert.equal(reset.status, 200);
  assert.ok(((await reset.json()) as { cleared: number }).cleared >= 1);
  assert.equal((await mock().get('/__mock/health')).json.orders, 0);
  assert.equal((await mock().post(params)).envelope.code, 1000);
});

test('a restart starts empty, unless a snapshot file is configured', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'paycheck-snap-')), 'orders.json');
  const params = signedPay();
  const first = await startTestServer({ snapshotFile: file });
  assert.equal((await first.post(params)).envelope.code, 1000);
  await first.close();
  assert.match(readFileSync(file, 'utf8'), new RegExp(String(params.order_id)));
  const second = await startTestServer({ snapshotFile: file });
  assert.equal((await second.post(params)).envelope.code, 1003, 'restored');
  await second.close();
  const fresh = await startTestServer();
  assert.equal((await fresh.post(params)).envelope.code, 1000, 'no snapshot: empty');
  await fresh.close();
});

test('unknown paths are 404, wrong methods 405, as JSON', async () => {
  assert.equal((await fetch(`${mock().url}/pay/nothing`, { method: 'POST' })).status, 404);
  const get = await fetch(`${mock().url}/pay/qrcode`);
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'POST');
});
