import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOrderStore } from './order-store.ts';
import { createOrder, type OrderRecord } from './order-record.ts';

const record = (orderId: string, appId = 'a'): OrderRecord =>
  createOrder(
    { appId, orderId, tradeNo: `LFT${orderId}`, payType: 0, scenario: 'SUCCESS', totalFen: 1, payableFen: 1, chargeFen: 1, vouchers: [], state: 'paid', storeInfo: undefined, goodsList: undefined },
    0,
  );

function fill(cap: number, count: number) {
  const store = createOrderStore(cap);
  for (let i = 0; i < count; i++) store.add(record(`o${i}`));
  return store;
}

test('never holds more than the cap, and counts what it evicted', () => {
  const store = fill(10, 1_000);
  assert.ok(store.size <= 10, `size ${store.size}`);
  assert.equal(store.size + store.evicted, 1_000);
});

test('an order stays findable for at least cap/2 later orders', () => {
  const store = fill(10, 23);
  for (let i = 23 - 5; i < 23; i++) assert.ok(store.get('a', `o${i}`), `o${i}`);
  assert.equal(store.get('a', 'o0'), undefined, 'the oldest is gone');
});

test('finds orders in both generations, oldest first in values()', () => {
  const store = fill(10, 8);
  assert.ok(store.get('a', 'o0'), 'old generation');
  assert.ok(store.get('a', 'o7'), 'young generation');
  assert.deepEqual([...store.values()].map((r) => r.orderId), ['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7']);
});

test('keys are per application', () => {
  const store = createOrderStore(4);
  store.add(record('o1'));
  assert.equal(store.get('b', 'o1'), undefined);
});

test('clear empties it and says how many went', () => {
  const store = fill(100, 7);
  assert.equal(store.clear(), 7);
  assert.equal(store.size, 0);
  assert.equal(store.get('a', 'o1'), undefined);
});

test('adding an order that is already kept does not count it twice', () => {
  const store = createOrderStore(10);
  const o1 = record('o1');
  store.add(o1);
  store.add(o1);
  assert.equal(store.size, 1);
  assert.deepEqual([...store.values()], [o1]);
});

test('refuses a cap below 2', () => {
  assert.throws(() => createOrderStore(1), RangeError);
  assert.throws(() => createOrderStore(2.5), RangeError);
});

test('finds orders by trade_no in both generations, also orders added after a lookup; evicted ones are gone', () => {
  const store = createOrderStore(4);
  store.add(record('o1'));
  assert.equal(store.byTradeNo('LFTo1')?.orderId, 'o1');
  assert.equal(store.byTradeNo('LFTo2'), undefined);
  for (let i = 2; i <= 4; i++) store.add(record(`o${i}`));
  for (let i = 1; i <= 4; i++) assert.equal(store.byTradeNo(`LFTo${i}`)?.orderId, `o${i}`, `o${i}`);
  for (let i = 5; i <= 7; i++) store.add(record(`o${i}`));
  assert.equal(store.byTradeNo('LFTo1'), undefined, 'evicted');
  assert.equal(store.byTradeNo('LFTo7')?.orderId, 'o7');
});

test('a refund number finds its order only while the order is kept', () => {
  const store = createOrderStore(2);
  const o1 = record('o1');
  store.add(o1);
  store.addRefund('a', 'R1', o1);
  assert.equal(store.byRefund('a', 'R1'), o1);
  for (let i = 2; i <= 4; i++) store.add(record(`o${i}`));
  assert.equal(store.byRefund('a', 'R1'), undefined);
});

test('several applications share the cap and the generations; trade numbers and refunds are found across them', () => {
  const store = createOrderStore(4);
  store.add(record('o1', 'a'));
  store.add(record('o1', 'b'));
  assert.notEqual(store.get('a', 'o1'), store.get('b', 'o1'));
  assert.equal(store.get('b', 'o1')?.appId, 'b');
  store.addRefund('b', 'R1', store.get('b', 'o1')!);
  assert.equal(store.byRefund('a', 'R1'), undefined, 'a refund number is per application');
  assert.equal(store.byRefund('b', 'R1')?.appId, 'b');
  store.add(record('o2', 'b'));
  store.add(record('o3', 'a'));
  assert.deepEqual([...store.values()].map((r) => `${r.appId}:${r.orderId}`), ['a:o1', 'b:o1', 'b:o2', 'a:o3']);
  store.add(record('o4', 'a'));
  assert.equal(store.size, 3, 'the first generation went whole, both applications');
  assert.equal(store.get('b', 'o1'), undefined);
  assert.equal(store.byTradeNo('LFTo2')?.appId, 'b');
  assert.equal(store.byTradeNo('LFTo4')?.appId, 'a');
});
