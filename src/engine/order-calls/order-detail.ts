/** An order as `/pay/get` shows it (the spec's OrderDetail): amounts in yuan, times in UTC+8. */
import { yuanNumber } from '../../kernel/money/money.ts';
import type { components } from '../../kernel/spec/openapi.ts';
import { chinaTime } from '../china-time.ts';
import { ORDER_STATUS, paidAtOf, updatedAtOf, type OrderRecord } from '../order-record.ts';

export type OrderDetail = components['schemas']['OrderDetail'];
type Schemas = components['schemas'];

const NONE: OrderDetail['voucher_list'] = [];

export function orderDetail(record: OrderRecord): OrderDetail {
  // A paid order keeps what it charged after refunds or a cancel: refund_amount says what went back.
  const paidAt = paidAtOf(record);
  const paid = paidAt !== undefined;
  const lastRefundAt = record.refunds.at(-1)?.at ?? (record.refundedFen > 0 ? updatedAtOf(record) : undefined);
  return {
    trade_no: record.tradeNo,
    order_id: record.orderId,
    pay_channel: record.payType,
    order_status: ORDER_STATUS[record.state],
    total_amount: yuanNumber(record.totalFen),
    payable_amount: yuanNumber(record.payableFen),
    real_amount: paid ? yuanNumber(record.chargeFen) : 0,
    refund_amount: yuanNumber(record.refundedFen),
    create_time: chinaTime(record.createdAt),
    pay_time: paidAt === undefined ? undefined : chinaTime(paidAt),
    refund_time: lastRefundAt === undefined ? undefined : chinaTime(lastRefundAt),
    update_time: chinaTime(updatedAtOf(record)),
    voucher_list: paid ? (record.vouchers as OrderDetail['voucher_list']) : NONE,
    refund_list: record.refunds.map((refund) => ({
      refund_order_id: refund.refundOrderId,
      refund_amount: yuanNumber(refund.fen),
      refund_time: chinaTime(refund.at),
    })),
    store_info: record.storeInfo as Schemas['StoreInfo'] | undefined,
    goods_list: record.goodsList as Schemas['Goods'][] | undefined,
  };
}
