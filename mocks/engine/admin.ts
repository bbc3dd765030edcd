/**
 * The mock's own routes under `/__mock/`: health, reset, one order for debugging, and the
 * scenario/fault tables. Plain JSON, not the API envelope; never faulted.
 */
import { ORDER_STATUS, settle, type OrderRecord } from './order-record.ts';
import { orderKey, type OrderStore } from './order-store.ts';
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
  return {
    app_id: record.appId,
    order_id: record.orderId,
    trade_no: record.tradeNo,
    state: record.state,
    order_status: ORDER_STATUS[record.state],
    scenario: record.scenario,
    created_at: new Date(record.createdAt).toISOString(),
    updated_at: new Date(record.updatedAt).toISOString(),
    pending: record.pending && { to: record.pending.to, at: new Date(record.pending.at).toISOString() },
    history: record.history.map((t) => ({ from: t.from, to: t.to, at: new Date(t.at).toISOString() })),
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
      run: () => json(200, { scenarios: SCENARIOS, faults: FAULT_KINDS, points: FAULT_POINTS, headers: CONTROL_HEADERS }),
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
        const record = store.get(orderKey(appId, orderId));
        if (!record) return json(404, { error: `no order ${orderId} for app ${appId} (never made, evicted, or reset)` });
        return json(200, orderView(settle(record, clock.now())));
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
