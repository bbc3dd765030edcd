import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFollowUpQueue, type FollowUpDeps } from './follow-up-queue.ts';

/** A clock that moves only when the loop sleeps (each sleep one turn of the event loop), and batches that settle when told. */
function fake() {
  let now = 1_000;
  const fired: { at: number; calls: string[]; done: () => void; fail: (e: Error) => void }[] = [];
  const deps: FollowUpDeps<string> = {
    now: () => now,
    sleep: (ms) =>
      new Promise((resolve) =>
        setImmediate(() => {
          now += ms;
          resolve();
        }),
      ),
    fire: (calls) => new Promise<void>((resolve, reject) => fired.push({ at: now, calls, done: resolve, fail: reject })),
  };
  return { deps, fired, advance: (ms: number) => (now += ms), now: () => now };
}

/** Turns of the event loop until `done()` holds (the loop under test sleeps one turn per slot). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !done(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(done(), 'the condition came about');
}

test('calls leave in the first slot at or after their time, each slot as one batch, never early', async () => {
  const { deps, fired } = fake();
  const queue = createFollowUpQueue<string>(100, deps);
  queue.add('a', 1_000);
  queue.add('b', 1_250);
  queue.add('c', 1_300);
  queue.add('d', 1_301);
  let finished = false;
  const run = queue.run(() => finished);
  await until(() => fired.length === 3);
  assert.deepEqual(fired.map((f) => [f.at, f.calls]), [[1_000, ['a']], [1_300, ['b', 'c']], [1_400, ['d']]]);
  for (const f of fired) assert.ok(f.at >= 1_000);
  fired.forEach((f) => f.done());
  finished = true;
  assert.deepEqual(await run, { released: 4, maxLagMs: 0 });
});

test('calls added while batches are answered are released too; the loop ends only with nothing queued or in flight', async () => {
  const { deps, fired } = fake();
  const queue = createFollowUpQueue<string>(100, deps);
  queue.add('first', 1_050);
  const run = queue.run(() => queue.size() === 0);
  await until(() => fired.length === 1);
  // Its answer schedules the next call, as a query answered "still paying" does.
  queue.add('second', fired[0].at + 250);
  fired[0].done();
  await until(() => fired.length === 2);
  assert.deepEqual(fired.map((f) => f.calls[0]), ['first', 'second']);
  assert.equal(fired[1].at, 1_400);
  fired[1].done();
  assert.equal((await run).released, 2);
});

test('a batch that fails fails the run', async () => {
  const { deps, fired } = fake();
  const queue = createFollowUpQueue<string>(100, deps);
  queue.add('x', 1_000);
  const run = queue.run(() => false);
  await until(() => fired.length === 1);
  fired[0].fail(new Error('autocannon said no'));
  await assert.rejects(run, /autocannon said no/);
});

test('once interrupted, nothing more leaves: the loop ends when the batches in flight have settled, later calls unsent', async () => {
  const { deps, fired } = fake();
  const queue = createFollowUpQueue<string>(100, deps);
  queue.add('sent', 1_000);
  queue.add('later', 1_500);
  let stop = false;
  let ended = false;
  const run = queue.run(() => false, () => stop);
  await until(() => fired.length === 1);
  stop = true;
  void run.then(() => (ended = true));
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.equal(ended, false, 'it waits for the call in flight');
  fired[0].done();
  assert.deepEqual(await run, { released: 1, maxLagMs: 0 });
  assert.deepEqual(fired.map((f) => f.calls), [['sent']]);
  assert.equal(queue.size(), 1);
});
