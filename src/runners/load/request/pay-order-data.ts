/**
 * One pre-built order: the parts of a pay request that the data factories make realistic
 * (channel's pay code, goods, store, total) and that stay fixed while each request gets its own
 * `order_id` and pay code. The k6 data file is a list of these; runtime-neutral.
 */
import type { components } from '../../../kernel/spec/openapi.ts';

type PayRequest = components['schemas']['PayRequest'];

export type PayOrderData = Pick<PayRequest, 'pay_code' | 'total_amount'> & Partial<Pick<PayRequest, 'goods_list' | 'store_info'>>;

export const ORDER_DATA_FORMAT = 'paycheck-load-orders/1';

export interface OrderDataFile {
  format: typeof ORDER_DATA_FORMAT;
  /** The faker seed the records were drawn with (PAY_SEED to draw them again). */
  seed: number;
  /** The mock's public demo application, the default when PAY_APP_ID/PAY_APP_SECRET are unset. */
  demoApp: { appId: string; secret: string };
  records: PayOrderData[];
}

/** Reads a data file written by `npm run load:data`; throws a plain message on anything else. */
export function parseOrderDataFile(text: string): OrderDataFile {
  let data: Partial<OrderDataFile>;
  try {
    data = JSON.parse(text) as Partial<OrderDataFile>;
  } catch {
    throw new Error('order data file is not JSON; regenerate it with npm run load:data');
  }
  if (data.format !== ORDER_DATA_FORMAT) throw new Error(`order data file format must be ${ORDER_DATA_FORMAT}; regenerate it with npm run load:data`);
  if (!Array.isArray(data.records) || data.records.length === 0) throw new Error('order data file has no records');
  for (const r of data.records) {
    if (typeof r.pay_code !== 'string' || !/^[0-9]{16,24}$/.test(r.pay_code)) throw new Error('order data file: a record has no usable pay_code');
    if (typeof r.total_amount !== 'string' && typeof r.total_amount !== 'number') throw new Error('order data file: a record has no total_amount');
  }
  if (typeof data.demoApp?.appId !== 'string' || typeof data.demoApp.secret !== 'string') throw new Error('order data file has no demoApp');
  return data as OrderDataFile;
}
