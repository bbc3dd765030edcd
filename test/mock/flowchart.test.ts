/** Each flowchart step, each dialect and the precedence between faults — over real HTTP. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALIPAY_CODE, payParams, sign, signedPay, WECHAT_CODE } from '../support/signed-request.ts';
import { useTestServer } from '../support/test-server.ts';

const BAD_SIGN = 'MzIwRUY5NTA5OUFFMkI1NjM1MkIxQ0MwMjRBRDYyRjg=';

describe('flowchart dialect (default)', () => {
  const mock = useTestServer();

  test('1 presence: a missing, empty or null required field is 3001 参数缺失', async () => {
    for (const field of ['app_id', 'sign', 'sign_type', 'order_id', 'pay_code', 'total_amount']) {
      const { [field]: _drop, ...rest } = signedPay();
      const missing = await mock().post(rest);
      assert.equal(missing.status, 200);
      assert.deepEqual(missing.envelope, { code: 3001, msg: '参数缺失', data: {} }, field);
      assert.equal(missing.headers.get('x-mock-reason'), `${field} is missing`);
      assert.equal((await mock().post({ ...signedPay(), [field]: '' })).envelope.code, 3001, `${field} ""`);
      assert.equal((await mock().post({ ...signedPay(), [field]: null })).envelope.code, 3001, `${field} null`);
    }
  });

  test('2 format: bad types, lengths, amounts, pay codes and nested structures are 3002 参数值格式错误', async () => {
    const bad: Record<string, unknown>[] = [
      { total_amount: '1.001' },
      { total_amount: 0.001 },
      { total_amount: '0' },
      { total_amount: '-1' },
      { total_amount: '1000000.01' },
      { total_amount: true },
      { order_id: 'A'.repeat(65) },
      { order_id: 'has space' },
      { pay_code: '164567890123456789' },
      { pay_code: 134567890123456789 },
      { app_id: 'x'.repeat(33) },
      { sign_type: 'SHA1' },
      { store_info: { store_id: 'S', extra: 1 } },
      { store_info: 'S001' },
      { goods_list: [{ num: 0 }] },
      { goods_list: [{ barcode: 'abc' }] },
      { goods_list: { title: 'x' } },
      { unknown_field: 1 },
    ];
    for (const override of bad) {
      const answer = await mock().post(sign(payParams(override)));
      assert.deepEqual(answer.envelope, { code: 3002, msg: '参数值格式错误', data: {} }, JSON.stringify(override));
    }
  });

  test('3 app: an unknown app_id is 3003', async () => {
    assert.equal((await mock().post(sign(payParams({ app_id: 'nobody' })))).envelope.code, 3003);
  });

  test('4 signature: a wrong sign, a changed field or another encoding is 3004', async () => {
    assert.equal((await mock().post({ ...signedPay(), sign: BAD_SIGN })).envelope.code, 3004);
    assert.equal((await mock().post({ ...signedPay(), total_amount: '9.99' })).envelope.code, 3004);
    assert.equal((await mock().post(sign(payParams(), { encoding: 'hex' }))).envelope.code, 3004);
    assert.equal((await mock().post(sign(payParams(), { secret: 'not-the-secret' }))).envelope.code, 3004);
  });

  test('5 order: a repeat of a paid order is 1003, of an unpaid one 1007', async () => {
    const paid = signedPay();
    assert.equal((await mock().post(paid)).envelope.code, 1000);
    assert.deepEqual((await mock().post(paid)).envelope, { code: 1003, msg: '订单已支付', data: {} });
    const failed = signedPay({ total_amount: '0.32' });
    assert.equal((await mock().post(failed)).envelope.code, 1001);
    assert.deepEqual((await mock().post(failed)).envelope, { code: 1007, msg: '业务订单号重复', data: {} });
  });

  test('6 discount: a member discount lowers payable below total', async () => {
    const { data } = (await mock().post(signedPay({ total_amount: '100.00' }), { 'x-mock-scenario': 'MEMBER_DISCOUNT' })).envelope;
    assert.deepEqual([data.total_amount, data.payable_amount, data.real_amount], [100, 90, 90]);
  });

  test('7 channel: the pay code picks WeChat (0) or Alipay (1)', async () => {
    assert.equal((await mock().post(signedPay({ pay_code: WECHAT_CODE }))).envelope.data.pay_type, 0);
    assert.equal((await mock().post(signedPay({ pay_code: ALIPAY_CODE }))).envelope.data.pay_type, 1);
  });

  test('8 result: 1000 with the order, echoed order_id, a trade number, the amounts', async () => {
    const params = signedPay({ total_amount: '12.34' });
    const answer = await mock().post(params);
    assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(answer.envelope.code, 1000);
    assert.equal(answer.envelope.msg, '支付成功');
    const data = answer.envelope.data;
    assert.equal(data.order_id, params.order_id);
    assert.match(String(data.trade_no), /^LFT\d+$/);
    assert.deepEqual([data.order_status, data.total_amount, data.payable_amount, data.real_amount, data.voucher_list], [1, 12.34, 12.34, 12.34, []]);
  });

  test('precedence: missing field + bad signature → 3001; bad app_id + bad signature → 3003', async () => {
    const { pay_code: _drop, ...noCode } = signedPay();
    assert.equal((await mock().post({ ...noCode, sign: BAD_SIGN })).envelope.code, 3001);
    assert.equal((await mock().post({ ...signedPay(), app_id: 'nobody', sign: BAD_SIGN })).envelope.code, 3003);
    assert.equal((await mock().post({ ...signedPay(), total_amount: 'abc', app_id: 'nobody', sign: BAD_SIGN })).envelope.code, 3002, 'format before app');
    const paid = signedPay();
    await mock().post(paid);
    assert.equal((await mock().post({ ...paid, sign: BAD_SIGN })).envelope.code, 3004, 'signature before order');
  });
});

describe('table dialect (MOCK_ERROR_CODES=table)', () => {
  const mock = useTestServer({ dialect: 'table' });

  test('3000 APPID错误, 2000 签名错误, 1003 for any repeat; 3001/3002 unchanged', async () => {
    assert.deepEqual((await mock().post(sign(payParams({ app_id: 'nobody' })))).envelope, { code: 3000, msg: 'APPID错误', data: {} });
    assert.deepEqual((await mock().post({ ...signedPay(), sign: BAD_SIGN })).envelope, { code: 2000, msg: '签名错误', data: {} });
    const failed = signedPay({ total_amount: '0.32' });
    await mock().post(failed);
    assert.equal((await mock().post(failed)).envelope.code, 1003);
    assert.equal((await mock().post({})).envelope.code, 3001);
    assert.equal((await mock().post(sign(payParams({ total_amount: '1.001' })))).envelope.code, 3002);
  });
});

describe('hex sign encoding (PAY_SIGN_ENCODING=hex)', () => {
  const mock = useTestServer({ signEncoding: 'hex' });

  test('verifies the 32-character MD5 and refuses base64', async () => {
    assert.equal((await mock().post(sign(payParams(), { encoding: 'hex' }))).envelope.code, 1000);
    assert.equal((await mock().post(signedPay())).envelope.code, 3004);
  });
});
