/**
 * `/pay/check`: an order's status and the time of the check. By `refund_order_id` it is the
 * refund's order (4002 when the refund is unknown, or is not of the order also named); else by
 * `order_id` / `trade_no` (4001 when unknown).
 */
import type { components } from '../../kernel/spec/openapi.ts';
import { chinaTime } from '../china-time.ts';
import { ORDER_STATUS } from '../order-record.ts';
import type { Step } from '../pay-context.ts';
import { findOrder } from './find-order.ts';
import type { LifecycleContext, LifecycleDeps } from './call-context.ts';

type CheckData = components['schemas']['CheckData'];

export function checkStep(deps: LifecycleDeps): Step<LifecycleContext> {
  return {
    name: 'result',
    run(ctx) {
      const params = ctx.params!;
      const refundOrderId = params.refund_order_id;
      let record;
      if (refundOrderId === undefined) {
        const found = findOrder(ctx, deps);
        if (found.answer) return found.answer;
        record = found.record;
      } else {
        record = deps.store.byRefund(ctx.app!.appId, refundOrderId);
        if (record === undefined) return { code: 4002, reason: `no refund ${refundOrderId} for this app_id` };
        const named = params.order_id !== undefined || params.trade_no !== undefined ? findOrder(ctx, deps) : undefined;
        if (named?.answer) return named.answer;
        if (named && named.record !== record) return { code: 4002, reason: `refund ${refundOrderId} is not of the order named` };
        deps.settle(record, ctx.now);
        ctx.record = record;
      }
      const data: CheckData = {
        trade_no: record.tradeNo,
        order_id: record.orderId,
        ...(refundOrderId === undefined ? {} : { refund_order_id: refundOrderId }),
        order_status: ORDER_STATUS[record.state],
        check_time: chinaTime(ctx.now),
      };
      return { code: 1000, msg: '查询成功', data };
    },
  };
}
