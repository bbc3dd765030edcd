import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_KINDS, parseFaults, parseLatency, pickLatency } from './faults.ts';
import { MockControlError } from './control-error.ts';

test('each kind has its default point; @point and :rate override', () => {
  assert.deepEqual(parseFaults('http-503, reset, rate-limited, truncate', 'h'), [
    { kind: 'http-503', at: 'received', rate: 1 },
    { kind: 'reset', at: 'result', rate: 1 },
    { kind: 'rate-limited', at: 'app', rate: 1 },
    { kind: 'truncate', at: 'result', rate: 1 },
  ]);
  assert.deepEqual(parseFaults('RESET@order:0.25', 'h'), [{ kind: 'reset', at: 'order', rate: 0.25 }]);
  assert.deepEqual(parseFaults('', 'h'), []);
  assert.deepEqual(parseFaults(undefined, 'h'), []);
  assert.equal(FAULT_KINDS.length, 9);
});

test('anything unreadable is a MockControlError naming its source', () => {
  for (const bad of ['explode', 'reset@nowhere', 'truncate@order', 'hang:2', 'hang:x', 'reset@']) {
    assert.throws(() => parseFaults(bad, 'X-Mock-Fault'), (e: unknown) => e instanceof MockControlError && e.message.startsWith('X-Mock-Fault'), bad);
  }
});

test('latency is fixed or a range, picked uniformly with the injected random', () => {
  assert.deepEqual(parseLatency('300', 'l'), { minMs: 300, maxMs: 300 });
  const range = parseLatency(' 100-200 ', 'l')!;
  assert.equal(pickLatency(range, () => 0), 100);
  assert.equal(pickLatency(range, () => 0.999999), 200);
  assert.equal(parseLatency('', 'l'), undefined);
  for (const bad of ['-1', '200-100', 'fast', '1.5']) assert.throws(() => parseLatency(bad, 'l'), MockControlError, bad);
});
