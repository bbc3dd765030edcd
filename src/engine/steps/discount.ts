/** Step 6, 联富通 member discount (内部优惠计算) → payable_amount. 10% off, at least 0.01, never all. */
import type { Fen } from '../../kernel/money/money.ts';
import type { Step } from '../pay-context.ts';

function memberDiscountFen(totalFen: Fen): Fen {
  if (totalFen < 2) return 0;
  return Math.max(1, Math.floor(totalFen / 10));
}

export function discountStep(): Step {
  return {
    name: 'discount',
    run(ctx) {
      ctx.payableFen = ctx.scenario!.memberDiscount ? ctx.totalFen - memberDiscountFen(ctx.totalFen) : ctx.totalFen;
      return undefined;
    },
  };
}
