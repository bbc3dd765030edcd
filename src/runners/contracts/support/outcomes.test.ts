import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confirmOutcomes, outcomeMismatch, parseOutcomes } from './outcomes.ts';
import type { Exchange } from '../../../adapters/client/pay-client.ts';

test("unset, PAY_OUTCOMES is the mock's own table: each outcome an amount selects, slow ones left out", () => {
  const map = parseOutcomes(undefined);
  assert.deepEqual(Object.fromEntries([...map].map(([name, m]) => [name, m.route])), {
    VOUCHER: { amount: '0.02' },
    TWO_VOUCHERS: { amount: '0.03' },
    MEMBER_DISCOUNT: { amount: '0.04' },
    MEMBER_DISCOUNT_VOUCHER: { amount: '0.05' },
    USER_PAYING: { amount: '0.30' },
    FAILED: { amount: '0.32' },
  });
  assert.equal(parseOutcomes('none').size, 0);
});

test('amounts and headers, names in any case and with hyphens; junk refused with the grammar', () => {
  const map = parseOutcomes('user-paying:0.30, failed:Wechatpay-Negative-Test=PAY_FAIL,VOUCHER:0.02');
  assert.deepEqual(map.get('USER_PAYING')?.route, { amount: '0.30' });
  assert.deepEqual(map.get('FAILED')?.route, { header: ['Wechatpay-Negative-Test', 'PAY_FAIL'] });
  assert.deepEqual(map.get('VOUCHER')?.route, { amount: '0.02' });
  assert.throws(() => parseOutcomes('PAYING:0.30'), /"PAYING:0.30" names no outcome; use NAME:AMOUNT or NAME:Header=Value/);
  assert.throws(() => parseOutcomes('FAILED:abc'), /PAY_OUTCOMES: "FAILED:abc"/);
  assert.throws(() => parseOutcomes('FAILED'), /names no outcome/);
});

test('an answer shows an outcome by its code, a voucher, a discount', () => {
  const paid = { code: 1000, data: { total_amount: 0.04, payable_amount: 0.04, voucher_list: [] } };
  assert.equal(outcomeMismatch('USER_PAYING', { code: 1002 }), undefined);
  assert.equal(outcomeMismatch('USER_PAYING', paid), 'answered code 1000, not 1002');
  assert.equal(outcomeMismatch('FAILED', { code: '1001' }), undefined);
  assert.equal(outcomeMismatch('VOUCHER', paid), 'paid without a voucher');
  assert.equal(outcomeMismatch('MEMBER_DISCOUNT', paid), 'paid without a discount (payable_amount not below total_amount)');
  assert.equal(outcomeMismatch('MEMBER_DISCOUNT', { code: 1000, data: { total_amount: 0.04, payable_amount: 0.03 } }), undefined);
  assert.equal(outcomeMismatch('FAILED', undefined), 'answered code none, not 1001');
});

const factory = { unsignedRequest: () => ({ app_id: 'a', sign_type: 'MD5', order_id: 'O', pay_code: '134567890123456789', total_amount: '1.00', goods_list: [] }) as never };

test('a target that gives no answer to one confirmation is not asked the others: each would wait its whole timeout', async () => {
  const outcomes = parseOutcomes('USER_PAYING:0.30,FAILED:0.32,VOUCHER:0.02');
  let pays = 0;
  const silent = {
    pay: async () => {
      pays++;
      return { transportError: 'no answer within 5000 ms', transportCause: 'timeout' } as Exchange;
    },
  };
  await confirmOutcomes({ outcomes, controls: false, loopback: true }, silent, factory);
  assert.equal(pays, 1);
  assert.deepEqual([...outcomes.values()].map((m) => m.confirmed), Array(3).fill('gave no answer (no answer within 5000 ms)'));
});
