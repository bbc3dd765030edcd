/** Rules about amounts, compared as integer fen (src/kernel/money). */
import { formatYuan, NO_CAP, parseAmount, type Fen } from '../../../kernel/money/money.ts';
import { shown, type Finding } from '../finding.ts';
import type { Rule } from '../check-context.ts';
import { fenOf, orderData, vouchersOf } from '../answer-data.ts';

const ORDER_AMOUNTS = ['total_amount', 'payable_amount', 'real_amount'] as const;
const VOUCHER_AMOUNTS = ['amount', 'merchant_contribute', 'other_contribute', 'purchase_ant_contribute'] as const;

export const amountFormat: Rule = {
  name: 'amount-format',
  check({ body }) {
    const data = orderData(body);
    if (!data) return undefined;
    const findings: Finding[] = [];
    const look = (value: unknown, path: string) => {
      // A non-number is the schema's to report; here only the precision of numbers.
      if (typeof value === 'number' && fenOf(value) === undefined) {
        findings.push({
          rule: 'amount-format', path, expected: 'yuan, ≥ 0, at most two decimals', actual: shown(value),
          message: `${path} is not an amount of yuan with at most two decimals`, severity: 'error',
        });
      }
    };
    for (const key of ORDER_AMOUNTS) look(data[key], `$.data.${key}`);
    vouchersOf(data).forEach((v, i) => VOUCHER_AMOUNTS.forEach((key) => look(v[key], `$.data.voucher_list[${i}].${key}`)));
    return findings;
  },
};

export const amountOrder: Rule = {
  name: 'amount-order',
  check({ body }) {
    const data = orderData(body);
    if (!data) return undefined;
    const [total, payable, real] = ORDER_AMOUNTS.map((key) => fenOf(data[key]));
    if (total === undefined || payable === undefined || real === undefined) return undefined;
    const findings: Finding[] = [];
    if (payable > total) {
      findings.push({
        rule: 'amount-order', path: '$.data.payable_amount', expected: `≤ total_amount ${formatYuan(total)}`, actual: formatYuan(payable),
        message: 'payable_amount exceeds total_amount', severity: 'error',
      });
    }
    if (real > payable) {
      findings.push({
        rule: 'amount-order', path: '$.data.real_amount', expected: `≤ payable_amount ${formatYuan(payable)}`, actual: formatYuan(real),
        message: 'real_amount exceeds payable_amount', severity: 'error',
      });
    }
    return findings;
  },
};

export const totalAmountEcho: Rule = {
  name: 'total-amount-echo',
  check({ body, request }) {
    const data = orderData(body);
    const sent = request ? parseAmount(request.total_amount, { maxFen: NO_CAP }) : undefined;
    const total = data ? fenOf(data.total_amount) : undefined;
    if (!sent?.ok || total === undefined) return undefined;
    if (total === sent.fen) return [];
    return [{
      rule: 'total-amount-echo', path: '$.data.total_amount', expected: formatYuan(sent.fen), actual: formatYuan(total),
      message: 'total_amount differs from the total that was sent', severity: 'error',
    }];
  },
};

export const voucherSum: Rule = {
  name: 'voucher-sum',
  check({ body }) {
    const data = orderData(body);
    const vouchers = data ? vouchersOf(data) : [];
    if (vouchers.length === 0) return undefined;
    const findings: Finding[] = [];
    vouchers.forEach((v, i) => {
      const amount = fenOf(v.amount);
      const merchant = fenOf(v.merchant_contribute);
      const other = v.other_contribute === undefined ? 0 : fenOf(v.other_contribute);
      if (amount === undefined || merchant === undefined || other === undefined) return;
      if (amount !== merchant + other) {
        findings.push({
          rule: 'voucher-sum', path: `$.data.voucher_list[${i}].amount`,
          expected: `${formatYuan(merchant + other)} (merchant ${formatYuan(merchant)} + other ${formatYuan(other)})`, actual: formatYuan(amount),
          message: "a voucher's amount must equal merchant_contribute + other_contribute", severity: 'error',
        });
      }
    });
    return findings;
  },
};
