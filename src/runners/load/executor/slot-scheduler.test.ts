import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSchedule, type SchedulerDeps } from './slot-scheduler.ts';

/** A clock that moves only when the scheduler sleeps, and a firing that stays in flight until released. */
function fakeDeps(overrides: Partial<SchedulerDeps> = {}) {
  let now = 0;
  let inFlight = 0;
  const fired: { at: number; arrivals: readonly number[]; done: () => void }[] = [];
  const deps: SchedulerDeps = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    fire: (arrivals) => {
      inFlight += arrivals.length;
      return new Promise<void>((resolve) =>
        fired.push({ at: now, arrivals, done: () => ((inFlight -= arrivals.length), resolve()) }),
      );
    },
    inFlight: () => inFlight,
    ...overrides,
  };
  return { deps, fired, advance: (ms: number) => (now += ms) };
}

test('slots are released at their times, whatever earlier batches do', async () => {
  const { deps, fired } = fakeDeps();
  const run = runSchedule([{ atMs: 0, arrivals: [0, 1], rate: 20 }, { atMs: 100, arrivals: [2, 3, 4], rate: 30 }, { atMs: 300, arrivals: [5], rate: 10 }], 100, deps);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(fired.map((f) => [f.at, f.arrivals]), [[0, [0, 1]], [100, [2, 3, 4]], [300, [5]]]);
  for (const f of fired) f.done();
  assert.deepEqual(await run, { released: 6, dropped: 0, maxLagMs: 0 });
});

test('arrivals beyond the in-flight cap are dropped and counted, like k6 dropped_iterations', async () => {
  const { deps, fired } = fakeDeps();
  const run = runSchedule([{ atMs: 0, arrivals: [0, 1, 2], rate: 0 }, { atMs: 100, arrivals: [3, 4, 5], rate: 0 }, { atMs: 200, arrivals: [6, 7, 8], rate: 0 }], 4, deps);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(fired.map((f) => f.arrivals), [[0, 1, 2], [3]]);
  for (const f of fired) f.done();
  assert.deepEqual(await run, { released: 4, dropped: 5, maxLagMs: 0 });
});

test('a late release is measured as lag', async () => {
  const { deps, fired, advance } = fakeDeps();
  deps.fire = (arrivals) => {
    advance(250);
    fired.push({ at: 0, arrivals, done: () => {} });
    return Promise.resolve();
  };
  const outcome = await runSchedule([{ atMs: 0, arrivals: [0], rate: 0 }, { atMs: 100, arrivals: [1], rate: 0 }], 10, deps);
  assert.equal(outcome.maxLagMs, 150);
});

test('a stop reason ends the schedule before the next slot; a failed batch fails the run after all settle', async () => {
  let calls = 0;
  const { deps, fired } = fakeDeps({ stopReason: () => (calls++ >= 1 ? 'http_req_failed rate<0.05' : undefined) });
  const stopped = runSchedule([{ atMs: 0, arrivals: [0], rate: 0 }, { atMs: 100, arrivals: [1], rate: 0 }], 10, deps);
  await new Promise((r) => setImmediate(r));
  fired[0].done();
  assert.deepEqual(await stopped, { released: 1, dropped: 0, maxLagMs: 0, stoppedBy: 'http_req_failed rate<0.05' });

  const failing = fakeDeps({ fire: () => Promise.reject(new Error('autocannon said no')) });
  await assert.rejects(runSchedule([{ atMs: 0, arrivals: [0], rate: 0 }], 10, failing.deps), /autocannon said no/);
});

test('an interruption during the wait stops the schedule before that slot leaves; the batches in flight are awaited', async () => {
  let interrupted = false;
  const { deps, fired } = fakeDeps({ interrupted: () => interrupted });
  const sleep = deps.sleep;
  deps.sleep = async (ms) => {
    // The signal comes while the scheduler waits for the second slot; the wait ends early.
    if (fired.length === 1) interrupted = true;
    else await sleep(ms);
  };
  let ended = false;
  const run = runSchedule([{ atMs: 0, arrivals: [0], rate: 0 }, { atMs: 100, arrivals: [1], rate: 0 }, { atMs: 200, arrivals: [2], rate: 0 }], 10, deps);
  void run.then(() => (ended = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(ended, false);
  assert.deepEqual(fired.map((f) => f.arrivals), [[0]]);
  fired[0].done();
  assert.deepEqual(await run, { released: 1, dropped: 0, maxLagMs: 0 });
  assert.deepEqual(fired.map((f) => f.arrivals), [[0]], 'the slots after the interruption never left');
});
