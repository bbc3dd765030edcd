/**
 * Step 7, the third-party channel (第三方支付), chosen by the pay code, charges the payable amount
 * as the scenario says, vouchers and all, and the order is recorded. Faults placed after this
 * step (or after `result`) leave a recorded order behind; faults before it leave none.
 */
import type { Code } from '../../kernel/codes.ts';
import { createOrder, type OrderRecord, type OrderState } from '../order-record.ts';
import type { OrderStore } from '../order-store.ts';
import type { Outcome } from '../scenarios.ts';
import { applyVouchers, channelOf } from '../vouchers.ts';
import type { Step } from '../pay-context.ts';

const STATE_OF: Readonly<Record<Outcome, OrderState>> = { paid: 'paid', paying: 'paying', failed: 'failed', unknown: 'unknown' };

export interface ChannelOptions {
  store: OrderStore;
  nextTradeNo: () => string;
  /** How long a paying order takes to settle. */
  pendingMs: number;
  formatCode: Code;
  /** Told of each new order (status callbacks); absent when nobody listens, so the pay path pays nothing. */
  created?: (record: OrderRecord) => void;
}

export function channelStep({ store, nextTradeNo, pendingMs, formatCode, created }: ChannelOptions): Step {
  return {
    name: 'channel',
    run(ctx) {
      const params = ctx.params!;
      const payType = channelOf(params.pay_code);
      if (payType === undefined) return { code: formatCode, reason: 'pay_code is neither a WeChat nor an Alipay code' };
      const scenario = ctx.scenario!;
      const tradeNo = nextTradeNo();
      const applied = applyVouchers(scenario.vouchers, ctx.payableFen, payType, tradeNo);
      const record = createOrder(
        {
          appId: ctx.app!.appId,
          orderId: params.order_id,
          tradeNo,
          payType,
          scenario: scenario.name,
          totalFen: ctx.totalFen,
          payableFen: ctx.payableFen,
          chargeFen: ctx.payableFen - applied.fen,
          vouchers: applied.vouchers,
          state: STATE_OF[scenario.outcome],
          pending: scenario.outcome === 'paying' ? { at: ctx.now + pendingMs, to: scenario.resolvesTo ?? 'paid' } : undefined,
          storeInfo: params.store_info,
          goodsList: params.goods_list,
          callbackVariants: ctx.control.callback,
        },
        ctx.now,
      );
      store.add(record);
      ctx.record = record;
      created?.(record);
      return undefined;
    },
  };
}
