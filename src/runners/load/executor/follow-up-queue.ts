/**
 * Follow-up calls (queries, cancels) scheduled per order on the executor's clock and released in
 * fine slots (a grain): a call due at a time leaves in the first slot at or after it
 * (never early, so the cashier's least interval holds), and each slot's due calls go out together
 * as one batch — whether or not earlier batches have been answered, as arrivals do. Time and
 * firing are injected, so the logic is tested without waiting.
 */
export interface FollowUpDeps<C> {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Sends these calls now; settles once all of them are answered or failed. */
  fire(calls: C[]): Promise<unknown>;
}

interface FollowUpOutcome {
  released: number;
  /** How late the worst slot was released. */
  maxLagMs: number;
}

export interface FollowUpQueue<C> {
  /** Queues `call` for `atMs` on the clock. */
  add(call: C, atMs: number): void;
  /** Calls queued and not yet released. */
  size(): number;
  /**
   * Releases due calls slot by slot until `finished()` holds with nothing queued and no batch in
   * flight; rejects with the first batch that failed. Once `interrupted()` holds it releases
   * nothing more and ends when the batches in flight have settled, calls still queued unsent.
   */
  run(finished: () => boolean, interrupted?: () => boolean): Promise<FollowUpOutcome>;
}

export function createFollowUpQueue<C>(slotMs: number, deps: FollowUpDeps<C>): FollowUpQueue<C> {
  const origin = deps.now();
  const bySlot = new Map<number, C[]>();
  let queued = 0;

  function takeDue(slot: number): C[] {
    const due: C[] = [];
    for (const [at, calls] of bySlot) {
      if (at > slot) continue;
      for (const call of calls) due.push(call);
      bySlot.delete(at);
    }
    queued -= due.length;
    return due;
  }

  return {
    add(call, atMs) {
      const slot = Math.max(0, Math.ceil((atMs - origin) / slotMs));
      const calls = bySlot.get(slot);
      if (calls) calls.push(call);
      else bySlot.set(slot, [call]);
      queued++;
    },
    size: () => queued,
    async run(finished, interrupted = () => false) {
      const outcome: FollowUpOutcome = { released: 0, maxLagMs: 0 };
      const inFlight = new Set<Promise<unknown>>();
      let failure: { error: unknown } | undefined;
      // A function, so that the check after an await reads the failure as it is then.
      const rethrow = () => {
        if (failure) throw failure.error;
      };
      for (let slot = Math.max(0, Math.ceil((deps.now() - origin) / slotMs)); ; slot++) {
        const at = origin + slot * slotMs;
        const wait = at - deps.now();
        if (wait > 0) await deps.sleep(wait);
        rethrow();
        if (interrupted()) {
          // The batches settle within the request timeout; their handlers below never reject.
          await Promise.all(inFlight);
          rethrow();
          return outcome;
        }
        outcome.maxLagMs = Math.max(outcome.maxLagMs, deps.now() - at);
        const due = takeDue(slot);
        if (due.length > 0) {
          outcome.released += due.length;
          const batch: Promise<void> = deps.fire(due).then(
            () => {
              inFlight.delete(batch);
            },
            (error: unknown) => {
              inFlight.delete(batch);
              failure ??= { error };
            },
          );
          inFlight.add(batch);
        }
        if (queued === 0 && inFlight.size === 0 && finished()) return outcome;
      }
    },
  };
}
