/**
 * The open model on a wall clock: each slot's arrivals are released at the slot's time whether
 * or not earlier requests have been answered, so a slow target meets the same arrival rate (and
 * its latency shows), unlike a closed loop that waits. Requests in flight are capped at the
 * scenario's `maxVUs`; arrivals beyond the cap are dropped and counted, like k6's
 * dropped_iterations. Time and firing are injected, so the logic is tested without waiting.
 */
import type { Slot } from '../profiles/arrival-schedule.ts';

export interface SchedulerDeps {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Sends these arrivals now (their indices in the whole run); settles once all of them are answered or failed. */
  fire(arrivals: readonly number[]): Promise<unknown>;
  inFlight(): number;
  /** Asked at each slot's time; a reason stops the schedule (an aborting threshold). */
  stopReason?(): string | undefined;
  /** Asked at each slot's time, after `sleep` (which an interruption cuts short): true stops the schedule. */
  interrupted?(): boolean;
}

export interface ScheduleOutcome {
  released: number;
  dropped: number;
  /** How late the worst slot was released: the executor itself falling behind. */
  maxLagMs: number;
  stoppedBy?: string;
}

export async function runSchedule(slots: Iterable<Slot>, maxInFlight: number, deps: SchedulerDeps): Promise<ScheduleOutcome> {
  const start = deps.now();
  const batches: Promise<unknown>[] = [];
  const outcome: ScheduleOutcome = { released: 0, dropped: 0, maxLagMs: 0 };
  for (const slot of slots) {
    const wait = start + slot.atMs - deps.now();
    if (wait > 0) await deps.sleep(wait);
    // Checked after the wait, not before: an interruption ends the wait early, and this slot must not leave then.
    // The caller holds the interruption (its abort signal), so the outcome need not repeat it.
    if (deps.interrupted?.()) break;
    const reason = deps.stopReason?.();
    if (reason !== undefined) {
      outcome.stoppedBy = reason;
      break;
    }
    outcome.maxLagMs = Math.max(outcome.maxLagMs, deps.now() - start - slot.atMs);
    const planned = slot.arrivals.length;
    const count = Math.max(0, Math.min(planned, maxInFlight - deps.inFlight()));
    outcome.dropped += planned - count;
    if (count === 0) continue;
    outcome.released += count;
    batches.push(deps.fire(count === planned ? slot.arrivals : slot.arrivals.slice(0, count)));
  }
  // Every batch settles before the run ends, so no answer is cut off (the request timeout bounds it).
  const settled = await Promise.allSettled(batches);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return outcome;
}
