/**
 * The orders a k6 script signs and sends: read once from the data file written by
 * `npm run load:data` (faker never runs inside k6), shared read-only by every VU, and turned into
 * a signed order stream with k6's digests — per VU, in the init context, before any iteration is
 * timed. The script reads the file itself (`open()` is relative to it) and passes the reader.
 */
import { SharedArray } from 'k6/data';
import { parseOrderDataFile, type OrderDataFile, type PayOrderData } from '../../request/pay-order-data.ts';
import { createSignedOrderStream, runOrderIdPrefix, type SignedOrderStream } from '../../request/signed-order-stream.ts';
import type { SignEncoding } from '../../../../kernel/signing/encoding.ts';
import { k6Digests } from './k6-digests.ts';

/** Relative to the scripts in src/runners/load/k6/. */
const DATA_FILE = './data/pay-orders.json';

/** `-e ORDERS_FILE=…` where the data file lies elsewhere (beside a bundled script in a k6-operator ConfigMap). */
export const ordersFileFrom = (env: Record<string, string | undefined>): string => env.ORDERS_FILE || DATA_FILE;

export interface K6Orders {
  demoApp: { appId: string; secret: string };
  records: PayOrderData[];
}

export function loadOrders(read: () => string): K6Orders {
  const dataFile = new SharedArray<OrderDataFile>('pay-orders', () => [parseOrderDataFile(read())]);
  const records = new SharedArray<PayOrderData>('pay-order-records', () => dataFile[0].records);
  return { demoApp: dataFile[0].demoApp, records: Array.from({ length: records.length }, (_, i) => records[i]) };
}

export function k6OrderStream(records: readonly PayOrderData[], settings: { app: { appId: string; secret: string }; encoding: SignEncoding }): SignedOrderStream {
  return createSignedOrderStream({
    records,
    app: settings.app,
    encoding: settings.encoding,
    digests: k6Digests,
    orderIdPrefix: runOrderIdPrefix(Date.now(), Math.random),
    now: () => Date.now(),
  });
}
