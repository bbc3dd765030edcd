/**
 * The channel's side: which channel a pay code belongs to, and the vouchers it applies.
 * WeChat vouchers carry `activity_id` and `type`; Alipay ones `purchase_ant_contribute` and
 * neither of those (D-9). Every amount is integer fen and `amount = merchant + other` holds.
 */
import { channelOfPayCode, PAY_TYPE, type PayType } from '../kernel/channel.ts';
import { yuanNumber, type Fen } from '../kernel/money/money.ts';
import type { Voucher } from './pay-context.ts';
import type { VoucherPlan } from './scenarios.ts';

/** The `pay_type` of a pay code's channel (src/kernel/channel.ts); undefined for neither. */
export function channelOf(payCode: string): PayType | undefined {
  const channel = channelOfPayCode(payCode);
  return channel === undefined ? undefined : PAY_TYPE[channel];
}

const NAMES = { COUPON: 'paycheck 模拟代金券', DISCOUNT: 'paycheck 模拟免充值券' } as const;
const NO_VOUCHERS: readonly Voucher[] = Object.freeze([]);

export interface AppliedVouchers {
  vouchers: readonly Voucher[];
  /** Their face values together: what the customer does not pay. */
  fen: Fen;
}

/** Applies the plans in order, each cut down to what is still to pay; a plan cut to 0 is left out. */
export function applyVouchers(plans: readonly VoucherPlan[], payableFen: Fen, payType: PayType, idPrefix: string): AppliedVouchers {
  if (plans.length === 0) return { vouchers: NO_VOUCHERS, fen: 0 };
  const vouchers: Voucher[] = [];
  let left = payableFen;
  for (const plan of plans) {
    const amount = Math.min(plan.fen, left);
    if (amount === 0) continue;
    left -= amount;
    // A COUPON (充值型) is the merchant's money; a DISCOUNT (免充值) is shared with the channel.
    const other = plan.kind === 'COUPON' ? 0 : Math.floor(amount / 2);
    const id = `${idPrefix}V${vouchers.length + 1}`;
    const common = {
      id,
      name: NAMES[plan.kind],
      scope: '1' as const,
      amount: yuanNumber(amount),
      merchant_contribute: yuanNumber(amount - other),
      other_contribute: yuanNumber(other),
    };
    vouchers.push(
      payType === PAY_TYPE.wechat
        ? { ...common, activity_id: `ACT${plan.kind}`, type: plan.kind }
        : { ...common, purchase_ant_contribute: 0 },
    );
  }
  return { vouchers, fen: payableFen - left };
}
