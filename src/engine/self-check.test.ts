import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSchemas } from '../kernel/spec/schemas.ts';
import { loadSpec } from '../adapters/node/spec-file.ts';
import { createCallbackCheck, createSelfCheck, moneyProblems, SelfCheckError } from './self-check.ts';
import type { PayResultData } from './pay-context.ts';

const check = createSelfCheck(compileSchemas(loadSpec()));
const respond = (body: unknown, status = 200) => ({ status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });
const paid: PayResultData = { trade_no: 'T1', order_id: 'O1', pay_type: 0, order_status: 1, total_amount: 1, payable_amount: 1, real_amount: 1, voucher_list: [] };

test('a valid answer passes; a drift from the spec throws loudly', () => {
  check(respond({ code: 1000, msg: '支付成功', data: paid }));
  check(respond({ code: 3001, msg: '参数缺失', data: {} }));
  const drifts = [
    respond({ code: 1000, msg: '支付成功', data: { ...paid, order_status: '1' } }),
    respond({ code: 1000, msg: '支付成功', data: {} }),
    respond({ code: 3001, msg: '参数缺失', data: { why: 'x' } }),
    respond({ code: 1002, msg: '等待用户付款', data: { ...paid, order_status: 0, real_amount: 1 } }),
    respond({ code: 9999, msg: '?', data: {} }),
    respond('not json'),
    respond({ code: 3001, msg: '参数缺失', data: {} }, 500),
  ];
  for (const response of drifts) assert.throws(() => check(response), SelfCheckError, response.body);
});

test('the money rules the schema cannot state are checked too', () => {
  assert.deepEqual(moneyProblems(paid), []);
  assert.equal(moneyProblems({ ...paid, payable_amount: 2 }).length, 2, 'payable > total, and real + vouchers ≠ payable');
  assert.equal(moneyProblems({ ...paid, real_amount: 1.5, payable_amount: 1 }).length >= 1, true);
  const voucher = { id: 'V', name: 'n', scope: '1' as const, amount: 0.5, merchant_contribute: 0.2, other_contribute: 0.2, activity_id: 'A', type: 'COUPON' as const };
  assert.match(moneyProblems({ ...paid, real_amount: 0.5, voucher_list: [voucher] }).join(), /merchant \+ other/);
  const alipayShaped = { id: 'V', name: 'n', scope: '1' as const, amount: 0.5, merchant_contribute: 0.5, other_contribute: 0, purchase_ant_contribute: 0 };
  assert.match(moneyProblems({ ...paid, real_amount: 0.5, voucher_list: [alipayShaped] }).join(), /WeChat/);
  const halfWechat = { ...alipayShaped, activity_id: 'A' };
  assert.deepEqual(moneyProblems({ ...paid, pay_type: 1, real_amount: 0.5, voucher_list: [halfWechat] }), ['voucher V: activity_id must be there exactly for WeChat'], 'an Alipay voucher carries none of WeChat’s fields');
});

const detail = {
  trade_no: 'T1', order_id: 'O1', pay_channel: 0, order_status: 3, total_amount: 2, payable_amount: 2, real_amount: 2, refund_amount: 0.5,
  create_time: '2026-01-01 08:00:00', update_time: '2026-01-01 08:00:05', voucher_list: [], refund_list: [{ refund_order_id: 'R1', refund_amount: 0.5, refund_time: '2026-01-01 08:00:05' }],
};

test('lifecycle answers are checked against their call’s schema and the refund rules', () => {
  check(respond({ code: 1000, msg: '查询成功', data: detail }), 'GetResponse');
  check(respond({ code: 4001, msg: '原订单不存在', data: {} }), 'GetResponse');
  check(respond({ code: 1000, msg: '撤销成功', data: { trade_no: 'T1', order_id: 'O1', order_status: 5, update_time: '2026-01-01 08:00:05' } }), 'StatusResponse');
  const drifts: [unknown, 'GetResponse' | 'CheckResponse' | 'RefundResponse'][] = [
    [{ code: 1000, msg: 'x', data: { ...detail, pay_type: 0 } }, 'GetResponse'],
    [{ code: 1000, msg: 'x', data: { ...detail, update_time: '2026-01-01T08:00:05Z' } }, 'GetResponse'],
    [{ code: 1000, msg: 'x', data: { ...detail, refund_amount: 2.5, real_amount: 2 } }, 'GetResponse'],
    [{ code: 1000, msg: 'x', data: { ...detail, refund_amount: 0.4 } }, 'GetResponse'],
    [{ code: 1002, msg: 'x', data: {} }, 'CheckResponse'],
    [{ code: 1000, msg: 'x', data: { trade_no: 'T1', order_id: 'O1', refund_order_id: 'R', refund_amount: 2, refunded_total: 1, order_status: 3, update_time: '2026-01-01 08:00:05' } }, 'RefundResponse'],
  ];
  for (const [body, schema] of drifts) assert.throws(() => check(respond(body), schema), SelfCheckError, JSON.stringify(body));
});

test('callback bodies are checked against StatusCallback', () => {
  const callbackCheck = createCallbackCheck(compileSchemas(loadSpec()));
  const body = { code: 1000, msg: '支付成功', data: { trade_no: 'T1', order_id: 'O1', update_time: '2026-01-01 08:00:00', order_status: 1 }, sign_type: 'MD5', sign: 'QUJD' };
  callbackCheck(body);
  assert.throws(() => callbackCheck({ ...body, sign: undefined }), SelfCheckError);
  assert.throws(() => callbackCheck({ ...body, data: { ...body.data, order_status: '1' } }), SelfCheckError);
});
