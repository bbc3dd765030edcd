/**
 * An order as the mock keeps it: a small state machine over the platform's `order_status` values,
 * with the time of every transition. The pay call creates it; a paying order settles lazily on the
 * clock; cancel and refund move it through `transition`, which refuses illegal moves.
 */
import { PaycheckError } from '../kernel/errors.ts';
import type { Fen } from '../kernel/money/money.ts';
import type { components } from '../kernel/spec/openapi.ts';
import type { CallbackVariantSpec } from './callback/variants.ts';

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

/**
 * Which state may follow which (platform-facts §3: cancel closes an unpaid order, refunds a paid
 * one — either way it ends cancelled). A refund may repeat a state (a second partial refund).
 */
export const TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  paying: ['paid', 'failed', 'unknown', 'closed', 'cancelled'],
  unknown: ['paid', 'failed', 'closed', 'cancelled'],
  paid: ['refunding', 'partlyRefunded', 'fullyRefunded', 'refundFailed', 'cancelled'],
  refunding: ['partlyRefunded', 'fullyRefunded', 'refundFailed'],
  partlyRefunded: ['refunding', 'partlyRefunded', 'fullyRefunded', 'refundFailed'],
  refundFailed: ['refunding', 'refundFailed', 'partlyRefunded', 'fullyRefunded'],
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
  /** What the move did, for people reading the history (`closed unpaid`, `refunded 1.00 (RF1)`). */
  detail?: string;
}

/** One successful refund. */
export interface Refund {
  refundOrderId: string;
  fen: Fen;
  at: number;
}

/** What a paying order becomes once its pending delay has passed. */
export type PendingOutcome = 'paid' | 'failed' | 'closed';

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
  /** A paying order's scheduled outcome; applied by `settle` once the clock passes `at`. */
  pending: { at: number; to: PendingOutcome } | undefined;
  /** Refunded so far, refunds and a cancel of a paid order together. */
  refundedFen: Fen;
  refunds: readonly Refund[];
  /** Hostile callback variants the pay request asked for (`X-Mock-Callback`), for its outcome's callback, even when it settles later. */
  callbackVariants: readonly CallbackVariantSpec[] | undefined;
  /**
   * The transitions after the one that created the order, oldest first (`historyOf` gives the
   * whole history). Every stored order is kept for a long time, so the creation is not written
   * out: it is `createdAt` and the first state, and most orders never move again.
   */
  moves: readonly Transition[];
  storeInfo: unknown;
  goodsList: unknown;
}

export type NewOrder = Omit<OrderRecord, 'createdAt' | 'moves' | 'pending' | 'state' | 'refundedFen' | 'refunds' | 'callbackVariants'> & {
  state: OrderState;
  pending?: OrderRecord['pending'];
  callbackVariants?: OrderRecord['callbackVariants'];
};

/** Shared by every order until its first refund, so creating an order allocates no refund list. */
export const NO_REFUNDS: readonly Refund[] = Object.freeze([]);
/** Shared by every order until it first moves. */
export const NO_MOVES: readonly Transition[] = Object.freeze([]);

export class IllegalTransitionError extends PaycheckError {
  override name = 'IllegalTransitionError';
  constructor(message: string) {
    super('PAYCHECK_ILLEGAL_TRANSITION', message);
  }
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
    pending: fields.pending,
    refundedFen: 0,
    refunds: NO_REFUNDS,
    callbackVariants: fields.callbackVariants,
    moves: NO_MOVES,
    storeInfo: fields.storeInfo,
    goodsList: fields.goodsList,
  };
}

export function transition(record: OrderRecord, to: OrderState, at: number, detail?: string): void {
  if (!TRANSITIONS[record.state].includes(to)) {
    throw new IllegalTransitionError(`order ${record.orderId}: ${record.state} → ${to} is not allowed`);
  }
  const move: Transition = detail === undefined ? { from: record.state, to, at } : { from: record.state, to, at, detail };
  record.moves = [...record.moves, move];
  record.state = to;
  record.pending = undefined;
}

/** Every transition, the creation (`from` null) first. */
export function historyOf(record: OrderRecord): Transition[] {
  const created: Transition = { from: null, to: record.moves[0]?.from ?? record.state, at: record.createdAt };
  return [created, ...record.moves];
}

/** When the order last changed state. */
export function updatedAtOf(record: OrderRecord): number {
  return record.moves.at(-1)?.at ?? record.createdAt;
}

/**
 * Applies a scheduled outcome whose time has come, dated when it was due, not when it was seen.
 * True when it moved the order (the caller then owes a status callback).
 */
export function settle(record: OrderRecord, now: number): boolean {
  const pending = record.pending;
  if (pending === undefined || now < pending.at || record.state !== 'paying') return false;
  transition(record, pending.to, pending.at, pending.to === 'closed' ? 'the customer never confirmed' : undefined);
  return true;
}

/** When the money moved (the order became paid), from the history: it stays after refunds and a cancel. */
export function paidAtOf(record: OrderRecord): number | undefined {
  // Derived rather than stored: a field for it costs every order a boxed number.
  if ((record.moves[0]?.from ?? record.state) === 'paid') return record.createdAt;
  for (const move of record.moves) if (move.to === 'paid') return move.at;
  return undefined;
}

export function wasPaid(state: OrderState): boolean {
  return PAID_STATES.has(state);
}

export function realFenOf(record: OrderRecord): Fen {
  return wasPaid(record.state) ? record.chargeFen : 0;
}

/** What a refund may still return: the customer's payment less what was refunded (0 unless paid). */
export function refundableFen(record: OrderRecord): Fen {
  return wasPaid(record.state) ? record.chargeFen - record.refundedFen : 0;
}
