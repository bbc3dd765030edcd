/** The channel-specific voucher fields (D-9): what WeChat needs, what Alipay carries instead. */
import { channelOfPayCode, type Channel } from '../../../kernel/channel.ts';
import { shown, type Finding } from '../finding.ts';
import { type Rule } from '../check-context.ts';
import { orderData } from '../answer-data.ts';
import { vouchersOf } from './amount-rules.ts';

const REQUIRED: Readonly<Record<Channel, readonly string[]>> = {
  wechat: ['activity_id', 'type'],
  alipay: ['purchase_ant_contribute'],
};
const FORBIDDEN: Readonly<Record<Channel, readonly string[]>> = {
  wechat: ['purchase_ant_contribute'],
  alipay: ['activity_id', 'type'],
};

export const voucherChannelFields: Rule = {
  name: 'voucher-channel-fields',
  check({ body, request }) {
    const data = orderData(body);
    const vouchers = data ? vouchersOf(data) : [];
    // The pay code is the ground truth for the channel; pay_type is checked by its own rule.
    const channel = typeof request?.pay_code === 'string' ? channelOfPayCode(request.pay_code) : data?.pay_type === 0 ? 'wechat' : data?.pay_type === 1 ? 'alipay' : undefined;
    if (vouchers.length === 0 || !channel) return undefined;
    const findings: Finding[] = [];
    vouchers.forEach((v, i) => {
      for (const key of REQUIRED[channel]) {
        if (v[key] === undefined || v[key] === '') {
          findings.push({
            rule: 'voucher-channel-fields', path: `$.data.voucher_list[${i}].${key}`, expected: 'present', actual: shown(v[key]),
            message: `a ${channel} voucher must carry ${key}`, severity: 'error',
          });
        }
      }
      for (const key of FORBIDDEN[channel]) {
        if (v[key] !== undefined) {
          findings.push({
            rule: 'voucher-channel-fields', path: `$.data.voucher_list[${i}].${key}`, expected: '(absent)', actual: shown(v[key]),
            message: `a ${channel} voucher does not carry ${key}`, severity: 'error',
          });
        }
      }
    });
    return findings;
  },
};
