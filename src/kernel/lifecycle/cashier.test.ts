import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cashierAnswerOf, createCashier, followUpInTurn, isRepeatAnswer, isSettled, type CallAnswer, type FollowUpEndpoint } from './cashier.ts';

/** Plays one order through `followUpInTurn`, each answer taking `latencyMs`: the pay answer, then each follow-up answered by `answer` (by endpoint and call number). */
function play(timeScale: number, pay: CallAnswer, answer: (endpoint: FollowUpEndpoint, n: number) => CallAnswer, latencyMs = 0) {
  const calls: [FollowUpEndpoint, number][] = [];
  let at = latencyMs;
  const outcome = followUpInTurn(createCashier(timeScale), pay, latencyMs, {
    wait: (ms) => {
      at += ms;
    },
    send(endpoint) {
      calls.push([endpoint, at]);
      assert.ok(calls.length < 50, 'the cashier stops');
      at += latencyMs;
      return { answer: answer(endpoint, calls.length), durationMs: latencyMs };
    },
  });
  return { outcome, calls };
}

const paying: CallAnswer = { code: 1000, orderStatus: 0 };

test('1000 and 1001 end an order at once; another code refuses it; nothing is followed up', () => {
  const never = () => assert.fail('no follow-up');
  assert.deepEqual(play(1, { code: 1000 }, never), { outcome: 'paid', calls: [] });
  assert.deepEqual(play(1, { code: 1001 }, never), { outcome: 'failed', calls: [] });
  assert.deepEqual(play(1, { code: 3004 }, never), { outcome: 'refused', calls: [] });
  assert.deepEqual(play(1, { code: 1007 }, never), { outcome: 'refused', calls: [] });
});

test('after 1002 it queries every 5 s until a final status: found paid at 15 s, or closed', () => {
  const paidAt15 = play(1, { code: 1002 }, (_e, n) => (n < 3 ? paying : { code: 1000, orderStatus: 1 }));
  assert.deepEqual(paidAt15, { outcome: 'paid', calls: [['get', 5_000], ['get', 10_000], ['get', 15_000]] });
  assert.equal(play(1, { code: 1002 }, () => ({ code: 1000, orderStatus: 4 })).outcome, 'closed');
  assert.equal(play(1, { code: 1002 }, () => ({ code: 1000, orderStatus: -1 })).outcome, 'failed');
});

test('an open order (5001, or no answer) is queried up to the 30 s deadline, then cancelled once', () => {
  for (const pay of [{ code: 5001 }, {}] as CallAnswer[]) {
    const run = play(1, pay, (e) => (e === 'get' ? { code: 1000, orderStatus: -10 } : { code: 1000, orderStatus: 5 }));
    assert.deepEqual(run, { outcome: 'cancelled', calls: [...[5, 10, 15, 20, 25, 30].map((s): [FollowUpEndpoint, number] => ['get', s * 1000]), ['cancel', 30_000]] });
  }
});

test('time spent waiting for answers counts: no query is sent past the deadline, the cancel comes sooner', () => {
  const run = play(1, { code: 5001 }, (e) => (e === 'get' ? {} : { code: 1000 }), 400);
  const queries = run.calls.filter(([e]) => e === 'get').map(([, at]) => at);
  assert.ok(queries.length === 5 && queries.every((at) => at <= 30_000), JSON.stringify(queries));
  assert.deepEqual(run.calls.at(-1), ['cancel', 27_400]);
});

test('the time scale shrinks every wait: 0.05 → 250 ms queries, cancel at 1.5 s', () => {
  const run = play(0.05, { code: 5001 }, (e) => (e === 'get' ? {} : { code: 1005 }));
  assert.deepEqual(run.calls.at(-1), ['cancel', 1_500]);
  assert.deepEqual(run.calls[0], ['get', 250]);
  assert.equal(run.outcome, 'cancelled');
});

test('a failed cancel is retried after an interval, at most three times, then the order is unknown', () => {
  const run = play(1, { code: 5001 }, (e) => (e === 'get' ? {} : { code: 5001 }));
  assert.equal(run.outcome, 'unknown');
  assert.deepEqual(run.calls.filter(([e]) => e === 'cancel').map(([, at]) => at), [30_000, 35_000, 40_000]);
  assert.equal(play(1, { code: 5001 }, (e) => (e === 'get' ? {} : { code: 1004 })).outcome, 'closed');
  assert.equal(play(1, { code: 5001 }, (e) => (e === 'get' ? {} : { code: 4001 })).outcome, 'absent');
});

test('a cancel answered 1006 (paid after all) is followed by one query whose status ends it', () => {
  const run = play(1, { code: 5001 }, (e, n) => (e === 'cancel' ? { code: 1006 } : n > 7 ? { code: 1000, orderStatus: 3 } : {}));
  assert.equal(run.outcome, 'refunded');
  assert.deepEqual(run.calls.slice(-2), [['cancel', 30_000], ['get', 30_000]]);
  assert.equal(play(1, { code: 5001 }, (e, n) => (e === 'cancel' ? { code: 1006 } : n > 7 ? {} : {})).outcome, 'paid');
});

test('settled outcomes carry a final order status; repeats of an order_id are 1003 and 1007', () => {
  assert.deepEqual(['paid', 'failed', 'closed', 'cancelled', 'refunded', 'refused', 'absent', 'unknown'].map((o) => isSettled(o as never)), [true, true, true, true, true, false, false, false]);
  assert.deepEqual([1003, 1007, 1000, undefined].map(isRepeatAnswer), [true, true, false, false]);
});

test('a pay answered 1000 about another order, or without the order, is no result: the cashier queries instead of calling it paid', () => {
  const cashier = createCashier(1);
  for (const data of [{ order_id: 'OTHER', order_status: 1 }, {}, { order_id: 'O1' }]) {
    const answer = cashierAnswerOf('pay', { code: 1000, data }, 'O1');
    assert.equal(answer.code, undefined);
    assert.deepEqual(cashier.afterPay(answer, 0), { kind: 'call', endpoint: 'get', waitMs: cashier.policy.minPollIntervalMs });
  }
  assert.equal(cashier.afterPay(cashierAnswerOf('pay', { code: 1000, data: { order_id: 'O1', order_status: 1 } }, 'O1'), 0).kind, 'done');
  // A query's 1000 about another order is no status either; a cancel's 1005 carries no order at all.
  assert.equal(cashierAnswerOf('get', { code: 1000, data: { order_id: 'OTHER', order_status: 1 } }, 'O1').orderStatus, undefined);
  assert.deepEqual(cashierAnswerOf('cancel', { code: 1005, data: {} }, 'O1'), { code: 1005 });
  // The response table's String status is a status (D-5); a string of no documented status is none.
  assert.deepEqual(cashierAnswerOf('get', { code: 1000, data: { order_id: 'O1', order_status: '1' } }, 'O1'), { code: 1000, orderStatus: 1 });
  assert.ok(cashierAnswerOf('get', { code: 1000, data: { order_id: 'O1', order_status: '7' } }, 'O1').mismatch);
});
