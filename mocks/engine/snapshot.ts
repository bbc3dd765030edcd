/**
 * The order store as text and back, for an optional snapshot file (the node adapter reads and
 * writes the file; the engine stays free of I/O). Records are plain data, so JSON carries them.
 */
import { MockControlError } from './control-error.ts';
import { NO_REFUNDS, ORDER_STATUS, type OrderRecord } from './order-record.ts';
import { orderKey, type OrderStore } from './order-store.ts';

const VERSION = 1;

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
  if (parsed.version !== VERSION || !Array.isArray(parsed.orders)) throw new MockControlError(`${source}: not a version ${VERSION} order snapshot`);
  let count = 0;
  for (const item of parsed.orders as unknown[]) {
    const record = item as OrderRecord;
    const valid =
      typeof record === 'object' && record !== null &&
      typeof record.appId === 'string' && typeof record.orderId === 'string' &&
      Object.hasOwn(ORDER_STATUS, record.state) && Array.isArray(record.history);
    if (!valid) throw new MockControlError(`${source}: order #${count + 1} is malformed`);
    const key = orderKey(record.appId, record.orderId);
    // Snapshots written before refunds existed lack these fields; JSON drops the undefined ones.
    const restored: OrderRecord = {
      ...record,
      pending: record.pending ?? undefined,
      refundedFen: record.refundedFen ?? 0,
      refunds: record.refunds ?? NO_REFUNDS,
      callbackVariants: record.callbackVariants ?? undefined,
    };
    if (store.get(key) === undefined) store.add(key, restored);
    count++;
  }
  return count;
}
