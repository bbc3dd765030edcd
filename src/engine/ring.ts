/**
 * A bounded first-in-first-out buffer: a fixed array written round, so appending costs one slot
 * write and the oldest item falls out once the buffer is full. Used for the callback log (the
 * request journal keeps its own columns, journal.ts).
 */
export interface Ring<T> {
  readonly cap: number;
  readonly size: number;
  /** Items pushed out by newer ones since start or the last clear. */
  readonly dropped: number;
  push(item: T): void;
  /** Oldest first. */
  items(): T[];
  clear(): void;
}

export function createRing<T>(cap: number): Ring<T> {
  if (!Number.isSafeInteger(cap) || cap < 1) throw new RangeError(`a ring needs a whole-number cap ≥ 1; got ${cap}`);
  let slots: (T | undefined)[] = [];
  let next = 0;
  let size = 0;
  let dropped = 0;
  return {
    cap,
    get size() {
      return size;
    },
    get dropped() {
      return dropped;
    },
    push(item) {
      slots[next] = item;
      next = next + 1 === cap ? 0 : next + 1;
      if (size < cap) size++;
      else dropped++;
    },
    items() {
      const start = size < cap ? 0 : next;
      const out: T[] = [];
      for (let i = 0; i < size; i++) out.push(slots[(start + i) % cap] as T);
      return out;
    },
    clear() {
      slots = [];
      next = 0;
      size = 0;
      dropped = 0;
    },
  };
}
