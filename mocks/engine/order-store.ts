/**
 * The bounded order store. Two generations of Maps: new orders go into `young`; when `young`
 * holds half the cap it becomes `old` and the previous `old` is dropped whole. So at most `cap`
 * orders are kept, an order stays findable for at least the next cap/2 orders, and eviction costs
 * one pointer swap instead of a per-insert delete (deleting a Map's oldest entry on every insert
 * keeps the table compacting and halves throughput — docs/mock.md, "Order store").
 */
import type { OrderRecord } from './order-record.ts';

export const DEFAULT_STORE_CAP = 100_000;

export interface OrderStore {
  readonly cap: number;
  readonly size: number;
  /** Orders dropped by eviction since start or the last clear. */
  readonly evicted: number;
  get(key: string): OrderRecord | undefined;
  /** Only for a key that `get` did not find. */
  add(key: string, record: OrderRecord): void;
  clear(): number;
  /** Oldest first. */
  values(): IterableIterator<OrderRecord>;
}

export function orderKey(appId: string, orderId: string): string {
  // order_id's charset has no space; app ids are configured, so the pair cannot collide.
  return appId + ' ' + orderId;
}

export function createOrderStore(cap = DEFAULT_STORE_CAP): OrderStore {
  if (!Number.isSafeInteger(cap) || cap < 2) throw new RangeError(`store cap must be an integer ≥ 2; got ${cap}`);
  const half = Math.ceil(cap / 2);
  let young = new Map<string, OrderRecord>();
  let old = new Map<string, OrderRecord>();
  let evicted = 0;
  return {
    cap,
    get size() {
      return young.size + old.size;
    },
    get evicted() {
      return evicted;
    },
    get(key) {
      return young.get(key) ?? old.get(key);
    },
    add(key, record) {
      if (young.size >= half) {
        evicted += old.size;
        old = young;
        young = new Map();
      }
      young.set(key, record);
    },
    clear() {
      const n = young.size + old.size;
      young = new Map();
      old = new Map();
      evicted = 0;
      return n;
    },
    *values() {
      yield* old.values();
      yield* young.values();
    },
  };
}
