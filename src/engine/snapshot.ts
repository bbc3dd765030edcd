/**
 * The order store as text and back, for an optional snapshot file (the node adapter reads and
 * writes the file; the engine stays free of I/O). Records are plain data, so JSON carries them.
 */
import { MockControlError } from './control-error.ts';
import { NO_MOVES, NO_REFUNDS, ORDER_STATUS, type OrderRecord } from './order-record.ts';
import type { OrderStore } from './order-store.ts';

/** 2: an order's transitions after its creation as `moves`; 1 wrote the whole `history` and `updatedAt`. */
const VERSION = 2;

export function serializeOrders(store: OrderStore): string {
  return JSON.stringify({ version: VERSION, orders: [...store.values()] });
}

/** Adds the snapshot's orders to the store (oldest first, so eviction order survives); returns the count. */
export function restoreOrders(store: OrderStore, text: string, source: string): number {
  let parsed: { version?: unknown; orders?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new MockControlError(`${source}: the snapshot is not JSON`);
  }
  if ((parsed.version !== VERSION && parsed.version !== 1) || !Array.isArray(parsed.orders)) throw new MockControlError(`${source}: not a version ${VERSION} (or 1) order snapshot`);
  let count = 0;
  for (const item of parsed.orders as unknown[]) {
    const record = parsed.version === 1 ? fromVersion1(item) : (item as OrderRecord);
    const valid =
      typeof record === 'object' && record !== null &&
      typeof record.appId === 'string' && typeof record.orderId === 'string' &&
      Object.hasOwn(ORDER_STATUS, record.state) && Array.isArray(record.moves);
    if (!valid) throw new MockControlError(`${source}: order #${count + 1} is malformed`);
    // Snapshots written before refunds existed lack these fields; JSON drops the undefined ones.
    const restored: OrderRecord = {
      ...record,
      pending: record.pending ?? undefined,
      refundedFen: record.refundedFen ?? 0,
      refunds: record.refunds ?? NO_REFUNDS,
      callbackVariants: record.callbackVariants ?? undefined,
      moves: record.moves.length === 0 ? NO_MOVES : record.moves,
    };
    if (store.get(record.appId, record.orderId) === undefined) store.add(restored);
    count++;
  }
  return count;
}

/** A version 1 order: its history began with the creation, which `moves` leaves out. */
function fromVersion1(item: unknown): OrderRecord {
  if (typeof item !== 'object' || item === null) return item as OrderRecord;
  const { history, updatedAt: _updatedAt, ...rest } = item as { history?: unknown; updatedAt?: unknown };
  return { ...rest, moves: Array.isArray(history) ? history.slice(1) : undefined } as unknown as OrderRecord;
}
