/**
 * `/pay/refund`. Checked in this order: the order exists (4001); `refund_order_id` not used before
 * by this application (3002, D-41); the order's state allows a refund — cancelled 1005, closed
 * 1004, nothing paid or nothing left (paying, unknown, failed, fully refunded) 2001; the amount
 * (`0` = all that is left) is at most what is left (2001). Refunds accumulate: partly refunded
 * (3) until nothing is left, then fully refunded (2). In the REFUND_FAILS scenario the refund
 * fails for want of funds: 2002, order_status -2, and the refund number stays unused.
 */
import { formatYuan, yuanNumber } from '../../kernel/money/money.ts';
import type { components } from '../../kernel/spec/openapi.ts';
import { chinaTime } from '../china-time.ts';
import { ORDER_STATUS, refundableFen, transition, updatedAtOf, type OrderState } from '../order-record.ts';
import type { Step } from '../pay-context.ts';
import { scenarioByName } from '../scenarios.ts';
import { onOrderStep } from './find-order.ts';
import type { LifecycleContext, LifecycleDeps } from './call-context.ts';

type RefundData = components['schemas']['RefundData'];

const REFUSED: Partial<Readonly<Record<OrderState, 1004 | 1005>>> = { closed: 1004, cancelled: 1005 };

export function refundStep(deps: LifecycleDeps): Step<LifecycleContext> {
  return onOrderStep(deps, (record, ctx) => {
    const refundOrderId = ctx.params!.refund_order_id!;
    if (deps.store.byRefund(record.appId, refundOrderId)) return { code: deps.formatCode, reason: `refund_order_id ${refundOrderId} was used already (D-41)` };
    const refused = REFUSED[record.state];
    if (refused !== undefined) return { code: refused, reason: `order ${record.orderId} is ${record.state}` };
    const left = refundableFen(record);
    if (left === 0) return { code: 2001, reason: `order ${record.orderId} (${record.state}) has nothing left to refund` };
    const fen = ctx.refundFen === 0 ? left : ctx.refundFen;
    if (fen > left) return { code: 2001, reason: `refund ${formatYuan(fen)} is more than the ${formatYuan(left)} left to refund` };
    if (scenarioByName(record.scenario)?.refundFails) {
      transition(record, 'refundFailed', ctx.now, `refund ${refundOrderId} of ${formatYuan(fen)} failed: insufficient funds`);
      deps.changed(record, ctx, refundOrderId);
      return { code: 2002, reason: 'the merchant reserve cannot cover the refund (REFUND_FAILS)' };
    }
    record.refundedFen += fen;
    record.refunds = [...record.refunds, { refundOrderId, fen, at: ctx.now }];
    deps.store.addRefund(record.appId, refundOrderId, record);
    transition(record, record.refundedFen === record.chargeFen ? 'fullyRefunded' : 'partlyRefunded', ctx.now, `refunded ${formatYuan(fen)} (${refundOrderId})`);
    deps.changed(record, ctx, refundOrderId);
    const data: RefundData = {
      trade_no: record.tradeNo,
      order_id: record.orderId,
      refund_order_id: refundOrderId,
      refund_amount: yuanNumber(fen),
      refunded_total: yuanNumber(record.refundedFen),
      order_status: ORDER_STATUS[record.state] as RefundData['order_status'],
      update_time: chinaTime(updatedAtOf(record)),
    };
    return { code: 1000, msg: '退款成功', data };
  });
}
