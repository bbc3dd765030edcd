import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock } from './clock.ts';
import { createRateLimiter } from './rate-limiter.ts';

test('a bucket per key: the burst passes, then one token per 1/rate seconds', () => {
  const clock = manualClock();
  const limiter = createRateLimiter({ perSecond: 2, burst: 3 }, clock);
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [true, true, true, false]);
  assert.equal(limiter.take('b'), true, 'another app has its own bucket');
  clock.advance(499);
  assert.equal(limiter.take('a'), false);
  clock.advance(1);
  assert.equal(limiter.take('a'), true);
  clock.advance(60_000);
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [true, true, true, false], 'refills up to the burst only');
  limiter.clear();
  assert.equal(limiter.take('a'), true);
});

test('refuses a rate or burst that cannot work', () => {
  assert.throws(() => createRateLimiter({ perSecond: 0, burst: 1 }, manualClock()), RangeError);
  assert.throws(() => createRateLimiter({ perSecond: 1, burst: 0 }, manualClock()), RangeError);
});
