import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTurnWrites } from './turn-writes.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

test("writes wait for the turn's end, go out in the order held, and one held while they go out waits for the next turn", async () => {
  const writes = createTurnWrites();
  const written: string[] = [];
  writes.hold(() => written.push('a'));
  writes.hold(() => {
    written.push('b');
    writes.hold(() => written.push('d'));
  });
  writes.hold(() => written.push('c'));
  assert.deepEqual(written, [], 'nothing written in the turn that held it');
  await Promise.resolve();
  assert.deepEqual(written, [], 'nor at the end of its microtasks');
  await turn();
  assert.deepEqual(written, ['a', 'b', 'c']);
  await turn();
  assert.deepEqual(written, ['a', 'b', 'c', 'd']);
});

test('flush makes the held writes at once; one that throws costs the others nothing, and its error is thrown after them', async () => {
  const writes = createTurnWrites();
  const written: string[] = [];
  writes.hold(() => written.push('a'));
  writes.hold(() => {
    throw new Error('the first');
  });
  writes.hold(() => {
    throw new Error('the second');
  });
  writes.hold(() => written.push('b'));
  assert.throws(() => writes.flush(), { message: 'the first' });
  assert.deepEqual(written, ['a', 'b']);
  await turn();
  assert.deepEqual(written, ['a', 'b'], 'nothing is written twice');
});
