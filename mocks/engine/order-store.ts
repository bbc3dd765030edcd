/**
 * The bounded order store. Two generations: new orders go into `young`; when `young` holds half
 * the cap it becomes `old` and the previous `old` is dropped whole. So at most `cap` orders are
 * kept, an order stays findable for at least the next cap/2 orders, and eviction costs one
 * pointer swap instead of a per-insert delete (deleting a Map's oldest entry on every insert
 * keeps the table compacting and halves throughput — docs/mock.md, "State").
 * Each generation also indexes its orders by `trade_no` — lazily, on the first lookups, so the
 * pay path pays nothing for it — and refunds by `refund_order_id`; both age out with the orders.
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
  /** trade_no is the platform's, unique across applications. */
  byTradeNo(tradeNo: string): OrderRecord | undefined;
  /** The order a refund number (orderKey(appId, refund_order_id)) was used for, if still kept. */
  byRefund(key: string): OrderRecord | undefined;
  addRefund(key: string, record: OrderRecord): void;
  clear(): number;
  /** Oldest first. */
  values(): IterableIterator<OrderRecord>;
}

export function orderKey(appId: string, orderId: string): string {
  // order_id's charset has no space; app ids are configured, so the pair cannot collide.
  return appId + ' ' + orderId;
}

interface Generation {
  orders: Map<string, OrderRecord>;
  /** trade_no → order, for the orders `unindexed` has passed. */
  trades: Map<string, OrderRecord>;
  /** A live iterator over `orders` (Map iterators see later inserts; orders are never deleted). */
  unindexed: IterableIterator<OrderRecord>;
  indexed: number;
  refunds: Map<string, OrderRecord>;
}

function generation(): Generation {
  const orders = new Map<string, OrderRecord>();
  return { orders, trades: new Map(), unindexed: orders.values(), indexed: 0, refunds: new Map() };
}

/** Catches the generation's trade index up with its orders, then looks the number up. */
function byTradeNo(gen: Generation, tradeNo: string): OrderRecord | undefined {
  // Never step the iterator past the last order: an iterator that once said `done` stays done.
  while (gen.indexed < gen.orders.size) {
    const record = gen.unindexed.next().value as OrderRecord;
    gen.trades.set(record.tradeNo, record);
    gen.indexed++;
  }
  return gen.trades.get(tradeNo);
}

export function createOrderStore(cap = DEFAULT_STORE_CAP): OrderStore {
  if (!Number.isSafeInteger(cap) || cap < 2) throw new RangeError(`store cap must be an integer ≥ 2; got ${cap}`);
  const half = Math.ceil(cap / 2);
  let young = generation();
  let old = generation();
  let evicted = 0;
  const store: OrderStore = {
    cap,
    get size() {
      return young.orders.size + old.orders.size;
    },
    get evicted() {
      return evicted;
    },
    get(key) {
      return young.orders.get(key) ?? old.orders.get(key);
    },
    add(key, record) {
      if (young.orders.size >= half) {
        evicted += old.orders.size;
        old = young;
        young = generation();
      }
      young.orders.set(key, record);
    },
    byTradeNo(tradeNo) {
      return byTradeNo(young, tradeNo) ?? byTradeNo(old, tradeNo);
    },
    byRefund(key) {
      const record = young.refunds.get(key) ?? old.refunds.get(key);
      // A refund made late in an order's life outlives it in a younger generation: the order decides.
      return record && store.get(orderKey(record.appId, record.orderId)) === record ? record : undefined;
    },
    addRefund(key, record) {
      young.refunds.set(key, record);
    },
    clear() {
      const n = young.orders.size + old.orders.size;
      young = generation();
      old = generation();
      evicted = 0;
      return n;
    },
    *values() {
      yield* old.orders.values();
      yield* young.orders.values();
    },
  };
  return store;
}
