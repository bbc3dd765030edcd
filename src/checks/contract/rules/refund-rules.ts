/**
 * Refunds never return more than the customer paid: each refund is what was asked (`0` = all that
 * is left), the running total adds up, the status says partly (3) or fully (2) refunded, and an
 * order's detail shows the same total. Compared in integer fen.
 */
import { formatYuan, parseAmount, type Fen } from '../../../kernel/money/money.ts';
import { shown, type Finding } from '../finding.ts';
import { type Rule } from '../check-context.ts';
import { asRecord, fenOf, lifecycleData } from '../answer-data.ts';
import { lastStatus, recordOf } from '../order-ledger.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';

/** Nothing was ever paid on an order in these statuses: failed, closed, cancelled unpaid. */
const NEVER_PAID: ReadonlySet<number> = new Set([-1, 4]);

export const refundWithinPaid: Rule = {
  name: 'refund-within-paid',
  check(ctx) {
    const data = lifecycleData(ctx);
    if (!data || (ctx.call !== API_PATHS.refund && ctx.call !== API_PATHS.get)) return undefined;
    const record = ctx.state ? recordOf(ctx.state.orders, ctx) : undefined;
    const findings: Finding[] = [];
    const breach = (path: string, expected: string, actual: string, message: string) =>
      findings.push({ rule: 'refund-within-paid', path, expected, actual, message, severity: 'error' });
    const yuan = (fen: Fen | undefined, raw: unknown) => (fen === undefined ? shown(raw) : formatYuan(fen));

    if (ctx.call === API_PATHS.get) {
      const [real, refunded] = [fenOf(data.real_amount), fenOf(data.refund_amount)];
      if (real === undefined || refunded === undefined) return undefined;
      if (refunded > real) breach('$.data.refund_amount', `≤ real_amount ${formatYuan(real)}`, formatYuan(refunded), 'more was refunded than the customer paid');
      const listed = (Array.isArray(data.refund_list) ? data.refund_list : []).reduce<Fen>((sum, e) => sum + (fenOf(asRecord(e)?.refund_amount) ?? 0), 0);
      if (listed > refunded) breach('$.data.refund_list', `refunds adding up to at most refund_amount ${formatYuan(refunded)}`, formatYuan(listed), 'the listed refunds exceed refund_amount');
      if (record?.pay && !record.returnedUnknown && refunded !== record.returnedFen) {
        breach('$.data.refund_amount', `${formatYuan(record.returnedFen)} (what this run had returned: ${record.refunds.size} refund(s)${record.returnedFen > 0 && record.refunds.size === 0 ? ', a cancel' : ''})`, formatYuan(refunded), 'refund_amount must be all that went back to the customer');
      }
      return findings;
    }

    const [amount, total] = [fenOf(data.refund_amount), fenOf(data.refunded_total)];
    if (amount === undefined || total === undefined) return undefined;
    if (amount > total) breach('$.data.refunded_total', `≥ this refund ${formatYuan(amount)}`, formatYuan(total), 'the running total is below this refund alone');
    const status = lastStatus(record);
    if (status !== undefined && (NEVER_PAID.has(status) || (status === 5 && record?.paidFen === undefined))) {
      breach('$.code', `no refund: the order was ${status} (nothing paid)`, '1000', 'an order that was never paid cannot be refunded');
    }
    const paid = record?.paidFen;
    if (!record || paid === undefined) return findings;
    const left = paid - record.returnedFen;
    const asked = parseAmount(ctx.request?.refund_amount, { allowZero: true });
    const want = asked.ok ? (asked.fen === 0 ? left : asked.fen) : undefined;
    if (want !== undefined && amount !== want) {
      breach('$.data.refund_amount', `${formatYuan(want)}${asked.ok && asked.fen === 0 ? ' (0 asks for all that is left)' : ' (as asked)'}`, yuan(amount, data.refund_amount), 'the refund must be what was asked');
    }
    if (amount > left) breach('$.data.refund_amount', `≤ ${formatYuan(left)} left of ${formatYuan(paid)} paid`, formatYuan(amount), 'a refund may not exceed what is left of the payment (2001)');
    if (total !== record.returnedFen + amount) {
      breach('$.data.refunded_total', `${formatYuan(record.returnedFen + amount)} (${formatYuan(record.returnedFen)} before + ${formatYuan(amount)})`, formatYuan(total), 'refunded_total must add this refund to the earlier ones');
    }
    if (total > paid) breach('$.data.refunded_total', `≤ ${formatYuan(paid)} paid`, formatYuan(total), 'the refunds exceed what the customer paid');
    const wantStatus = record.returnedFen + amount >= paid ? 2 : 3;
    if (data.order_status !== wantStatus) {
      breach('$.data.order_status', `${wantStatus} (${wantStatus === 2 ? 'fully' : 'partly'} refunded: ${formatYuan(record.returnedFen + amount)} of ${formatYuan(paid)})`, shown(data.order_status), 'the status must say whether anything is left to refund');
    }
    return findings;
  },
};
