/**
 * Fresh, correctly signed pay requests, one per serial number, from pre-built order records:
 * each request gets a unique `order_id` (run prefix + serial) and its own pay code (the record's
 * channel prefix + the serial), and is signed again. Templates are cut once, before any load is
 * sent, so the per-request work is a few string joins and one MD5. Runtime-neutral: both
 * executors use it, k6 with its own digests.
 */
import type { SignEncoding } from '../../../kernel/signing/encoding.ts';
import type { Digests } from '../../../kernel/signing/signer.ts';
import type { PayOrderData } from './pay-order-data.ts';
import { createSigningTemplate, type SigningTemplate } from './signing-template.ts';

export interface SignedOrderStreamOptions {
  records: readonly PayOrderData[];
  app: { appId: string; secret: string };
  encoding: SignEncoding;
  digests: Digests;
  /** Leads every order id; unique per run (see `runOrderIdPrefix`). */
  orderIdPrefix: string;
  /** Milliseconds, for `signMs`; sub-millisecond where the runtime has it. */
  now: () => number;
}

export interface SignedOrder {
  body: string;
  orderId: string;
  payCode: string;
  /** Time spent building and signing this request. */
  signMs: number;
}

export interface SignedOrderStream {
  readonly size: number;
  order(serial: number): SignedOrder;
}

/** Order ids are at most 64 characters of [0-9A-Za-z_|*-] (docs/discrepancies.md); the serial adds at most 11. */
const PREFIX = /^[0-9A-Za-z_|*-]{1,40}$/;
/** Digits of the pay code that carry the serial; the rest (channel prefix first) stay the record's. */
const SERIAL_DIGITS = 10;
const SERIAL_SPAN = 10 ** SERIAL_DIGITS;

/** `LD` + the run's start time and a random tail, base 36: unique across runs and k6 instances. */
export function runOrderIdPrefix(nowMs: number, random: () => number): string {
  const tail = Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0');
  return `LD${Math.floor(nowMs).toString(36)}${tail}`;
}

/** The record's pay code with its last ten digits replaced by the serial: same channel, same length. */
export function payCodeFor(recordCode: string, serial: number): string {
  const tail = String(serial % SERIAL_SPAN).padStart(SERIAL_DIGITS, '0');
  return recordCode.slice(0, recordCode.length - SERIAL_DIGITS) + tail;
}

export function createSignedOrderStream(options: SignedOrderStreamOptions): SignedOrderStream {
  if (!PREFIX.test(options.orderIdPrefix)) throw new RangeError(`order id prefix must be 1–40 of [0-9A-Za-z_|*-]; got "${options.orderIdPrefix}"`);
  if (options.records.length === 0) throw new RangeError('no order records to build requests from');
  const templates: SigningTemplate[] = options.records.map((record) =>
    createSigningTemplate(
      { app_id: options.app.appId, sign_type: 'MD5', order_id: '', ...record },
      ['order_id', 'pay_code'],
      { secret: options.app.secret, encoding: options.encoding },
      options.digests,
    ),
  );
  const codes = options.records.map((r) => r.pay_code);
  const { now, orderIdPrefix } = options;
  return {
    size: templates.length,
    order(serial) {
      const started = now();
      const i = serial % templates.length;
      const orderId = orderIdPrefix + serial.toString(36);
      const payCode = payCodeFor(codes[i], serial);
      const { body } = templates[i].fill([orderId, payCode]);
      return { body, orderId, payCode, signMs: now() - started };
    },
  };
}
