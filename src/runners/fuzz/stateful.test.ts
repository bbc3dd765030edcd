import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cancelCodes, refundCodes, repeatCodes } from './stateful.ts';

type Order = Parameters<typeof cancelCodes>[0];
const order = (status: number | undefined, paidFen?: number, returnedFen = 0): Order => ({
  order_id: 'FZ1', status, paidFen, returnedFen, refundIds: [], pay: { text: '{}', json: {}, done: [] },
});

test('the model never lets an order be paid twice: a repeat is 1003 once money moved, 1007 (table 1003) once it failed or closed, either while open', () => {
  for (const status of [1, 2, 3, -2]) assert.deepEqual(repeatCodes(order(status, 100)), [1003], String(status));
  for (const status of [-1, 4]) assert.deepEqual(repeatCodes(order(status)), [1007, 1003], String(status));
  assert.deepEqual(repeatCodes(order(0)).sort(), [1003, 1007]);
});

test('a cancel succeeds where a documented move leads to cancelled (order-transitions.ts); a final order keeps its answer', () => {
  assert.deepEqual(cancelCodes(order(1, 100)), [1000], 'paid: refunded and cancelled');
  assert.deepEqual(cancelCodes(order(0)), [1000, 1004], 'paying: cancelled, or met closed by the platform');
  assert.deepEqual(cancelCodes(order(-1)), [1000, 1004]);
  assert.deepEqual(cancelCodes(order(5)), [1005]);
  assert.deepEqual(cancelCodes(order(4)), [1004]);
  for (const status of [2, 3, -2]) assert.deepEqual(cancelCodes(order(status, 100, 50)), [1006], `refunded (${status}): no move leads to cancelled`);
});

test('a refund never returns more than is left of what was paid; a cancelled order is refused; a refund number is used once', () => {
  assert.deepEqual(refundCodes(order(1, 1000), 0, false), [1000], '0 asks for all that is left');
  assert.deepEqual(refundCodes(order(3, 1000, 400), 600, false), [1000]);
  assert.deepEqual(refundCodes(order(3, 1000, 400), 601, false), [2001], 'a fen more than is left');
  assert.deepEqual(refundCodes(order(3, 1000, 1000), 0, false), [2001], 'nothing left');
  assert.deepEqual(refundCodes(order(5, 1000), 1, false), [1005, 2001], 'a cancelled order, paid or not');
  assert.deepEqual(refundCodes(order(-1), 1, false), [2001], 'never paid');
  assert.deepEqual(refundCodes(order(0), 1, false), [1000, 2001], 'paying: it may have been paid since');
  assert.deepEqual(refundCodes(order(1, 1000), 1, true), [3002], 'D-41: an earlier refund_order_id');
});
