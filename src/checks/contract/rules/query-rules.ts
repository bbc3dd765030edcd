/** A lifecycle answer names the order asked about, and a query shows the order the pay call made. */
import { formatYuan } from '../../../kernel/money/money.ts';
import { shown, type Finding } from '../finding.ts';
import { type Rule } from '../check-context.ts';
import { fenOf, lifecycleData, type JsonObject } from '../answer-data.ts';
import { lastStatus, recordOf } from '../order-ledger.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';

const ECHOED = ['order_id', 'trade_no', 'refund_order_id'] as const;
/** Statuses an order leaves by itself: a query may show any later one. */
const MOVING: ReadonlySet<number> = new Set([0, -10, -3]);

export const lifecycleEcho: Rule = {
  name: 'lifecycle-echo',
  check(ctx) {
    const data = lifecycleData(ctx);
    if (!data || !ctx.request) return undefined;
    const findings: Finding[] = [];
    for (const key of ECHOED) {
      const sent = ctx.request[key];
      if (typeof sent !== 'string' || data[key] === sent) continue;
      findings.push({
        rule: 'lifecycle-echo', path: `$.data.${key}`, expected: shown(sent), actual: shown(data[key]),
        message: `the answer must be about the ${key} that was sent`, severity: 'error',
      });
    }
    return findings;
  },
};

export const queryAgreesWithPay: Rule = {
  name: 'query-agrees-with-pay',
  check(ctx) {
    const data = lifecycleData(ctx);
    const record = ctx.state ? recordOf(ctx.state.orders, ctx) : undefined;
    const pay = record?.pay;
    if (!data || !record || !pay) return undefined;
    const findings: Finding[] = [];
    const differ = (path: string, expected: unknown, actual: unknown, message: string) =>
      findings.push({ rule: 'query-agrees-with-pay', path, expected: shown(expected), actual: shown(actual), message, severity: 'error' });
    for (const key of ['order_id', 'trade_no'] as const) {
      if (data[key] !== pay[key]) differ(`$.data.${key}`, pay[key], data[key], `${key} differs from the pay answer's`);
    }
    if (ctx.call === API_PATHS.get) {
      if (data.pay_channel !== pay.pay_type) differ('$.data.pay_channel', pay.pay_type, data.pay_channel, 'pay_channel must be the pay answer\'s pay_type (D-44)');
      const amounts = record.payCode === 1000 ? (['total_amount', 'payable_amount', 'real_amount'] as const) : (['total_amount', 'payable_amount'] as const);
      for (const key of amounts) {
        const [want, got] = [fenOf(pay[key]), fenOf(data[key])];
        if (want !== undefined && got !== want) differ(`$.data.${key}`, formatYuan(want), got === undefined ? data[key] : formatYuan(got), `${key} differs from the pay answer's`);
      }
      if (record.payCode === 1000 && canonical(data.voucher_list) !== canonical(pay.voucher_list)) {
        differ('$.data.voucher_list', pay.voucher_list, data.voucher_list, 'the vouchers differ from the pay answer\'s');
      }
    }
    const known = lastStatus(record);
    if ((ctx.call === API_PATHS.get || ctx.call === API_PATHS.check) && known !== undefined && !MOVING.has(known) && data.order_status !== known) {
      differ('$.data.order_status', known, data.order_status, `the order was last seen ${known} (${record.statuses.at(-1)?.call}) and nothing has moved it since`);
    }
    return findings;
  },
};

/** JSON with sorted keys, so two objects compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as JsonObject).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
