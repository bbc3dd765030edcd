/**
 * The request journal: every API call the mock received (pay and lifecycle, never `/__mock/*`), in
 * order, as `JournalEntry` (src/lifecycle/journal-entry.ts, which `paycheck audit` reads). A ring
 * of the last `cap` calls, so appending on the pay path costs the entry and one slot write.
 */
import type { Journal, JournalEntry } from '../../src/lifecycle/journal-entry.ts';
import { createRing } from './ring.ts';

export const DEFAULT_JOURNAL_CAP = 10_000;

export interface JournalFilter {
  orderId?: string;
  appId?: string;
}

export function createJournal(cap = DEFAULT_JOURNAL_CAP) {
  const ring = createRing<JournalEntry>(cap);
  let seq = 0;
  return {
    cap,
    get dropped() {
      return ring.dropped;
    },
    get size() {
      return ring.size;
    },
    /** Numbers the entry (its `seq`, written as 0 by the caller so the object keeps its shape) and keeps it. */
    append(entry: JournalEntry): void {
      entry.seq = ++seq;
      ring.push(entry);
    },
    read(filter: JournalFilter = {}): Journal {
      let entries = ring.items();
      const { orderId, appId } = filter;
      if (orderId !== undefined) entries = entries.filter((e) => e.order_id === orderId);
      if (appId !== undefined) entries = entries.filter((e) => e.app_id === appId);
      return { entries };
    },
    clear(): number {
      const n = ring.size;
      ring.clear();
      seq = 0;
      return n;
    },
  };
}

export type RequestJournal = ReturnType<typeof createJournal>;
