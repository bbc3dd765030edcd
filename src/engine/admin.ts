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
import { resultData } from './result-data.ts';
import { SCENARIOS } from './scenarios.ts';
import { FAULT_KINDS } from './faults.ts';
import { CONTROL_HEADERS } from './request-control.ts';
import { FAULT_POINTS } from './step-names.ts';
import { ADMIN_PREFIX, json, type Route, type RouteTable } from './routes.ts';

export interface AdminOptions {
  /** An order as it stands now (a paying order whose time has come is settled first), if kept. */
  order(appId: string, orderId: string): OrderRecord | undefined;
  journal: Pick<RequestJournal, 'read' | 'cap' | 'dropped'>;
  /** Present when status callbacks are on. */
  outbox: Pick<Outbox, 'held' | 'deliveries'> | undefined;
  defaultAppId: string;
  /** Clears orders, journal, callbacks and rate-limit buckets; returns how many orders were dropped. */
  reset(): number;
  /** What health reports besides `ok`. */
  health(): Record<string, unknown>;
}

function orderView(record: OrderRecord): Record<string, unknown> {
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

/** The `/__mock/*` rows of the engine's route table. */
export function adminRoutes(options: AdminOptions): RouteTable {
  const route = (method: string, run: Route['run']): Route => ({ method, api: false, run });
  return [
    [`${ADMIN_PREFIX}health`, route('GET', () => json(200, { ok: true, ...options.health() }))],
    [`${ADMIN_PREFIX}reset`, route('POST', () => json(200, { ok: true, cleared: options.reset() }))],
    [
      `${ADMIN_PREFIX}scenarios`,
      route('GET', () => json(200, { scenarios: SCENARIOS, faults: FAULT_KINDS, points: FAULT_POINTS, headers: CONTROL_HEADERS, callbackVariants: CALLBACK_VARIANTS })),
    ],
    [
      `${ADMIN_PREFIX}journal`,
      route('GET', (request) => {
        const query = new URLSearchParams(request.query ?? '');
        const journal = options.journal;
        const read = journal.read({ orderId: query.get('order_id') ?? undefined, appId: query.get('app_id') ?? undefined });
        return json(200, read, { 'x-mock-journal-cap': String(journal.cap), 'x-mock-journal-dropped': String(journal.dropped) });
      }),
    ],
    [
      `${ADMIN_PREFIX}callbacks`,
      route('GET', () => json(200, { enabled: options.outbox !== undefined, held: options.outbox?.held ?? 0, deliveries: options.outbox?.deliveries() ?? [] })),
    ],
    [
      `${ADMIN_PREFIX}orders/*`,
      route('GET', (request, rest) => {
        let orderId: string;
        try {
          orderId = decodeURIComponent(rest);
        } catch {
          return json(400, { error: 'the order id is not valid percent-encoding' });
        }
        const appId = new URLSearchParams(request.query ?? '').get('app_id') ?? options.defaultAppId;
        const record = options.order(appId, orderId);
        if (!record) return json(404, { error: `no order ${orderId} for app ${appId} (never made, evicted, or reset)` });
        return json(200, orderView(record));
      }),
    ],
  ];
}
