/**
 * `/pay/cancel` (撤销), for a pay result that failed, timed out or is unknown. Whatever the order
 * was, a successful cancel ends it cancelled (order_status 5, as the spec's cancel page says):
 * an unpaid order (paying, unknown, failed) is closed, a paid one refunded in full — the history
 * entry's `detail` says which. Already cancelled → 1005; closed by the platform → 1004; an order
 * with refunds (partly/fully refunded, refund failed) → 1006: its outcome was known, the rest goes
 * through `/pay/refund`. Unknown → 4001.
 */
import type { Code } from '../../kernel/codes.ts';
import { formatYuan } from '../../kernel/money/money.ts';
import type { components } from '../../kernel/spec/openapi.ts';
import { chinaTime } from '../china-time.ts';
import { ORDER_STATUS, transition, updatedAtOf, type OrderState } from '../order-record.ts';
import type { Step } from '../pay-context.ts';
import { onOrderStep } from './find-order.ts';
import type { LifecycleContext, LifecycleDeps } from './call-context.ts';

type OrderStatusData = components['schemas']['OrderStatusData'];

/** What a cancel does in each state: close it, refund it, or refuse with a code. */
const CANCEL: Readonly<Record<OrderState, 'close' | 'refund' | Code>> = {
  paying: 'close',
  unknown: 'close',
  failed: 'close',
  paid: 'refund',
  cancelled: 1005,
  closed: 1004,
  partlyRefunded: 1006,
  fullyRefunded: 1006,
  refunding: 1006,
  refundFailed: 1006,
};

export function cancelStep(deps: LifecycleDeps): Step<LifecycleContext> {
  return onOrderStep(deps, (record, ctx) => {
    const action = CANCEL[record.state];
    if (typeof action === 'number') return { code: action, reason: `order ${record.orderId} is ${record.state}` };
    let detail = 'closed unpaid';
    if (action === 'refund') {
      detail = `refunded ${formatYuan(record.chargeFen - record.refundedFen)} in full`;
      record.refundedFen = record.chargeFen;
    }
    transition(record, 'cancelled', ctx.now, detail);
    deps.changed(record, ctx);
    const data: OrderStatusData = { trade_no: record.tradeNo, order_id: record.orderId, order_status: ORDER_STATUS[record.state], update_time: chinaTime(updatedAtOf(record)) };
    return { code: 1000, msg: '撤销成功', data };
  });
}
