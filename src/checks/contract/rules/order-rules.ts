/** Rules about the order a 1000/1001/1002 answer describes. */
import { channelOfPayCode, PAY_TYPE } from '../../../kernel/channel.ts';
import { shown } from '../finding.ts';
import { type Rule } from '../check-context.ts';
import { codeOf, orderData } from '../answer-data.ts';

const STATUS_OF_CODE: Readonly<Record<number, number>> = { 1000: 1, 1002: 0, 1001: -1 };

export const codeOrderStatus: Rule = {
  name: 'code-order-status',
  check({ body }) {
    const data = orderData(body);
    if (!data) return undefined;
    const code = codeOf(body) as number;
    const want = STATUS_OF_CODE[code];
    if (data.order_status === want) return [];
    return [{
      rule: 'code-order-status', path: '$.data.order_status', expected: `${want} (for code ${code})`, actual: shown(data.order_status),
      message: `code ${code} must come with order_status ${want}`, severity: 'error',
    }];
  },
};

export const realAmountUnpaid: Rule = {
  name: 'real-amount-unpaid',
  check({ body }) {
    const data = orderData(body);
    if (!data || (codeOf(body) === 1000 && data.order_status === 1)) return undefined;
    if (data.real_amount === 0) return [];
    return [{
      rule: 'real-amount-unpaid', path: '$.data.real_amount', expected: '0', actual: shown(data.real_amount),
      message: `an order that is not paid (code ${shown(codeOf(body))}) must report real_amount 0`, severity: 'error',
    }];
  },
};

export const orderIdEcho: Rule = {
  name: 'order-id-echo',
  check({ body, request }) {
    const data = orderData(body);
    if (!data || typeof request?.order_id !== 'string') return undefined;
    if (data.order_id === request.order_id) return [];
    return [{
      rule: 'order-id-echo', path: '$.data.order_id', expected: shown(request.order_id), actual: shown(data.order_id),
      message: 'the answer must echo the order_id that was sent', severity: 'error',
    }];
  },
};

export const payTypeChannel: Rule = {
  name: 'pay-type-channel',
  check({ body, request }) {
    const data = orderData(body);
    const channel = typeof request?.pay_code === 'string' ? channelOfPayCode(request.pay_code) : undefined;
    if (!data || !channel) return undefined;
    const want = PAY_TYPE[channel];
    if (data.pay_type === want) return [];
    return [{
      rule: 'pay-type-channel', path: '$.data.pay_type', expected: `${want} (${channel} pay code)`, actual: shown(data.pay_type),
      message: `${channel === 'alipay' ? 'an' : 'a'} ${channel} pay code must be answered with pay_type ${want}`, severity: 'error',
    }];
  },
};
