/**
 * An order as the mock keeps it: a small state machine over the platform's `order_status` values,
 * with the time of every transition. The pay call creates it; a paying order settles lazily on the
 * clock; later endpoints (get, check, cancel, refund, callbacks) move it through `transition`.
 */
import type { Fen } from '../../src/money/money.ts';
import type { components } from '../../src/spec/openapi.ts';

type Voucher = components['schemas']['Voucher'];
type OrderStatus = components['schemas']['OrderStatus'];

export const ORDER_STATUS = {
  paying: 0,
  paid: 1,
  fullyRefunded: 2,
  partlyRefunded: 3,
  closed: 4,
  cancelled: 5,
  failed: -1,
  refundFailed: -2,
  refunding: -3,
  unknown: -10,
} as const satisfies Record<string, OrderStatus>;

export type OrderState = keyof typeof ORDER_STATUS;

/** Which state may follow which (platform-facts §3: cancel closes an unpaid order, refunds a paid one). */
export const TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  paying: ['paid', 'failed', 'unknown', 'closed', 'cancelled'],
  unknown: ['paid', 'failed', 'closed', 'cancelled'],
  paid: ['refunding', 'partlyRefunded', 'fullyRefunded', 'cancelled'],
  refunding: ['partlyRefunded', 'fullyRefunded', 'refundFailed'],
  partlyRefunded: ['refunding', 'partlyRefunded', 'fullyRefunded'],
  refundFailed: ['refunding'],
  failed: ['closed', 'cancelled'],
  closed: [],
  cancelled: [],
  fullyRefunded: [],
};

/** States in which the customer's money moved: a repeat submission is a duplicate payment (1003). */
const PAID_STATES: ReadonlySet<OrderState> = new Set(['paid', 'refunding', 'partlyRefunded', 'fullyRefunded', 'refundFailed']);

export interface Transition {
  from: OrderState | null;
  to: OrderState;
  at: number;
}

export interface OrderRecord {
  appId: string;
  orderId: string;
  tradeNo: string;
  payType: 0 | 1;
  scenario: string;
  totalFen: Fen;
  payableFen: Fen;
  /** What the channel takes once paid (payable less vouchers); `real_amount` shows it only when paid. */
  chargeFen: Fen;
  /** The channel's vouchers, shown once paid. */
  vouchers: readonly Voucher[];
  state: OrderState;
  createdAt: number;
  updatedAt: number;
  /** A paying order's scheduled outcome; applied by `settle` once the clock passes `at`. */
  pending: { at: number; to: 'paid' | 'failed' } | undefined;
  history: Transition[];
  storeInfo: unknown;
  goodsList: unknown;
}

export type NewOrder = Omit<OrderRecord, 'createdAt' | 'updatedAt' | 'history' | 'pending' | 'state'> & {
  state: OrderState;
  pending?: OrderRecord['pending'];
};

export class IllegalTransitionError extends Error {
  readonly code = 'E_MOCK_TRANSITION';
  override name = 'IllegalTransitionError';
}

export function createOrder(fields: NewOrder, at: number): OrderRecord {
  return {
    appId: fields.appId,
    orderId: fields.orderId,
    tradeNo: fields.tradeNo,
    payType: fields.payType,
    scenario: fields.scenario,
    totalFen: fields.totalFen,
    payableFen: fields.payableFen,
    chargeFen: fields.chargeFen,
    vouchers: fields.vouchers,
    state: fields.state,
    createdAt: at,
    updatedAt: at,
    pending: fields.pending,
    history: [{ from: null, to: fields.state, at }],
    storeInfo: fields.storeInfo,
    goodsList: fields.goodsList,
  };
}

export function transition(record: OrderRecord, to: OrderState, at: number): void {
  if (!TRANSITIONS[record.state].includes(to)) {
    throw new IllegalTransitionError(`order ${record.orderId}: ${record.state} → ${to} is not allowed`);
  }
  record.history.push({ from: record.state, to, at });
  record.state = to;
  record.updatedAt = at;
  record.pending = undefined;
}

/** Applies a scheduled outcome whose time has come, dated when it was due, not when it was seen. */
export function settle(record: OrderRecord, now: number): OrderRecord {
  const pending = record.pending;
  if (pending !== undefined && now >= pending.at && record.state === 'paying') transition(record, pending.to, pending.at);
  return record;
}

export function wasPaid(state: OrderState): boolean {
  return PAID_STATES.has(state);
}

export function realFenOf(record: OrderRecord): Fen {
  return wasPaid(record.state) ? record.chargeFen : 0;
}
