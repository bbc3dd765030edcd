/**
 * The bounded order store. Two generations: new orders go into `young`; when `young` holds half
 * the cap it becomes `old` and the previous `old` is dropped whole. So at most `cap` orders are
 * kept, an order stays findable for at least the next cap/2 orders, and eviction costs one
 * pointer swap instead of a per-insert delete (deleting a Map's oldest entry on every insert
 * keeps the table compacting and halves throughput — docs/mock.md, "State").
 * Within a generation orders are filed by application, then by `order_id`: the pay path looks an
 * order up by the request's own `order_id` string, with no joined key to build, hash and keep.
 * Each generation also indexes its orders by `trade_no` — lazily, on the first lookups, so the
 * pay path pays nothing for it — and refunds by `refund_order_id`; both age out with the orders.
 */
import { checkNumber, RANGES } from '../kernel/number-range.ts';
import type { OrderRecord } from './order-record.ts';

export const DEFAULT_STORE_CAP = 100_000;

export interface OrderStore {
  readonly cap: number;
  readonly size: number;
  /** Orders dropped by eviction since start or the last clear. */
  readonly evicted: number;
  get(appId: string, orderId: string): OrderRecord | undefined;
  /** Only for an order that `get` did not find. */
  add(record: OrderRecord): void;
  /** trade_no is the platform's, unique across applications. */
  byTradeNo(tradeNo: string): OrderRecord | undefined;
  /** The order a refund number of the application was used for, if still kept. */
  byRefund(appId: string, refundOrderId: string): OrderRecord | undefined;
  addRefund(appId: string, refundOrderId: string, record: OrderRecord): void;
  clear(): number;
  /** Oldest generation first; within one, application by application, oldest first. */
  values(): IterableIterator<OrderRecord>;
}

/** An order's identity as one string, for tables outside the store (callback delivery lanes). */
export function orderKey(appId: string, orderId: string): string {
  // order_id's charset has no space; app ids are configured, so the pair cannot collide.
  return appId + ' ' + orderId;
}

/** One application's orders in one generation. */
interface AppOrders {
  orders: Map<string, OrderRecord>;
  /** A live iterator over `orders` (Map iterators see later inserts; orders are never deleted). */
  unindexed: IterableIterator<OrderRecord>;
  /** How many of `orders` the generation's trade index has passed. */
  indexed: number;
}

interface Generation {
  apps: Map<string, AppOrders>;
  size: number;
  /** trade_no → order, for the orders each `unindexed` has passed. */
  trades: Map<string, OrderRecord>;
  /** app_id → refund_order_id → order. */
  refunds: Map<string, Map<string, OrderRecord>>;
}

function generation(): Generation {
  return { apps: new Map(), size: 0, trades: new Map(), refunds: new Map() };
}

function appOrders(gen: Generation, appId: string): AppOrders {
  let app = gen.apps.get(appId);
  if (app === undefined) {
    const orders = new Map<string, OrderRecord>();
    app = { orders, unindexed: orders.values(), indexed: 0 };
    gen.apps.set(appId, app);
  }
  return app;
}

/** Catches the generation's trade index up with its orders, then looks the number up. */
function byTradeNo(gen: Generation, tradeNo: string): OrderRecord | undefined {
  for (const app of gen.apps.values()) {
    // Never step the iterator past the last order: an iterator that once said `done` stays done.
    while (app.indexed < app.orders.size) {
      const record = app.unindexed.next().value as OrderRecord;
      gen.trades.set(record.tradeNo, record);
      app.indexed++;
    }
  }
  return gen.trades.get(tradeNo);
}

export function createOrderStore(cap = DEFAULT_STORE_CAP): OrderStore {
  checkNumber(cap, RANGES.storeCap, 'the store cap');
  const half = Math.ceil(cap / 2);
  let young = generation();
  let old = generation();
  let evicted = 0;
  const store: OrderStore = {
    cap,
    get size() {
      return young.size + old.size;
    },
    get evicted() {
      return evicted;
    },
    get(appId, orderId) {
      return young.apps.get(appId)?.orders.get(orderId) ?? old.apps.get(appId)?.orders.get(orderId);
    },
    add(record) {
      if (young.size >= half) {
        evicted += old.size;
        old = young;
        young = generation();
      }
      const orders = appOrders(young, record.appId).orders;
      const before = orders.size;
      orders.set(record.orderId, record);
      // Counted from the map, so a repeat add (callers should not make one) cannot inflate the size.
      young.size += orders.size - before;
    },
    byTradeNo(tradeNo) {
      return byTradeNo(young, tradeNo) ?? byTradeNo(old, tradeNo);
    },
    byRefund(appId, refundOrderId) {
      const record = young.refunds.get(appId)?.get(refundOrderId) ?? old.refunds.get(appId)?.get(refundOrderId);
      // A refund made late in an order's life outlives it in a younger generation: the order decides.
      return record && store.get(record.appId, record.orderId) === record ? record : undefined;
    },
    addRefund(appId, refundOrderId, record) {
      let refunds = young.refunds.get(appId);
      if (refunds === undefined) young.refunds.set(appId, (refunds = new Map()));
      refunds.set(refundOrderId, record);
    },
    clear() {
      const n = young.size + old.size;
      young = generation();
      old = generation();
      evicted = 0;
      return n;
    },
    *values() {
      for (const gen of [old, young]) for (const app of gen.apps.values()) yield* app.orders.values();
    },
  };
  return store;
}
