/**
 * The order-status callback body (the spec's `StatusCallback` webhook): `{code, msg, data,
 * sign_type, sign}`, signed like a request — over code, msg, data (compact JSON) and sign_type
 * with the application's secret (D-42). Hostile variants change it here, before or while signing.
 */
import type { SignEncoding } from '../../kernel/signing/encoding.ts';
import type { Signer } from '../../kernel/signing/signer.ts';
import type { components } from '../../kernel/spec/openapi.ts';
import { chinaTime } from '../china-time.ts';
import { ORDER_STATUS, updatedAtOf, type OrderRecord, type OrderState } from '../order-record.ts';
import type { CallbackVariant } from './variants.ts';

export type StatusCallback = components['schemas']['StatusCallback'];
type CallbackData = StatusCallback['data'];

/** `msg` is free text (D-31); these say what happened. */
const MSG: Readonly<Record<OrderState, string>> = {
  paying: '等待用户付款',
  paid: '支付成功',
  fullyRefunded: '退款成功',
  partlyRefunded: '退款成功',
  closed: '订单已关闭',
  cancelled: '订单已撤销',
  failed: '支付失败',
  refundFailed: '退款失败',
  refunding: '退款中',
  unknown: '状态未知',
};

export interface CallbackSigning {
  signer: Signer;
  encoding: SignEncoding;
  secret: string;
}

/** The callback for the order as it is now; `refundOrderId` when a refund caused it. */
export function statusCallback(record: OrderRecord, refundOrderId: string | undefined, variants: ReadonlySet<CallbackVariant>, signing: CallbackSigning): StatusCallback {
  const status = ORDER_STATUS[record.state];
  const trade_no = record.tradeNo;
  const order_id = variants.has('mismatch-order-id') ? anotherOrderId(record.orderId) : record.orderId;
  const update_time = chinaTime(updatedAtOf(record));
  const order_status = variants.has('mismatch-status') ? (status === 1 ? -1 : 1) : status;
  // Key order as the webhook example writes it; refund_order_id only when a refund caused the change.
  const data: CallbackData =
    refundOrderId === undefined
      ? { trade_no, order_id, update_time, order_status }
      : { trade_no, order_id, refund_order_id: refundOrderId, update_time, order_status };
  const secret = variants.has('bad-signature') ? `${signing.secret}-not` : signing.secret;
  return signing.signer.signed({ code: 1000, msg: MSG[record.state], data, sign_type: 'MD5' } as const, { secret, encoding: signing.encoding }) as StatusCallback;
}

/** Same length and alphabet, last character changed: a plausible but wrong order number. */
function anotherOrderId(orderId: string): string {
  const last = orderId.at(-1);
  return orderId.slice(0, -1) + (last === 'X' ? 'Y' : 'X');
}
