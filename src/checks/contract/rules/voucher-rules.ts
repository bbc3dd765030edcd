/**
 * The channel-specific voucher fields (D-9): a WeChat voucher must carry `activity_id` and `type`
 * (`weixin` 是). What Alipay vouchers carry, and whether a voucher may carry the other channel's
 * fields, the seed leaves to two readings each (D-9, D-52): those are readings (readings.ts).
 */
import { CHANNEL_VOUCHER_FIELDS } from '../../../kernel/channel.ts';
import { shown, type Finding } from '../finding.ts';
import { type Rule } from '../check-context.ts';
import { channelOfOrder, orderData, vouchersOf } from '../answer-data.ts';

export const voucherChannelFields: Rule = {
  name: 'voucher-channel-fields',
  check({ body, request }) {
    const data = orderData(body);
    const vouchers = data ? vouchersOf(data) : [];
    // pay_type itself is checked by its own rule.
    if (vouchers.length === 0 || channelOfOrder(request, data) !== 'wechat') return undefined;
    const findings: Finding[] = [];
    vouchers.forEach((v, i) => {
      for (const key of CHANNEL_VOUCHER_FIELDS.wechat) {
        if (v[key] === undefined || v[key] === '') {
          findings.push({
            rule: 'voucher-channel-fields', path: `$.data.voucher_list[${i}].${key}`, expected: 'present', actual: shown(v[key]),
            message: `a wechat voucher must carry ${key}`, severity: 'error',
          });
        }
      }
    });
    return findings;
  },
};
