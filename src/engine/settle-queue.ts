/**
 * Paying orders waiting for their outcome, in due order (the pending delay is one fixed value),
 * kept only while callbacks are on: `settleDue` settles them so that their callbacks go out even
 * if nobody asks. Without callbacks nothing is queued and lookups settle an order lazily.
 */
import type { Outbox } from './callback/outbox.ts';
import { settle, type OrderRecord } from './order-record.ts';

/** Past this many settled entries at the head, the queue is compacted (when they are most of it). */
const COMPACT_AFTER = 1024;

export interface SettleQueue {
  /** Settles an order whose time has come; a move owes a status callback. */
  settle(record: OrderRecord, now: number): void;
  /** A new order: the pay outcome's callback now, or, for a paying order, once it settles. Absent when callbacks are off. */
  created: ((record: OrderRecord) => void) | undefined;
  /** Settles every queued order due by `now`; returns how many moved. */
  settleDue(now: number): number;
  clear(): void;
}

export function createSettleQueue(outbox: Outbox | undefined): SettleQueue {
  let due: OrderRecord[] = [];
  let head = 0;
  return {
    settle(record, now) {
      if (settle(record, now)) outbox?.emit(record);
    },
    created: outbox
      ? (record) => {
          if (record.pending !== undefined) due.push(record);
          else if (record.state === 'paid' || record.state === 'failed') outbox.emit(record);
        }
      : undefined,
    settleDue(now) {
      let settled = 0;
      while (head < due.length) {
        const record = due[head];
        if (record.pending !== undefined && record.pending.at > now) break;
        head++;
        if (settle(record, now)) {
          outbox?.emit(record);
          settled++;
        }
      }
      if (head > COMPACT_AFTER && head * 2 > due.length) {
        due = due.slice(head);
        head = 0;
      }
      return settled;
    },
    clear() {
      due = [];
      head = 0;
    },
  };
}
