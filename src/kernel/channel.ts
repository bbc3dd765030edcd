/**
 * Which channel a payment code belongs to (platform-facts §4), and the `pay_type` it answers with.
 * Shared by the mock, the contract rules and the data factories.
 */
import type { components } from './spec/openapi.ts';

export type Channel = 'wechat' | 'alipay';
export type PayType = components['schemas']['PayType'];

/**
 * Each channel's pay-code shape, unanchored: whole here, and found inside any text by the
 * redaction (src/kernel/redaction/mask.ts). openapi.yaml's `pay_code` pattern is these two,
 * anchored (held equal by channel.test.ts).
 */
export const PAY_CODE_SHAPES: Readonly<Record<Channel, string>> = { wechat: '1[0-5][0-9]{16}', alipay: '(2[5-9]|30)[0-9]{14,22}' };

const WECHAT = new RegExp(`^${PAY_CODE_SHAPES.wechat}$`);
const ALIPAY = new RegExp(`^${PAY_CODE_SHAPES.alipay}$`);

export function channelOfPayCode(code: string): Channel | undefined {
  if (WECHAT.test(code)) return 'wechat';
  if (ALIPAY.test(code)) return 'alipay';
  return undefined;
}

export const PAY_TYPE: Readonly<Record<Channel, PayType>> = { wechat: 0, alipay: 1 };

/**
 * The voucher fields only one channel's vouchers carry (D-9): WeChat's `activity_id` and `type`,
 * Alipay's `purchase_ant_contribute`. A voucher carries its own channel's and none of the other's.
 */
export const CHANNEL_VOUCHER_FIELDS = {
  wechat: ['activity_id', 'type'],
  alipay: ['purchase_ant_contribute'],
} as const satisfies Readonly<Record<Channel, readonly (keyof components['schemas']['Voucher'])[]>>;
