/**
 * Realistic order records drawn with the shared data factories (faker, seeded): the pool the
 * executor cycles through and the k6 data file's content. Node-only (faker); built before any
 * load is sent, never per request.
 */
import { nodeDataFactory } from '../../../adapters/node/node-data-factory.ts';
import type { PayOrderData } from './pay-order-data.ts';

export interface OrderPoolOptions {
  seed: number;
  count: number;
}

export function buildOrderRecords({ seed, count }: OrderPoolOptions): PayOrderData[] {
  // The app and encoding only matter for signed requests; records are signed later, per request.
  const factory = nodeDataFactory({ seed, app: { appId: 'unused', secret: 'unused' }, encoding: 'base64', orderIdPrefix: 'POOL' });
  return Array.from({ length: count }, () => {
    const { pay_code, total_amount, goods_list, store_info } = factory.unsignedRequest();
    return { pay_code, total_amount, ...(goods_list ? { goods_list } : {}), ...(store_info ? { store_info } : {}) };
  });
}
