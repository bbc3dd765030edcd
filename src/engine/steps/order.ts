/**
 * Step 5, order validation (订单验证): a repeat `order_id` of the same application is 1007, or
 * 1003 when the earlier order was paid (table dialect: 1003 for both). A paying order is settled
 * on the clock first, so a repeat sees the state the real platform would show by then.
 */
import type { Code } from '../../kernel/codes.ts';
import { wasPaid, type OrderRecord } from '../order-record.ts';
import type { OrderStore } from '../order-store.ts';
import type { Step } from '../pay-context.ts';

export function orderStep(store: OrderStore, settle: (record: OrderRecord, now: number) => void, codes: { duplicateOrder: Code; alreadyPaid: Code }): Step {
  return {
    name: 'order',
    run(ctx) {
      const existing = store.get(ctx.app!.appId, ctx.params!.order_id);
      if (existing === undefined) return undefined;
      settle(existing, ctx.now);
      ctx.record = existing;
      return wasPaid(existing.state)
        ? { code: codes.alreadyPaid, reason: `order ${existing.orderId} is already paid` }
        : { code: codes.duplicateOrder, reason: `order ${existing.orderId} exists (${existing.state})` };
    },
  };
}
