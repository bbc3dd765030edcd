import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJournal } from './journal.ts';
import { RANGES } from '../kernel/number-range.ts';

const call = (n: number, extra: object = {}) => ({ at_ms: 1_780_000_000_000 + n, method: 'POST', path: '/pay/qrcode', ...extra });

test('gives back what was appended, numbered, with absent fields left out and times exact', () => {
  const journal = createJournal(5);
  journal.append(call(1, { app_id: 'a', order_id: 'o1', trade_no: 'T1', code: 1000, order_status: 1, scenario: 'SUCCESS', fault: 'truncate' }));
  journal.append(call(2));
  journal.append(call(3, { app_id: 'a', order_id: 'o1', refund_order_id: 'R1', code: 3004, order_status: -1 }));
  assert.deepEqual(journal.read().entries, [
    { seq: 1, at_ms: 1_780_000_000_001, method: 'POST', path: '/pay/qrcode', app_id: 'a', order_id: 'o1', trade_no: 'T1', code: 1000, order_status: 1, scenario: 'SUCCESS', fault: 'truncate' },
    { seq: 2, at_ms: 1_780_000_000_002, method: 'POST', path: '/pay/qrcode' },
    { seq: 3, at_ms: 1_780_000_000_003, method: 'POST', path: '/pay/qrcode', app_id: 'a', order_id: 'o1', refund_order_id: 'R1', code: 3004, order_status: -1 },
  ]);
  assert.deepEqual(Object.keys(journal.read().entries[0]), ['seq', 'at_ms', 'method', 'path', 'app_id', 'order_id', 'trade_no', 'code', 'order_status', 'scenario', 'fault']);
});

test('keeps the last cap calls across the wrap, oldest first; filters by order and app', () => {
  const journal = createJournal(3);
  for (let n = 1; n <= 7; n++) journal.append(call(n, { app_id: n % 2 ? 'a' : 'b', order_id: `o${n % 3}` }));
  assert.deepEqual(journal.read().entries.map((e) => e.seq), [5, 6, 7]);
  assert.deepEqual([journal.size, journal.dropped], [3, 4]);
  assert.deepEqual(journal.read({ appId: 'a' }).entries.map((e) => e.seq), [5, 7]);
  assert.deepEqual(journal.read({ orderId: 'o0', appId: 'b' }).entries.map((e) => e.seq), [6]);
});

test('a status of 0 and the lowest codes are kept, not taken for absent', () => {
  const journal = createJournal(2);
  journal.append(call(1, { code: 1002, order_status: 0 }));
  journal.append(call(2, { order_status: -10 }));
  assert.deepEqual(journal.read().entries.map((e) => [e.code, e.order_status]), [[1002, 0], [undefined, -10]]);
});

test('clear forgets the calls and starts numbering again', () => {
  const journal = createJournal(2);
  for (let n = 1; n <= 3; n++) journal.append(call(n, { order_id: `o${n}` }));
  assert.equal(journal.clear(), 2);
  assert.deepEqual([journal.read().entries, journal.size, journal.dropped], [[], 0, 0]);
  journal.append(call(9));
  assert.deepEqual(journal.read().entries.map((e) => [e.seq, e.order_id]), [[1, undefined]]);
  assert.throws(() => createJournal(0), RangeError);
  assert.throws(() => createJournal(RANGES.journalCap.max + 1), RangeError, 'the columns are allocated whole: a cap is bounded');
});

test('a delay and a sign diagnosis come back with their entry, and go with it across the wrap and a clear', () => {
  const journal = createJournal(2);
  const diagnosis = { signed: 'app_id=a&app_sercet=***', mistakes: [{ id: 'secret-missing', what: 'w', fix: 'f' }] };
  journal.append(call(1, { code: 3004, sign_diagnosis: diagnosis }));
  journal.append(call(2, { code: 1000, delay_ms: 2.5 }));
  assert.deepEqual(journal.read().entries.map((e) => [e.delay_ms, e.sign_diagnosis]), [[undefined, diagnosis], [2.5, undefined]]);
  journal.append(call(3, { code: 1000 }));
  assert.deepEqual(journal.read().entries.map((e) => [e.seq, e.sign_diagnosis]), [[2, undefined], [3, undefined]], 'the slot reused, its diagnosis gone');
  journal.append(call(4, { code: 3004, sign_diagnosis: diagnosis }));
  journal.clear();
  journal.append(call(5));
  assert.equal(journal.read().entries[0].sign_diagnosis, undefined);
});
