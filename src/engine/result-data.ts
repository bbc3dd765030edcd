/** An order as the API shows it in `data` (PayResultData), amounts back in yuan. */
import { yuanNumber } from '../kernel/money/money.ts';
import { ORDER_STATUS, realFenOf, wasPaid, type OrderRecord } from './order-record.ts';
import type { PayResultData } from './pay-context.ts';

const NONE: PayResultData['voucher_list'] = [];

export function resultData(record: OrderRecord): PayResultData {
  return {
    trade_no: record.tradeNo,
    order_id: record.orderId,
    pay_type: record.payType,
    order_status: ORDER_STATUS[record.state],
    total_amount: yuanNumber(record.totalFen),
    payable_amount: yuanNumber(record.payableFen),
    real_amount: yuanNumber(realFenOf(record)),
    voucher_list: wasPaid(record.state) ? (record.vouchers as PayResultData['voucher_list']) : NONE,
  };
}
