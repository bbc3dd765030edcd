/** Every documented pay answer: both channels, vouchers, member discount, paying, failed, repeats. */
import type { Channel } from '../../../kernel/channel.ts';
import { fenOf } from '../../../checks/contract/answer-data.ts';
import type { Expectation } from '../../../checks/contract/check-context.ts';
import type { CaseContext, ContractCase } from '../support/case-context.ts';

// An outcome other than "paid" is asked for by scenario: the mock's header, or PAY_OUTCOMES elsewhere (case-context.ts).
const MONEY = ['@moves-money'] as const;


function paidOn(channel: Channel): ContractCase {
  return {
    title: `${channel} pay code: paid (1000), pay_type ${channel === 'wechat' ? 0 : 1}`,
    tags: MONEY,
    run: async (ctx) => {
      await ctx.pay(ctx.request({ channel }), { expect: { outcome: 'paid' } });
    },
  };
}

function withVouchers(scenario: 'VOUCHER' | 'TWO_VOUCHERS', channel: Channel, count: number): ContractCase {
  return {
    title: `${channel}, ${scenario}: paid with ${count} voucher(s), channel fields and sums hold`,
    tags: MONEY,
    run: async (ctx) => {
      const exchange = await ctx.pay(ctx.request({ channel }), { expect: { outcome: 'paid' }, scenario });
      const vouchers = ctx.dataOf(exchange).voucher_list;
      const seen = Array.isArray(vouchers) ? vouchers.length : 0;
      ctx.require(seen === count, exchange, {
        path: '$.data.voucher_list', expected: `${count} voucher(s) (scenario ${scenario})`, actual: `${seen}`, message: `scenario ${scenario} pays with ${count} voucher(s)`,
      });
    },
  };
}

/** Sends a fresh order under a scenario, then the identical request again. */
async function repeat(ctx: CaseContext, scenario: string | undefined, first: 'paid' | 'paying' | 'failed', expect: Expectation) {
  const original = await ctx.pay(ctx.request(), { expect: { outcome: first }, scenario });
  await ctx.send(original.request.json, { expect, scenario });
}

export const PAY_OUTCOME_CASES: readonly ContractCase[] = [
  paidOn('wechat'),
  paidOn('alipay'),
  withVouchers('VOUCHER', 'wechat', 1),
  withVouchers('TWO_VOUCHERS', 'wechat', 2),
  withVouchers('TWO_VOUCHERS', 'alipay', 2),
  {
    title: 'member discount: payable_amount below total_amount',
    tags: MONEY,
    run: async (ctx) => {
      const exchange = await ctx.pay(ctx.request(), { expect: { outcome: 'paid' }, scenario: 'MEMBER_DISCOUNT' });
      const { total_amount: total, payable_amount: payable } = ctx.dataOf(exchange);
      ctx.require((fenOf(payable) ?? Infinity) < (fenOf(total) ?? 0), exchange, {
        path: '$.data.payable_amount', expected: `< total_amount ${total}`, actual: String(payable), message: 'a member discount lowers the payable amount',
      });
    },
  },
  {
    title: 'member discount and a voucher: real < payable < total',
    tags: MONEY,
    run: async (ctx) => {
      const exchange = await ctx.pay(ctx.request({ channel: 'alipay' }), { expect: { outcome: 'paid' }, scenario: 'MEMBER_DISCOUNT_VOUCHER' });
      const d = ctx.dataOf(exchange);
      const [total, payable, real] = [fenOf(d.total_amount), fenOf(d.payable_amount), fenOf(d.real_amount)];
      ctx.require(real !== undefined && payable !== undefined && total !== undefined && real < payable && payable < total, exchange, {
        path: '$.data', expected: 'real_amount < payable_amount < total_amount', actual: `${d.real_amount} / ${d.payable_amount} / ${d.total_amount}`,
        message: 'a discount and a voucher both lower what is paid',
      });
    },
  },
  {
    title: 'user still paying: 1002, order_status 0, real_amount 0',
    tags: MONEY,
    run: async (ctx) => {
      await ctx.pay(ctx.request(), { expect: { outcome: 'paying' }, scenario: 'USER_PAYING' });
    },
  },
  {
    title: 'payment failed: 1001, order_status -1, real_amount 0',
    tags: MONEY,
    run: async (ctx) => {
      await ctx.pay(ctx.request(), { expect: { outcome: 'failed' }, scenario: 'FAILED' });
    },
  },
  // The flowchart's one branch for a repeat is 1007; the platform's table has 1003 for a paid one: either, reported (D-34).
  { title: 'repeat of a paid order: 1003 or 1007 (D-34), the reading reported', tags: MONEY, run: (ctx) => repeat(ctx, undefined, 'paid', { reading: 'repeat-of-paid' }) },
  { title: 'repeat of an order still paying: 1007 (table: 1003)', tags: MONEY, run: (ctx) => repeat(ctx, 'USER_PAYING', 'paying', { fault: 'duplicateOrder' }) },
  { title: 'repeat of a failed order: 1007 (table: 1003)', tags: MONEY, run: (ctx) => repeat(ctx, 'FAILED', 'failed', { fault: 'duplicateOrder' }) },
];
