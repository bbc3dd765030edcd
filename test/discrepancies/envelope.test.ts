/** The response envelope: `{code, msg, data}` against the seed's table (D-1, D-2, D-3, D-7, D-21, D-30, D-31, D-36). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageOf } from '../../src/kernel/codes.ts';
import { failures, specExample } from './schema-findings.ts';
import { SEED_ERROR_TEXT, seedResponse } from './seed-examples.ts';

const paid = () => specExample('response', 'seedSuccess');
const paying = () => specExample('response', 'userPaying');
const dataOf = (response: Record<string, unknown>) => response.data as Record<string, unknown>;

test('D-1: the result code is `code`; a `status` field in its place is a finding at /code and /status', () => {
  assert.deepEqual(failures('PaySuccess', paid()), []);
  const { code, ...rest } = paid();
  assert.deepEqual(failures('PaySuccess', { status: code, ...rest }), ['/code', '/status']);
  assert.deepEqual(failures('PayError', { status: 2000, msg: '签名错误', data: {} }), ['/code', '/status']);
});

test('D-2: the order travels inside `data`; the flat table shape fails at /data and at each hoisted field', () => {
  const { data, ...envelope } = paid();
  const flat = { ...envelope, ...(data as Record<string, unknown>) };
  const paths = failures('PaySuccess', flat);
  assert.ok(paths.includes('/data'), paths.join());
  for (const field of ['/trade_no', '/order_id', '/pay_type', '/real_amount', '/voucher_list']) assert.ok(paths.includes(field), field);
});

test('D-3: `code` is a JSON integer; the refund page\'s string "2001" and a string "1000" fail at /code', () => {
  assert.deepEqual(failures('PayError', { code: 2000, msg: '签名错误', data: {} }), []);
  assert.deepEqual(failures('PayError', { code: '2001', msg: '退款金额大于支付金额', data: {} }), ['/code']);
  assert.deepEqual(failures('PayError', { code: '2000', msg: '签名错误', data: {} }), ['/code']);
  assert.deepEqual(failures('PaySuccess', { ...paid(), code: '1000' }), ['/code']);
  assert.deepEqual(failures('PaySuccess', { ...paid(), code: 1000.5 }), ['/code']);
});

test('D-7: `voucher_list`, listed twice in the table, is one required array of vouchers', () => {
  const response = paid();
  delete dataOf(response).voucher_list;
  assert.deepEqual(failures('PaySuccess', response), ['/data/voucher_list']);
  assert.deepEqual(failures('PaySuccess', { ...paid(), data: { ...dataOf(paid()), voucher_list: {} } }), ['/data/voucher_list']);
});

test('D-21: 1002 and 1001 carry the order in `data` with real_amount 0; an empty data fails', () => {
  assert.deepEqual(failures('PayPending', paying()), []);
  const pendingEmpty = failures('PayPending', { ...paying(), data: {} });
  assert.ok(pendingEmpty.includes('/data/real_amount') && pendingEmpty.includes('/data/order_status'), pendingEmpty.join());
  assert.deepEqual(failures('PayPending', { ...paying(), data: { ...dataOf(paying()), real_amount: 0.3 } }), ['/data/real_amount']);
  const failed = { code: 1001, msg: '支付失败', data: { ...dataOf(paying()), order_status: -1 } };
  assert.deepEqual(failures('PayFailed', failed), []);
  assert.deepEqual(failures('PayFailed', { ...failed, data: { ...failed.data, real_amount: 0.32 } }), ['/data/real_amount']);
  assert.deepEqual(failures('PayError', { code: 1002, msg: '等待用户付款', data: {} }), ['/code'], '1002 never comes with an empty data');
});

test('D-30: the seed\'s error example is a JavaScript literal, not JSON; its JSON reading is a valid PayError', () => {
  assert.throws(() => JSON.parse(SEED_ERROR_TEXT), SyntaxError);
  const asJson = JSON.parse(SEED_ERROR_TEXT.replace(/^(\s*)(\w+):/gm, '$1"$2":')) as unknown;
  assert.deepEqual(asJson, { code: 2000, msg: '签名错误', data: {} });
  assert.deepEqual(failures('PayError', asJson), []);
  assert.deepEqual(specExample('response', 'seedError'), asJson);
});

test('D-30: an error\'s `data` is an empty object — not absent, not null, not filled', () => {
  assert.deepEqual(failures('PayError', { code: 3001, msg: '参数缺失' }), ['/data']);
  assert.deepEqual(failures('PayError', { code: 3001, msg: '参数缺失', data: null }), ['/data']);
  assert.deepEqual(failures('PayError', { code: 3001, msg: '参数缺失', data: { field: 'pay_code' } }), ['/data']);
});

test('D-31: `msg` is free text: any message up to 128 characters passes with any code, none is matched', () => {
  assert.equal(messageOf(1000), '支付成功');
  assert.equal(seedResponse().msg, messageOf(1000));
  assert.deepEqual(failures('PayError', { code: 3004, msg: '签名错误', data: {} }), []);
  assert.deepEqual(failures('PayError', { code: 3003, msg: 'APPID错误', data: {} }), []);
  assert.deepEqual(failures('PayError', { code: 3004, msg: '签'.repeat(128), data: {} }), []);
  assert.deepEqual(failures('PayError', { code: 3004, msg: '签'.repeat(129), data: {} }), ['/msg']);
  assert.deepEqual(failures('PayError', { code: 3004, data: {} }), ['/msg']);
});

test('D-36: `voucher_list` is required even without a voucher: an empty array passes, absence fails', () => {
  assert.deepEqual(dataOf(paying()).voucher_list, []);
  assert.deepEqual(failures('PayPending', paying()), []);
  const response = paying();
  delete dataOf(response).voucher_list;
  assert.deepEqual(failures('PayPending', response), ['/data/voucher_list']);
  assert.deepEqual(failures('PayPending', { ...paying(), data: { ...dataOf(paying()), voucher_list: null } }), ['/data/voucher_list']);
});
