import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAY_TYPE } from '../kernel/channel.ts';
import { applyVouchers, channelOf } from './vouchers.ts';

const WECHAT = PAY_TYPE.wechat;
const ALIPAY = PAY_TYPE.alipay;

test('the channel comes from the pay code: WeChat 18 digits 10–15, Alipay 16–24 digits 25–30', () => {
  assert.equal(channelOf('104567890123456789'), WECHAT);
  assert.equal(channelOf('154567890123456789'), WECHAT);
  assert.equal(channelOf('164567890123456789'), undefined);
  assert.equal(channelOf('13456789012345678'), undefined, '17 digits');
  assert.equal(channelOf('2545678901234567'), ALIPAY, '16 digits');
  assert.equal(channelOf('304567890123456789012345'), ALIPAY, '24 digits');
  assert.equal(channelOf('3045678901234567890123456'), undefined, '25 digits');
  assert.equal(channelOf('314567890123456789'), undefined);
  assert.equal(channelOf('13456789012345678a'), undefined);
});

test('vouchers are cut down to what is left to pay and never make the payable negative', () => {
  const plans = [
    { kind: 'COUPON' as const, fen: 1 },
    { kind: 'DISCOUNT' as const, fen: 2 },
  ];
  assert.equal(applyVouchers(plans, 3, WECHAT, 'T').fen, 3);
  const two = applyVouchers(plans, 2, WECHAT, 'T');
  assert.equal(two.fen, 2);
  assert.deepEqual(two.vouchers.map((v) => v.amount), [0.01, 0.01]);
  const one = applyVouchers(plans, 1, ALIPAY, 'T');
  assert.equal(one.vouchers.length, 1, 'a voucher cut to nothing is left out');
  assert.deepEqual(applyVouchers([], 500, WECHAT, 'T'), { vouchers: [], fen: 0 });
});

test('WeChat vouchers carry activity_id and type, Alipay ones purchase_ant_contribute; amount = merchant + other', () => {
  const plans = [{ kind: 'DISCOUNT' as const, fen: 7 }];
  const [w] = applyVouchers(plans, 100, WECHAT, 'T').vouchers;
  const [a] = applyVouchers(plans, 100, ALIPAY, 'T').vouchers;
  assert.equal(w.type, 'DISCOUNT');
  assert.equal(typeof w.activity_id, 'string');
  assert.equal('purchase_ant_contribute' in w, false);
  assert.equal(a.purchase_ant_contribute, 0);
  assert.equal('type' in a || 'activity_id' in a, false);
  assert.deepEqual([w.amount, w.merchant_contribute, w.other_contribute], [0.07, 0.04, 0.03]);
});
