import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mixCycle, mixPicker, pendingMsOf, type MixEntry } from './checkout-mix.ts';

const mix: MixEntry[] = [
  { scenario: 'A', weight: 6, meaning: '' },
  { scenario: 'B', weight: 3, meaning: '' },
  { scenario: 'C', weight: 1, meaning: '' },
];

test('a cycle holds each kind as often as its weight, spread out rather than in runs', () => {
  const cycle = mixCycle(mix);
  assert.equal(cycle.length, 10);
  assert.deepEqual(['A', 'B', 'C'].map((k) => cycle.filter((x) => x === k).length), [6, 3, 1]);
  // B never comes twice in a row, A never three times.
  assert.ok(!cycle.join('').includes('BB') && !cycle.join('').includes('AAA'), cycle.join(''));
});

test('the picker repeats the cycle over serials, the same every time', () => {
  const pick = mixPicker(mix);
  const first = Array.from({ length: 10 }, (_, i) => pick(i));
  assert.deepEqual(Array.from({ length: 10 }, (_, i) => pick(i + 10)), first);
  assert.deepEqual(first, [...mixCycle(mix)]);
});

test('bad weights are refused; the pending delay is the confirm time at the time scale', () => {
  assert.throws(() => mixCycle([{ scenario: 'A', weight: 0, meaning: '' }]), RangeError);
  assert.throws(() => mixCycle([{ scenario: 'A', weight: 1.5, meaning: '' }]), RangeError);
  assert.equal(pendingMsOf({ mix, timeScale: 0.05, confirmMs: 12_000 }), 600);
});
