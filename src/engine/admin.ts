/**
 * The mock's own routes under `/__mock/`: health, reset, one order for debugging, the request
 * journal, the callback deliveries, and the scenario/fault tables. Plain JSON, not the API
 * envelope; never faulted, never journaled.
 */
import { formatYuan } from '../kernel/money/money.ts';
import { CALLBACK_VARIANTS } from './callback/variants.ts';
import type { Outbox } from './callback/outbox.ts';
import type { RequestJournal } from './journal.ts';
import { historyOf, ORDER_STATUS, paidAtOf, updatedAtOf, type OrderRecord } from './order-record.ts';
import type { OrderStore } from './order-store.ts';
import { resultData } from './result-data.ts';
import { SCENARIOS } from './scenarios.ts';
import { FAULT_KINDS } from './faults.ts';
import { CONTROL_HEADERS } from './request-control.ts';
import { FAULT_POINTS } from './step-names.ts';
import { JSON_TYPE } from './envelope.ts';
import type { Clock } from './clock.ts';
import type { MockRequest, MockResponse } from './types.ts';

export const ADMIN_PREFIX = '/__mock/';

export interface AdminOptions {
  store: OrderStore;
  clock: Clock;
  journal: RequestJournal;
  /** Present when status callbacks are on. */
  outbox: Outbox | undefined;
  /** Settles a paying order whose time has come (with its callback). */
  settle(record: OrderRecord, now: number): void;
  defaultAppId: string;
  /** Clears orders and rate-limit buckets; returns how many orders were dropped. */
  reset(): number;
  /** What health reports besides the store. */
  describe(): Record<string, unknown>;
}

export function json(status: number, value: unknown, extra?: Record<string, string>): MockResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...extra }, body: JSON.stringify(value) };
}

export function orderView(record: OrderRecord): Record<string, unknown> {
  const paidAt = paidAtOf(record);
  return {
    app_id: record.appId,
    order_id: record.orderId,
    trade_no: record.tradeNo,
    state: record.state,
    order_status: ORDER_STATUS[record.state],
    scenario: record.scenario,
    created_at: new Date(record.createdAt).toISOString(),
    updated_at: new Date(updatedAtOf(record)).toISOString(),
    pending: record.pending && { to: record.pending.to, at: new Date(record.pending.at).toISOString() },
    paid_at: paidAt === undefined ? null : new Date(paidAt).toISOString(),
    refunded: formatYuan(record.refundedFen),
    refunds: record.refunds.map((r) => ({ refund_order_id: r.refundOrderId, amount: formatYuan(r.fen), at: new Date(r.at).toISOString() })),
    history: historyOf(record).map((t) => ({ from: t.from, to: t.to, at: new Date(t.at).toISOString(), at_ms: t.at, ...(t.detail === undefined ? {} : { detail: t.detail }) })),
    data: resultData(record),
    store_info: record.storeInfo,
    goods_list: record.goodsList,
  };
}

export function createAdmin(options: AdminOptions): (request: MockRequest) => MockResponse {
  const { store, clock } = options;
  const routes: Record<string, { method: string; run(request: MockRequest, rest: string): MockResponse }> = {
    health: {
      method: 'GET',
      run: () => json(200, { ok: true, orders: store.size, cap: store.cap, evicted: store.evicted, ...options.describe() }),
    },
    reset: { method: 'POST', run: () => json(200, { ok: true, cleared: options.reset() }) },
    scenarios: {
      method: 'GET',
      run: () => json(200, { scenarios: SCENARIOS, faults: FAULT_KINDS, points: FAULT_POINTS, headers: CONTROL_HEADERS, callbackVariants: CALLBACK_VARIANTS }),
    },
    journal: {
      method: 'GET',
      run(request) {
        const query = new URLSearchParams(request.query ?? '');
        const journal = options.journal;
        const read = journal.read({ orderId: query.get('order_id') ?? undefined, appId: query.get('app_id') ?? undefined });
        return json(200, read, { 'x-mock-journal-cap': String(journal.cap), 'x-mock-journal-dropped': String(journal.dropped) });
      },
    },
    callbacks: {
      method: 'GET',
      run: () => json(200, { enabled: options.outbox !== undefined, held: options.outbox?.held ?? 0, deliveries: options.outbox?.deliveries() ?? [] }),
    },
    orders: {
      method: 'GET',
      run(request, rest) {
        let orderId: string;
        try {
          orderId = decodeURIComponent(rest);
        } catch {
          return json(400, { error: 'the order id is not valid percent-encoding' });
        }
        const appId = new URLSearchParams(request.query ?? '').get('app_id') ?? options.defaultAppId;
        const record = store.get(appId, orderId);
        if (!record) return json(404, { error: `no order ${orderId} for app ${appId} (never made, evicted, or reset)` });
        options.settle(record, clock.now());
        return json(200, orderView(record));
      },
    },
  };
  return (request) => {
    const tail = request.path.slice(ADMIN_PREFIX.length);
    const slash = tail.indexOf('/');
    const name = slash === -1 ? tail : tail.slice(0, slash);
    const rest = slash === -1 ? '' : tail.slice(slash + 1);
    const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
    if (!route || (name === 'orders') !== (rest !== '')) return json(404, { error: `no mock route ${request.path}` });
    if (request.method !== route.method) return json(405, { error: `${request.path} takes ${route.method}` }, { allow: route.method });
    return route.run(request, rest);
  };
}
