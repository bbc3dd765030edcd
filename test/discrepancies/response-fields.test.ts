/** Fields of the pay result: types, vouchers and amounts (D-4, D-5, D-8, D-9, D-18, D-19, D-23, D-37). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAY_TYPE } from '../../src/kernel/channel.ts';
import { parseAmount } from '../../src/kernel/money/money.ts';
import { failures, specExample } from './schema-findings.ts';
import { seedResponse } from './seed-examples.ts';

const paid = () => specExample('response', 'seedSuccess');
const withData = (patch: Record<string, unknown>) => {
  const response = paid();
  return { ...response, data: { ...(response.data as Record<string, unknown>), ...patch } };
};
const voucherOf = (response: Record<string, unknown>) =>
  ((response.data as Record<string, unknown>).voucher_list as Record<string, unknown>[])[0];

const wechatVoucher = { id: 'W1', name: '满10减1', activity_id: 'A1', scope: '1', type: 'COUPON', amount: 1, merchant_contribute: 1, other_contribute: 0 };
const alipayVoucher = { id: 'Z1', name: 'XX超市5折优惠', scope: '2', amount: 1, merchant_contribute: 0.5, other_contribute: 0.5, purchase_ant_contribute: 0.1 };

test('D-4: `pay_type` is the JSON integer 0 (WeChat) or 1 (Alipay); "1", "weixin", "alipay" and 2 fail at /data/pay_type', () => {
  assert.deepEqual(PAY_TYPE, { wechat: 0, alipay: 1 });
  assert.deepEqual(failures('PaySuccess', withData({ pay_type: 0 })), []);
  assert.deepEqual(failures('PaySuccess', withData({ pay_type: 1 })), []);
  for (const bad of ['1', '0', 'weixin', 'alipay', 2]) {
    assert.deepEqual(failures('PaySuccess', withData({ pay_type: bad })), ['/data/pay_type'], String(bad));
  }
});

test('D-5: `order_status` is a JSON integer from the table\'s ten values; the string "1" fails at /data/order_status', () => {
  for (const status of [1, 2, 3, 4, 5, 0, -1, -2, -3, -10]) assert.deepEqual(failures('OrderStatus', status), [], String(status));
  for (const bad of ['1', '-1', 6, -4, 1.5]) assert.deepEqual(failures('OrderStatus', bad), [''], String(bad));
  assert.deepEqual(failures('PaySuccess', withData({ order_status: '1' })), ['/data/order_status']);
  assert.deepEqual(failures('PaySuccess', withData({ order_status: 0 })), ['/data/order_status'], '1000 means paid: order_status 1');
});

test('D-8, D-51: the seed\'s voucher `"type": "1"` fails at /data/voucher_list/0/type, and its scope, required, is missing; moved to scope, it passes', () => {
  assert.deepEqual(failures('PaySuccess', seedResponse()), ['/data/voucher_list/0/scope', '/data/voucher_list/0/type']);
  const moved = seedResponse();
  const voucher = voucherOf(moved);
  voucher.scope = voucher.type;
  delete voucher.type;
  assert.deepEqual(failures('PaySuccess', moved), []);
  assert.deepEqual(moved, paid());
  for (const type of ['COUPON', 'DISCOUNT']) assert.deepEqual(failures('Voucher', { ...wechatVoucher, type }), []);
  for (const [key, bad] of [['type', 'coupon'], ['scope', 1], ['scope', '4']] as const) {
    assert.deepEqual(failures('Voucher', { ...wechatVoucher, [key]: bad }), [`/${key}`], `${key}=${bad}`);
  }
});

test('D-53: the example voucher named 5折 keeps scope "1" and amount 10 of 11.0; its name decides nothing', () => {
  const voucher = voucherOf(paid());
  assert.equal(voucher.name, 'XX超市5折优惠');
  assert.equal(voucher.scope, '1', 'the value the example printed (under type, D-8), not 2 折扣券 from the name');
  assert.equal(voucher.amount, 10);
  assert.equal((paid().data as Record<string, number>).total_amount, 11);
  for (const name of ['满10减1', 'XX超市5折优惠', '']) assert.deepEqual(failures('Voucher', { ...alipayVoucher, scope: '1', name }), [], name);
});

test('D-9: the schema admits both channel shapes of a voucher; neither shape\'s own fields are schema-required', () => {
  assert.deepEqual(failures('Voucher', wechatVoucher), []);
  assert.deepEqual(failures('Voucher', alipayVoucher), []);
  const { activity_id: _a, type: _t, ...bare } = wechatVoucher;
  assert.deepEqual(failures('Voucher', bare), []);
  const { id: _id, ...noId } = alipayVoucher;
  assert.deepEqual(failures('Voucher', noId), ['/id']);
});

test('D-18: the seed\'s amounts fit only real ≤ payable ≤ total and amount = merchant + other; no arithmetic is required', () => {
  const data = seedResponse().data as Record<string, number>;
  const voucher = voucherOf(seedResponse()) as Record<string, number>;
  const fen = (value: number) => {
    const parsed = parseAmount(value, { allowZero: true });
    assert.ok(parsed.ok);
    return parsed.fen;
  };
  const [total, payable, real] = [fen(data.total_amount), fen(data.payable_amount), fen(data.real_amount)];
  assert.ok(real <= payable && payable <= total);
  assert.equal(fen(voucher.amount), fen(voucher.merchant_contribute) + fen(voucher.other_contribute));
  assert.notEqual(payable - fen(voucher.amount), real, 'payable minus the voucher is not what was paid');
  assert.notEqual(total - fen(voucher.amount), payable, 'total minus the voucher is not the payable amount');
  assert.deepEqual(failures('PaySuccess', paid()), [], 'the schema imposes no sum on the amounts');
});

test('D-19: `trade_no` may equal `order_id`; it is a non-empty string of at most 64 characters, of any alphabet', () => {
  const data = paid().data as Record<string, unknown>;
  assert.equal(data.trade_no, data.order_id);
  assert.deepEqual(failures('PaySuccess', withData({ trade_no: 'T'.repeat(64) })), []);
  assert.deepEqual(failures('PaySuccess', withData({ trade_no: 'T'.repeat(65) })), ['/data/trade_no']);
  assert.deepEqual(failures('PaySuccess', withData({ trade_no: '' })), ['/data/trade_no']);
  assert.deepEqual(failures('PaySuccess', withData({ trade_no: 2017102100151091 })), ['/data/trade_no']);
  for (const any of ['LFT.1', '2017/10/21', '联富通-0001']) assert.deepEqual(failures('PaySuccess', withData({ trade_no: any })), [], any);
});

test('D-23: the seed\'s voucher is read as Alipay\'s: pay_type 1, purchase_ant_contribute, no activity_id or type', () => {
  const data = paid().data as Record<string, unknown>;
  assert.equal(data.pay_type, PAY_TYPE.alipay);
  const voucher = voucherOf(paid());
  assert.equal(voucher.purchase_ant_contribute, 0.82);
  assert.equal('activity_id' in voucher || 'type' in voucher, false);
  assert.deepEqual(failures('Voucher', voucher), []);
});

test('D-37: amounts are yuan from 0 with at most two decimals, no cap of their own; contributions ("max length 9.2") at most 9,999,999.99', () => {
  for (const ok of [0, 0.82, 9, 1_000_000, 1_000_000.01]) assert.deepEqual(failures('Money', ok), [], String(ok));
  for (const bad of [-0.01, '9.00']) assert.deepEqual(failures('Money', bad), [''], String(bad));
  assert.deepEqual(failures('Voucher', { ...alipayVoucher, merchant_contribute: 9_999_999.99 }), []);
  assert.deepEqual(failures('Voucher', { ...alipayVoucher, merchant_contribute: 10_000_000 }), ['/merchant_contribute']);
  // Two decimals is a rule of the amount parser, not of the schema: JSON Schema's multipleOf misjudges binary floats.
  assert.equal(parseAmount(0.82, { allowZero: true }).ok, true);
  assert.equal(parseAmount(0.825, { allowZero: true }).ok, false);
});
