import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOrderStore, orderKey } from './order-store.ts';
import { createOrder, type OrderRecord } from './order-record.ts';

const record = (orderId: string): OrderRecord =>
  createOrder(
    { appId: 'a', orderId, tradeNo: `LFT${orderId}`, payType: 0, scenario: 'SUCCESS', totalFen: 1, payableFen: 1, chargeFen: 1, vouchers: [], state: 'paid', storeInfo: undefined, goodsList: undefined },
    0,
  );

function fill(cap: number, count: number) {
  const store = createOrderStore(cap);
  for (let i = 0; i < count; i++) store.add(orderKey('a', `o${i}`), record(`o${i}`));
  return store;
}

test('never holds more than the cap, and counts what it evicted', () => {
  const store = fill(10, 1_000);
  assert.ok(store.size <= 10, `size ${store.size}`);
  assert.equal(store.size + store.evicted, 1_000);
});

test('an order stays findable for at least cap/2 later orders', () => {
  const store = fill(10, 23);
  for (let i = 23 - 5; i < 23; i++) assert.ok(store.get(orderKey('a', `o${i}`)), `o${i}`);
  assert.equal(store.get(orderKey('a', 'o0')), undefined, 'the oldest is gone');
});

test('finds orders in both generations, oldest first in values()', () => {
  const store = fill(10, 8);
  assert.ok(store.get(orderKey('a', 'o0')), 'old generation');
  assert.ok(store.get(orderKey('a', 'o7')), 'young generation');
  assert.deepEqual([...store.values()].map((r) => r.orderId), ['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7']);
});

test('keys are per application', () => {
  const store = createOrderStore(4);
  store.add(orderKey('a', 'o1'), record('o1'));
  assert.equal(store.get(orderKey('b', 'o1')), undefined);
});

test('clear empties it and says how many went', () => {
  const store = fill(100, 7);
  assert.equal(store.clear(), 7);
  assert.equal(store.size, 0);
  assert.equal(store.get(orderKey('a', 'o1')), undefined);
});

test('refuses a cap below 2', () => {
  assert.throws(() => createOrderStore(1), RangeError);
  assert.throws(() => createOrderStore(2.5), RangeError);
});

test('finds orders by trade_no in both generations, also orders added after a lookup; evicted ones are gone', () => {
  const store = createOrderStore(4);
  store.add(orderKey('a', 'o1'), record('o1'));
  assert.equal(store.byTradeNo('LFTo1')?.orderId, 'o1');
  assert.equal(store.byTradeNo('LFTo2'), undefined);
  for (let i = 2; i <= 4; i++) store.add(orderKey('a', `o${i}`), record(`o${i}`));
  for (let i = 1; i <= 4; i++) assert.equal(store.byTradeNo(`LFTo${i}`)?.orderId, `o${i}`, `o${i}`);
  for (let i = 5; i <= 7; i++) store.add(orderKey('a', `o${i}`), record(`o${i}`));
  assert.equal(store.byTradeNo('LFTo1'), undefined, 'evicted');
  assert.equal(store.byTradeNo('LFTo7')?.orderId, 'o7');
});

test('a refund number finds its order only while the order is kept', () => {
  const store = createOrderStore(2);
  const o1 = record('o1');
  store.add(orderKey('a', 'o1'), o1);
  store.addRefund(orderKey('a', 'R1'), o1);
  assert.equal(store.byRefund(orderKey('a', 'R1')), o1);
  for (let i = 2; i <= 4; i++) store.add(orderKey('a', `o${i}`), record(`o${i}`));
  assert.equal(store.byRefund(orderKey('a', 'R1')), undefined);
});
