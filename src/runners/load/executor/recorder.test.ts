import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAY_CHECKS } from '../request/pay-answer-checks.ts';
import { createRecorder } from './recorder.ts';

const allPass = { code: 1000, passed: PAY_CHECKS.map(() => true) };

test('the recorder counts sent, answered, failed and per-code answers, and tallies checks', () => {
  const r = createRecorder();
  for (let i = 0; i < 5; i++) r.sent(0.002);
  assert.equal(r.inFlight(), 5);
  r.answered(3, 200, allPass);
  r.answered(5, 200, { code: 5002, passed: PAY_CHECKS.map(() => true) });
  r.answered(7, 502, { passed: [false, false, false, false], cause: 'notJson' });
  r.failed('timeout');
  assert.equal(r.inFlight(), 1);
  assert.equal(r.failedRate(), 2 / 4);
  const m = r.measurements();
  assert.deepEqual([m.sent, m.answered, m.noAnswer, m.failed, m.nonSuccess], [5, 3, 1, 2, 3]);
  assert.deepEqual(m.codes, { '1000': 1, '5002': 1, none: 2 });
  assert.deepEqual(m.noCodeCauses, { notJson: 1, timeout: 1 }, 'each request without a code, by its cause');
  assert.deepEqual([m.checks.passes, m.checks.fails], [8, 8]);
  assert.deepEqual(m.checks.byName[PAY_CHECKS[0]], { passes: 2, fails: 2 });
  assert.equal(m.latencyMs?.max, 7);
  assert.equal(m.latencyMs?.p50, 5);
  assert.equal(m.signingUs?.mean, 2);
});

test('the progress window holds the answers since the last window', () => {
  const r = createRecorder();
  r.sent(0);
  r.sent(0);
  r.answered(10, 200, allPass);
  const first = r.window();
  assert.deepEqual([first.windowAnswered, first.windowP95Ms, first.inFlight], [1, 10, 1]);
  const second = r.window();
  assert.deepEqual([second.windowAnswered, second.windowP95Ms], [0, undefined]);
  assert.equal(r.failedRate(), 0);
  assert.equal(createRecorder().failedRate(), undefined);
});

test('latency samples grow past their first buffer', () => {
  const r = createRecorder();
  for (let i = 1; i <= 5000; i++) r.answered(i, 200, allPass);
  assert.equal(r.measurements().latencyMs?.max, 5000);
});

test('the recorder keeps the run second by second: sends, answers, failures, codes and latency percentiles of each second', () => {
  let clock = 0;
  const r = createRecorder(PAY_CHECKS, () => clock);
  r.sent(0);
  r.answered(10, 200, allPass);
  clock = 1_500;
  r.sent(0);
  r.sent(0);
  r.answered(30, 200, { code: 3004, passed: PAY_CHECKS.map(() => true) });
  r.failed('timeout');
  clock = 3_200;
  r.sent(0);
  const { series } = r.measurements();
  assert.deepEqual(series.map((s) => [s.t, s.sent, s.answered, s.failed]), [[0, 1, 1, 0], [1, 2, 1, 1], [2, 0, 0, 0], [3, 1, 0, 0]]);
  assert.deepEqual(series[1].codes, { '3004': 1, none: 1 });
  assert.equal(series[0].p95, 10);
  assert.equal(series[2].p95, undefined, 'a second without answers has no latency');
});
