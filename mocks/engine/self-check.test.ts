import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSchemas } from '../../src/spec/schemas.ts';
import { loadSpec } from '../../src/spec/document.ts';
import { createSelfCheck, moneyProblems, SelfCheckError } from './self-check.ts';
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
  const voucher = { id: 'V', name: 'n', amount: 0.5, merchant_contribute: 0.2, other_contribute: 0.2, activity_id: 'A', type: 'COUPON' as const };
  assert.match(moneyProblems({ ...paid, real_amount: 0.5, voucher_list: [voucher] }).join(), /merchant \+ other/);
  const alipayShaped = { id: 'V', name: 'n', amount: 0.5, merchant_contribute: 0.5, other_contribute: 0, purchase_ant_contribute: 0 };
  assert.match(moneyProblems({ ...paid, real_amount: 0.5, voucher_list: [alipayShaped] }).join(), /WeChat/);
});
