/**
 * The order a lifecycle request names, by `order_id` and/or `trade_no` within the calling
 * application, settled on the clock first so every call sees a due outcome. Unknown → 4001; both
 * given but naming different orders → 4001 too (the pair names no order).
 */
import type { OrderRecord } from '../order-record.ts';
import type { Answer, Step } from '../pay-context.ts';
import type { LifecycleContext, LifecycleDeps } from './call-context.ts';

export type Found = { record: OrderRecord; answer?: undefined } | { record?: undefined; answer: Answer };

export function findOrder(ctx: LifecycleContext, deps: LifecycleDeps): Found {
  const appId = ctx.app!.appId;
  const { order_id: orderId, trade_no: tradeNo } = ctx.params!;
  const byId = orderId === undefined ? undefined : deps.store.get(appId, orderId);
  const byTrade = tradeNo === undefined ? undefined : deps.store.byTradeNo(tradeNo);
  if (orderId !== undefined && byId === undefined) return unknown(`no order ${orderId} for this app_id`);
  if (tradeNo !== undefined && (byTrade === undefined || byTrade.appId !== appId)) return unknown(`no order with trade_no ${tradeNo} for this app_id`);
  if (byId !== undefined && byTrade !== undefined && byId !== byTrade) return unknown(`order_id ${orderId} and trade_no ${tradeNo} name different orders`);
  const record = (byId ?? byTrade)!;
  deps.settle(record, ctx.now);
  ctx.record = record;
  return { record };
}

function unknown(reason: string): Found {
  return { answer: { code: 4001, reason } };
}

/** A call's last step that needs the named order: 4001 without it, else `act` answers. */
export function onOrderStep(deps: LifecycleDeps, act: (record: OrderRecord, ctx: LifecycleContext) => Answer): Step<LifecycleContext> {
  return {
    name: 'result',
    run(ctx) {
      const found = findOrder(ctx, deps);
      return found.answer ?? act(found.record, ctx);
    },
  };
}
