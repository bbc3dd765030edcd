/**
 * What the run has seen of each order: the pay answer, what the customer paid, the refunds made
 * and every status an answer showed, in order. The lifecycle rules judge an answer against the
 * order's record as it stood before that answer; the contract check records the answer after
 * every rule has run. Refunds are summed from what was asked and granted, never taken from the
 * target's own running total, so that total can be checked.
 */
import type { Fen } from '../../kernel/money/money.ts';
import { codeOf, fenOf, lifecycleData, orderData, type Answered, type JsonObject } from './answer-data.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';

/** What the ledger reads of an exchange (a rule's CheckContext is one). */
interface LedgerExchange extends Answered {
  request?: Readonly<Record<string, unknown>>;
}

interface SeenStatus {
  status: number;
  call: string;
}

export interface LedgerOrder {
  order_id: string;
  trade_no?: string;
  /** The data of the pay answer (1000, 1001 or 1002). */
  pay?: JsonObject;
  payCode?: number;
  /** What the customer paid (`real_amount`), once an answer showed the order paid. */
  paidFen?: Fen;
  /** Refunds granted: refund_order_id → fen. */
  refunds: Map<string, Fen>;
  /** All that went back to the customer: refunds, and a paid order's cancel. */
  returnedFen: Fen;
  /** A cancel came while the outcome was open: whether it refunded anything is not known. */
  returnedUnknown?: boolean;
  statuses: SeenStatus[];
}

export interface OrderLedger {
  readonly orders: Map<string, LedgerOrder>;
  /** app_id|trade_no → the order's key. */
  readonly byTradeNo: Map<string, string>;
  /** app_id|refund_order_id → the order's key. */
  readonly byRefund: Map<string, string>;
}

export function createOrderLedger(): OrderLedger {
  return { orders: new Map(), byTradeNo: new Map(), byRefund: new Map() };
}

/** Statuses in which the customer's money moved (paid, and since refunded or being refunded). */
const PAID_STATUSES: ReadonlySet<number> = new Set([1, 2, 3, -2, -3]);

const keyOf = (app: unknown, id: unknown) => (typeof id === 'string' && id !== '' ? `${String(app)}|${id}` : undefined);

/** The order an exchange is about: by the order_id, trade_no or refund_order_id it names. */
export function recordOf(ledger: OrderLedger, ctx: LedgerExchange): LedgerOrder | undefined {
  const r = ctx.request;
  if (!r) return undefined;
  const key =
    keyOf(r.app_id, r.order_id) ??
    ledger.byTradeNo.get(keyOf(r.app_id, r.trade_no) ?? '') ??
    ledger.byRefund.get(keyOf(r.app_id, r.refund_order_id) ?? '');
  return key === undefined ? undefined : ledger.orders.get(key);
}

/** Whether the run knows the refund a request names. */
export function knowsRefund(ledger: OrderLedger, request: JsonObject | undefined): boolean {
  return ledger.byRefund.has(keyOf(request?.app_id, request?.refund_order_id) ?? '');
}

export function lastStatus(record: LedgerOrder | undefined): number | undefined {
  return record?.statuses.at(-1)?.status;
}

/** Notes what one answer showed of its order. */
export function recordExchange(ledger: OrderLedger, ctx: LedgerExchange): void {
  const app = ctx.request?.app_id;
  // 2002 carries no data, but says what became of the order: its refund failed (-2).
  if (ctx.call === API_PATHS.refund && codeOf(ctx.body) === 2002) {
    recordOf(ledger, ctx)?.statuses.push({ status: -2, call: `${API_PATHS.refund} 2002` });
    return;
  }
  const data = ctx.call === API_PATHS.pay ? orderData(ctx.body) : lifecycleData(ctx);
  if (!data || typeof data.order_id !== 'string') return;
  const key = keyOf(app, data.order_id)!;
  const before = ledger.orders.get(key);
  const record: LedgerOrder = before ?? { order_id: data.order_id, refunds: new Map(), returnedFen: 0, statuses: [] };
  ledger.orders.set(key, record);
  const previous = lastStatus(record);
  if (typeof data.trade_no === 'string' && data.trade_no !== '') {
    record.trade_no ??= data.trade_no;
    ledger.byTradeNo.set(keyOf(app, data.trade_no)!, key);
  }
  if (ctx.call === API_PATHS.pay) {
    if (record.pay) return;
    record.pay = data;
    record.payCode = codeOf(ctx.body) as number;
  }
  const status = data.order_status;
  if (typeof status !== 'number') return;
  record.statuses.push({ status, call: ctx.call });
  if (record.paidFen === undefined && PAID_STATUSES.has(status) && (ctx.call === API_PATHS.pay || ctx.call === API_PATHS.get)) record.paidFen = fenOf(data.real_amount);
  if (ctx.call === API_PATHS.cancel) {
    if (previous === 1 && record.paidFen !== undefined) record.returnedFen = record.paidFen;
    else if (previous === undefined || previous === 0 || previous === -10) record.returnedUnknown = true;
  }
  if (ctx.call === API_PATHS.refund && typeof data.refund_order_id === 'string') {
    const amount = fenOf(data.refund_amount) ?? 0;
    record.refunds.set(data.refund_order_id, amount);
    record.returnedFen += amount;
    ledger.byRefund.set(keyOf(app, data.refund_order_id)!, key);
  }
}

