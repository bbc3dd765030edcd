import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOrder, historyOf, IllegalTransitionError, NO_MOVES, type OrderRecord, ORDER_STATUS, paidAtOf, updatedAtOf, realFenOf, refundableFen, settle, TRANSITIONS, transition, wasPaid, type OrderState } from './order-record.ts';

const paying = (pending: OrderRecord['pending'] = { at: 1_000, to: 'paid' }) =>
  createOrder(
    { appId: 'a', orderId: 'o1', tradeNo: 't1', payType: 0, scenario: 'USER_PAYING', totalFen: 300, payableFen: 300, chargeFen: 300, vouchers: [], state: 'paying', pending, storeInfo: undefined, goodsList: undefined },
    0,
  );

test('every state of the platform has an order_status and a transition list', () => {
  assert.deepEqual(Object.values(ORDER_STATUS).sort((a, b) => a - b), [-10, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
  for (const [from, targets] of Object.entries(TRANSITIONS)) {
    for (const to of targets) assert.ok(to in ORDER_STATUS, `${from} → ${to}`);
  }
});

test('a transition records from, to and when; an illegal one throws and changes nothing', () => {
  const record = paying();
  transition(record, 'paid', 500);
  assert.equal(record.state, 'paid');
  assert.equal(updatedAtOf(record), 500);
  assert.deepEqual(historyOf(record), [{ from: null, to: 'paying', at: 0 }, { from: 'paying', to: 'paid', at: 500 }]);
  assert.throws(() => transition(record, 'paying', 600), IllegalTransitionError);
  assert.equal(record.state, 'paid');
  assert.equal(historyOf(record).length, 2);
});

test('settle applies a due outcome dated when it was due, not when it was seen, and says whether it moved', () => {
  const record = paying({ at: 1_000, to: 'failed' });
  assert.equal(settle(record, 999), false);
  assert.equal(record.state, 'paying');
  assert.equal(settle(record, 50_000), true);
  assert.equal(record.state, 'failed');
  assert.equal(settle(record, 60_000), false, 'once');
  assert.deepEqual(historyOf(record).at(-1), { from: 'paying', to: 'failed', at: 1_000 });
  assert.equal(record.pending, undefined);
});

test('real amount shows only once the money moved', () => {
  const record = paying();
  assert.equal(realFenOf(record), 0);
  settle(record, 1_000);
  assert.equal(realFenOf(record), 300);
  const paidLike: OrderState[] = ['paid', 'refunding', 'partlyRefunded', 'fullyRefunded', 'refundFailed'];
  for (const state of Object.keys(ORDER_STATUS) as OrderState[]) assert.equal(wasPaid(state), paidLike.includes(state), state);
});

test('paidAtOf says when the money moved, also after refunds; refundable is paid less refunded', () => {
  const record = paying({ at: 1_000, to: 'paid' });
  assert.equal(refundableFen(record), 0);
  settle(record, 1_000);
  assert.equal(paidAtOf(record), 1_000);
  record.refundedFen = 100;
  transition(record, 'partlyRefunded', 2_000, 'refunded 1.00 (R1)');
  assert.equal(refundableFen(record), 200);
  assert.deepEqual(historyOf(record).at(-1), { from: 'paid', to: 'partlyRefunded', at: 2_000, detail: 'refunded 1.00 (R1)' });
  assert.throws(() => transition(record, 'cancelled', 3_000), IllegalTransitionError);
  assert.equal(paidAtOf(record), 1_000);
  assert.equal(paidAtOf(paying()), undefined);
});

test('a new order shares one empty refund list', () => {
  assert.equal(paying().refunds, paying().refunds);
  assert.ok(Object.isFrozen(paying().refunds));
});

test('a new order has not moved: its history is its creation, shared empty moves, updated when created', () => {
  const record = paying();
  assert.equal(record.moves, NO_MOVES);
  assert.ok(Object.isFrozen(record.moves));
  assert.deepEqual(historyOf(record), [{ from: null, to: 'paying', at: 0 }]);
  assert.equal(updatedAtOf(record), 0);
  transition(record, 'paid', 10);
  assert.equal(NO_MOVES.length, 0, 'the shared list is never written');
  assert.deepEqual(historyOf(paying()), [{ from: null, to: 'paying', at: 0 }]);
});

test('an order created paid was paid when created', () => {
  const record = createOrder(
    { appId: 'a', orderId: 'o2', tradeNo: 't2', payType: 1, scenario: 'SUCCESS', totalFen: 100, payableFen: 100, chargeFen: 100, vouchers: [], state: 'paid', storeInfo: undefined, goodsList: undefined },
    42,
  );
  assert.equal(paidAtOf(record), 42);
  transition(record, 'cancelled', 50);
  assert.deepEqual(historyOf(record).map((t) => [t.from, t.to, t.at]), [[null, 'paid', 42], ['paid', 'cancelled', 50]]);
  assert.equal(paidAtOf(record), 42);
});
