import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTurnWrites } from './turn-writes.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

test("writes wait for the turn's end, go out in the order held, and one held while they go out waits for the next turn", async () => {
  const later = createTurnWrites();
  const written: string[] = [];
  later(() => written.push('a'));
  later(() => {
    written.push('b');
    later(() => written.push('d'));
  });
  later(() => written.push('c'));
  assert.deepEqual(written, [], 'nothing written in the turn that held it');
  await Promise.resolve();
  assert.deepEqual(written, [], 'nor at the end of its microtasks');
  await turn();
  assert.deepEqual(written, ['a', 'b', 'c']);
  await turn();
  assert.deepEqual(written, ['a', 'b', 'c', 'd']);
});
