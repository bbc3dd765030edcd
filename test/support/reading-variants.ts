/**
 * The mock taking the other reading where the documents allow two (src/checks/contract/readings.ts):
 * its engine with the handle wrapped, as the broken variants are — but none of these is broken.
 * Each must pass the whole suite with the reading it takes reported, and fail only when
 * paycheck's own reading is demanded of it (test/contracts/readings.test.ts).
 */
import { CHANNEL_VOUCHER_FIELDS } from '../../src/kernel/channel.ts';
import { messageOf } from '../../src/kernel/codes.ts';
import type { SignEncoding } from '../../src/kernel/signing/encoding.ts';
import { API_PATHS } from '../../src/kernel/spec/api-paths.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import type { ReadingName } from '../../src/checks/contract/readings.ts';
import { mapAnswer, parse, type BrokenVariant } from '../../src/runners/contracts/broken/variants.ts';

type Json = Record<string, unknown>;

export interface ReadingVariant extends Pick<BrokenVariant, 'wrap'> {
  reading: ReadingName;
  /** The reading it takes: not paycheck's own. */
  value: string;
  /** The sign encoding the suite must use with it. */
  encoding: SignEncoding;
}

/** Every answer's order or status data (pay, get, check, cancel, refund). */
const dataOf = (body: Json) => (body.data !== null && typeof body.data === 'object' ? (body.data as Json) : undefined);
/** The vouchers of an order, with its channel: the pay answer's pay_type, the query's pay_channel. */
function vouchersOf(body: Json): { channel?: 'wechat' | 'alipay'; vouchers: Json[] } {
  const data = dataOf(body);
  const type = data?.pay_type ?? data?.pay_channel;
  return { channel: type === 0 ? 'wechat' : type === 1 ? 'alipay' : undefined, vouchers: Array.isArray(data?.voucher_list) ? (data.voucher_list as Json[]) : [] };
}

/** Request and answer bodies with their long order_ids swapped for short ones the mock takes, and back. */
function aliasLongOrderIds(longest: number, limit: number): BrokenVariant['wrap'] {
  return (handle, { app, encoding }) => {
    const aliases = new Map<string, string>();
    const originals = new Map<string, string>();
    return async (request) => {
      const sent = parse(request.body);
      const id = sent?.order_id;
      if (!sent || typeof id !== 'string' || id.length <= limit || id.length > longest || typeof sent.sign !== 'string' || !nodeSigner.verify(sent, { secret: app.secret, encoding })) return handle(request);
      const alias = aliases.get(id) ?? `AL${aliases.size}${id.slice(-(limit - 12))}`;
      aliases.set(id, alias);
      originals.set(alias, id);
      const response = await handle({ ...request, body: JSON.stringify(nodeSigner.signed({ ...sent, order_id: alias }, { secret: app.secret, encoding })) });
      const body = parse(response.body);
      const data = body ? dataOf(body) : undefined;
      if (!body || typeof data?.order_id !== 'string' || !originals.has(data.order_id)) return response;
      data.order_id = originals.get(data.order_id);
      return { ...response, body: JSON.stringify(body) };
    };
  };
}

export const READING_VARIANTS: readonly ReadingVariant[] = [
  {
    reading: 'repeat-of-paid', value: '1007', encoding: 'base64',
    wrap: mapAnswer((body, _data, request) => {
      if (request.path.endsWith(API_PATHS.pay) && body.code === 1003) Object.assign(body, { code: 1007, msg: messageOf(1007) });
    }),
  },
  {
    reading: 'pay-type', value: 'string', encoding: 'base64',
    wrap: mapAnswer((_body, data) => {
      if (data) data.pay_type = String(data.pay_type);
    }),
  },
  {
    reading: 'order-status', value: 'string', encoding: 'base64',
    wrap: mapAnswer((body) => {
      const data = dataOf(body);
      if (typeof data?.order_status === 'number') data.order_status = String(data.order_status);
    }),
  },
  {
    reading: 'voucher-fields', value: 'allowed', encoding: 'base64',
    wrap: mapAnswer((body) => {
      const { channel, vouchers } = vouchersOf(body);
      if (channel === 'alipay') for (const v of vouchers) Object.assign(v, { activity_id: `ACT${String(v.id)}`, type: 'COUPON' });
      if (channel === 'wechat') for (const v of vouchers) v[CHANNEL_VOUCHER_FIELDS.alipay[0]] = 0;
    }),
  },
  {
    reading: 'purchase-ant', value: 'when-bought', encoding: 'base64',
    wrap: mapAnswer((body) => {
      const { channel, vouchers } = vouchersOf(body);
      if (channel === 'alipay') for (const v of vouchers) delete v.purchase_ant_contribute;
    }),
  },
  { reading: 'order-id-length', value: '128', encoding: 'base64', wrap: aliasLongOrderIds(128, 64) },
  {
    reading: 'sign-length', value: '32', encoding: 'hex',
    wrap: (handle) => (request) => {
      const sign = parse(request.body)?.sign;
      if (typeof sign === 'string' && sign.length > 32) {
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 3002, msg: messageOf(3002), data: {} }) };
      }
      return handle(request);
    },
  },
];
