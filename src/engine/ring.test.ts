import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRing } from './ring.ts';

test('keeps the last cap items, oldest first, and counts what fell out', () => {
  const ring = createRing<number>(3);
  assert.deepEqual(ring.items(), []);
  for (let i = 1; i <= 2; i++) ring.push(i);
  assert.deepEqual([ring.items(), ring.size, ring.dropped], [[1, 2], 2, 0]);
  for (let i = 3; i <= 7; i++) ring.push(i);
  assert.deepEqual([ring.items(), ring.size, ring.dropped], [[5, 6, 7], 3, 4]);
  ring.clear();
  ring.push(8);
  assert.deepEqual([ring.items(), ring.dropped], [[8], 0]);
  assert.throws(() => createRing(0), RangeError);
});
