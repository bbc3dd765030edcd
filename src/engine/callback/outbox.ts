/**
 * The engine's side of status callbacks: on every status change it builds the signed callback
 * (with any hostile variants) and queues deliveries; an adapter drains the queue and does the
 * network part (src/adapters/http/callback-delivery.ts: fetch, timers, retries) and reports each attempt
 * back, so `GET /__mock/callbacks` shows what was sent and how it went. No I/O here.
 */
import type { SignEncoding } from '../../kernel/signing/encoding.ts';
import type { Signer } from '../../kernel/signing/signer.ts';
import { ORDER_STATUS, type OrderRecord } from '../order-record.ts';
import { orderKey } from '../order-store.ts';
import { createRing } from '../ring.ts';
import { statusCallback, type StatusCallback } from './status-callback.ts';
import type { CallbackVariant, CallbackVariantSpec } from './variants.ts';

const DEFAULT_CALLBACK_LOG_CAP = 1_000;

export interface DeliveryAttempt {
  /** Adapter time (ms since the epoch) when the attempt started. */
  at_ms: number;
  /** The receiver's HTTP status, if it answered. */
  status?: number;
  /** A redirect's Location: where the receiver pointed (not followed; the attempt failed). */
  location?: string;
  /** Why there was no answer (timeout, refused connection). */
  error?: string;
}

export type DeliveryOutcome = 'pending' | 'delivered' | 'gave-up';

/** One delivery as `GET /__mock/callbacks` shows it. */
export interface DeliveryLogEntry {
  id: string;
  order_id: string;
  order_status: number;
  refund_order_id?: string;
  variants: CallbackVariant[];
  attempts: DeliveryAttempt[];
  outcome: DeliveryOutcome;
}

export interface CallbackDelivery {
  /** `7`, or `7#2` for the second copy of a `duplicate`. */
  id: string;
  /** The order's key: adapters keep one order's first attempts in queue order. */
  orderKey: string;
  /** The JSON body to POST. */
  body: string;
  log: DeliveryLogEntry;
}

export interface OutboxOptions {
  signer: Signer;
  encoding: SignEncoding;
  secretOf(appId: string): string;
  /** Variants for every callback (`--callback-variants`). */
  variants: readonly CallbackVariantSpec[];
  random: () => number;
  /** Test mode: validates each body against the spec's StatusCallback; throws on a violation. */
  check?: (body: StatusCallback) => void;
  logCap?: number;
}

export function createOutbox(options: OutboxOptions) {
  const queue: CallbackDelivery[] = [];
  /** Out-of-order deliveries per order, waiting for that order's next callback. */
  const held = new Map<string, CallbackDelivery[]>();
  const log = createRing<DeliveryLogEntry>(options.logCap ?? DEFAULT_CALLBACK_LOG_CAP);
  let serial = 0;

  function chosen(specs: readonly (readonly CallbackVariantSpec[] | undefined)[]): Set<CallbackVariant> {
    const out = new Set<CallbackVariant>();
    for (const list of specs) for (const spec of list ?? []) if (spec.rate >= 1 || options.random() < spec.rate) out.add(spec.variant);
    return out;
  }

  const outbox = {
    /** Set by the adapter: called when deliveries are ready to drain, or one was held back. */
    onReady: undefined as (() => void) | undefined,

    /**
     * Queues the callback for the order's current state. `variants` are the causing request's
     * `X-Mock-Callback`; absent, the pay outcome's cause is the pay request, whose variants the
     * order keeps. The global variants apply on top.
     */
    emit(record: OrderRecord, refundOrderId?: string, variants?: readonly CallbackVariantSpec[]): void {
      const active = chosen([options.variants, variants ?? record.callbackVariants]);
      const body = statusCallback(record, refundOrderId, active, { signer: options.signer, encoding: options.encoding, secret: options.secretOf(record.appId) });
      options.check?.(body);
      const text = JSON.stringify(body);
      const key = orderKey(record.appId, record.orderId);
      const event = ++serial;
      const copies = active.has('duplicate') ? 2 : 1;
      const deliveries: CallbackDelivery[] = [];
      for (let copy = 1; copy <= copies; copy++) {
        const entry: DeliveryLogEntry = {
          id: copy === 1 ? String(event) : `${event}#${copy}`,
          order_id: record.orderId,
          order_status: ORDER_STATUS[record.state],
          refund_order_id: refundOrderId,
          variants: [...active],
          attempts: [],
          outcome: 'pending',
        };
        log.push(entry);
        deliveries.push({ id: entry.id, orderKey: key, body: text, log: entry });
      }
      const waiting = held.get(key);
      if (active.has('out-of-order')) {
        held.set(key, waiting ? [...waiting, ...deliveries] : deliveries);
        outbox.onReady?.();
        return;
      }
      queue.push(...deliveries);
      if (waiting) {
        held.delete(key);
        queue.push(...waiting);
      }
      outbox.onReady?.();
    },

    /** Takes every delivery that is ready, oldest first. */
    drain(): CallbackDelivery[] {
      return queue.splice(0, queue.length);
    },

    /** How many deliveries are held back (out-of-order) waiting for a next callback. */
    get held(): number {
      let n = 0;
      for (const list of held.values()) n += list.length;
      return n;
    },

    /** Lets held deliveries go when no next callback came in time; returns how many. */
    releaseHeld(): number {
      let n = 0;
      for (const list of held.values()) {
        queue.push(...list);
        n += list.length;
      }
      held.clear();
      if (n > 0) outbox.onReady?.();
      return n;
    },

    /** The adapter's report of one attempt; `outcome` once it is settled. */
    report(delivery: CallbackDelivery, attempt: DeliveryAttempt, outcome: DeliveryOutcome): void {
      delivery.log.attempts.push(attempt);
      delivery.log.outcome = outcome;
    },

    deliveries(): DeliveryLogEntry[] {
      return log.items();
    },

    clear(): void {
      queue.length = 0;
      held.clear();
      log.clear();
    },
  };
  return outbox;
}

export type Outbox = ReturnType<typeof createOutbox>;

/** The part of the outbox a delivering adapter uses: it drains, reports attempts, lets held ones go. */
export type OutboxDrain = Pick<Outbox, 'onReady' | 'drain' | 'report' | 'held' | 'releaseHeld'>;
