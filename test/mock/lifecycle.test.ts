/** The order lifecycle over real HTTP: every transition, every lifecycle code, on a manual clock. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nextRefundId, signedCall, signedPay, type Params } from '../support/signed-request.ts';
import { useTestServer, type TestServer } from '../support/test-server.ts';

const PENDING_MS = 20_000;
const mock = useTestServer({ pendingMs: PENDING_MS });

const call = (path: string, fields: Params, headers: Record<string, string> = {}) => mock().post(signedCall(fields), headers, `/pay/${path}`);
const get = (orderId: unknown) => call('get', { order_id: orderId });
const check = (fields: Params) => call('check', fields);
const cancel = (orderId: unknown, headers: Record<string, string> = {}) => call('cancel', { order_id: orderId }, headers);
const refund = (orderId: unknown, amount: string | number, refundOrderId = nextRefundId()) =>
  call('refund', { order_id: orderId, refund_order_id: refundOrderId, refund_amount: amount });

async function pay(amount = '1.00', headers: Record<string, string> = {}): Promise<string> {
  const params = signedPay({ total_amount: amount });
  await mock().post(params, headers);
  return String(params.order_id);
}

async function history(server: TestServer, orderId: string) {
  const view = await server.get(`/__mock/orders/${orderId}`);
  return view.json.history as { from: string | null; to: string; at_ms: number; detail?: string }[];
}

describe('transitions', () => {
  test('paying → paid: get and check see the outcome once the clock passes the pending delay, dated when it was due', async () => {
    const orderId = await pay('0.30');
    const start = mock().clock.now();
    assert.equal((await get(orderId)).envelope.data.order_status, 0);
    mock().clock.advance(PENDING_MS - 1);
    assert.equal((await check({ order_id: orderId })).envelope.data.order_status, 0);
    mock().clock.advance(5_001);
    const detail = (await get(orderId)).envelope;
    assert.equal(detail.code, 1000);
    assert.equal(detail.msg, '查询成功');
    assert.equal(detail.data.order_status, 1);
    assert.equal(detail.data.real_amount, 0.3);
    assert.equal(detail.data.pay_time, '2026-01-01 08:00:20', 'UTC+8, when it was due');
    assert.deepEqual((await history(mock(), orderId)).map((t) => [t.from, t.to, t.at_ms - start]), [
      [null, 'paying', 0],
      ['paying', 'paid', PENDING_MS],
    ]);
  });

  test('paying → failed (USER_PAYING_FAILS)', async () => {
    const orderId = await pay('0.30', { 'x-mock-scenario': 'USER_PAYING_FAILS' });
    mock().clock.advance(PENDING_MS);
    const status = (await check({ order_id: orderId })).envelope;
    assert.equal(status.data.order_status, -1);
    assert.match(String(status.data.check_time), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  test('paying → closed (USER_PAYING_ABANDONED): cancel and refund then answer 1004', async () => {
    const orderId = await pay('0.30', { 'x-mock-scenario': 'USER_PAYING_ABANDONED' });
    mock().clock.advance(PENDING_MS);
    assert.equal((await get(orderId)).envelope.data.order_status, 4);
    assert.equal((await cancel(orderId)).envelope.code, 1004);
    assert.equal((await refund(orderId, '0.10')).envelope.code, 1004);
  });

  test('paying → cancelled: closed unpaid, status 5, and the pending outcome never comes; a second cancel is 1005', async () => {
    const orderId = await pay('0.30');
    const cancelled = await cancel(orderId);
    assert.equal(cancelled.envelope.code, 1000);
    assert.equal(cancelled.envelope.msg, '撤销成功');
    assert.deepEqual(Object.keys(cancelled.envelope.data), ['trade_no', 'order_id', 'order_status', 'update_time']);
    assert.equal(cancelled.envelope.data.order_status, 5);
    mock().clock.advance(PENDING_MS);
    const detail = (await get(orderId)).envelope.data;
    assert.equal(detail.order_status, 5);
    assert.equal(detail.real_amount, 0);
    assert.equal(detail.refund_amount, 0);
    assert.equal((await history(mock(), orderId)).at(-1)?.detail, 'closed unpaid');
    const again = await cancel(orderId);
    assert.deepEqual(again.envelope, { code: 1005, msg: '订单已撤销', data: {} });
    assert.equal((await refund(orderId, '0.10')).envelope.code, 1005);
  });

  test('paid → partly refunded → partly refunded → fully refunded; refunds accumulate', async () => {
    const orderId = await pay('1.00');
    const first = (await refund(orderId, '0.30')).envelope;
    assert.equal(first.code, 1000);
    assert.equal(first.msg, '退款成功');
    assert.deepEqual([first.data.refund_amount, first.data.refunded_total, first.data.order_status], [0.3, 0.3, 3]);
    const second = (await refund(orderId, 0.2)).envelope;
    assert.deepEqual([second.data.refund_amount, second.data.refunded_total, second.data.order_status], [0.2, 0.5, 3]);
    const last = (await refund(orderId, '0.50')).envelope;
    assert.deepEqual([last.data.refund_amount, last.data.refunded_total, last.data.order_status], [0.5, 1, 2]);
    const detail = (await get(orderId)).envelope.data;
    assert.equal(detail.order_status, 2);
    assert.equal(detail.refund_amount, 1);
    assert.deepEqual((detail.refund_list as { refund_amount: number }[]).map((r) => r.refund_amount), [0.3, 0.2, 0.5]);
    assert.deepEqual((await history(mock(), orderId)).map((t) => t.to), ['paid', 'partlyRefunded', 'partlyRefunded', 'fullyRefunded']);
    assert.equal((await refund(orderId, '0.01')).envelope.code, 2001, 'nothing left');
    assert.equal((await cancel(orderId)).envelope.code, 1006, 'an order with refunds is not cancelled');
  });

  test('paid → cancelled: refunded in full, status 5; the detail keeps what was paid and what went back', async () => {
    const orderId = await pay('2.50');
    const cancelled = (await cancel(orderId)).envelope;
    assert.equal(cancelled.data.order_status, 5);
    const detail = (await get(orderId)).envelope.data;
    assert.deepEqual([detail.order_status, detail.real_amount, detail.refund_amount, (detail.refund_list as unknown[]).length], [5, 2.5, 2.5, 0]);
    assert.equal((await history(mock(), orderId)).at(-1)?.detail, 'refunded 2.50 in full');
    assert.equal((await cancel(orderId)).envelope.code, 1005);
  });

  test('failed → cancelled, unknown → cancelled', async () => {
    const failed = await pay('0.32');
    assert.equal((await cancel(failed)).envelope.data.order_status, 5);
    const unknown = await pay('0.33');
    assert.equal((await get(unknown)).envelope.data.order_status, -10);
    assert.equal((await cancel(unknown)).envelope.data.order_status, 5);
  });
});

describe('refund rules', () => {
  test('refund_amount 0 refunds the rest', async () => {
    const orderId = await pay('3.00');
    await refund(orderId, '1.00');
    const rest = (await refund(orderId, '0')).envelope;
    assert.deepEqual([rest.data.refund_amount, rest.data.refunded_total, rest.data.order_status], [2, 3, 2]);
    const whole = await pay('0.75');
    assert.equal((await refund(whole, 0)).envelope.data.refund_amount, 0.75);
  });

  test('more than is left is 2001, and changes nothing', async () => {
    const orderId = await pay('1.00');
    const over = await refund(orderId, '1.01');
    assert.deepEqual(over.envelope, { code: 2001, msg: '退款金额大于支付金额', data: {} });
    assert.match(over.headers.get('x-mock-reason') ?? '', /1\.01 is more than the 1\.00 left/);
    await refund(orderId, '0.60');
    assert.equal((await refund(orderId, '0.41')).envelope.code, 2001);
    assert.equal((await get(orderId)).envelope.data.refund_amount, 0.6);
  });

  test('a refund is refused where nothing was paid: paying and failed orders are 2001', async () => {
    assert.equal((await refund(await pay('0.30'), '0.10')).envelope.code, 2001);
    assert.equal((await refund(await pay('0.32'), '0')).envelope.code, 2001);
  });

  test('a repeated refund_order_id is 3002 (D-41), on the same order or another, and says why', async () => {
    const refundOrderId = nextRefundId();
    const orderId = await pay('1.00');
    assert.equal((await refund(orderId, '0.10', refundOrderId)).envelope.code, 1000);
    const repeat = await refund(orderId, '0.10', refundOrderId);
    assert.equal(repeat.envelope.code, 3002);
    assert.equal(repeat.headers.get('x-mock-reason'), `refund_order_id ${refundOrderId} was used already (D-41)`);
    assert.equal((await refund(await pay('1.00'), '0.10', refundOrderId)).envelope.code, 3002);
    assert.equal((await get(orderId)).envelope.data.refund_amount, 0.1);
  });

  test('REFUND_FAILS: 2002, order_status -2, and the refund number stays unused', async () => {
    const orderId = await pay('1.00', { 'x-mock-scenario': 'REFUND_FAILS' });
    const refundOrderId = nextRefundId();
    assert.deepEqual((await refund(orderId, '0.50', refundOrderId)).envelope, { code: 2002, msg: '退款失败，余额不足', data: {} });
    assert.equal((await check({ order_id: orderId })).envelope.data.order_status, -2);
    assert.equal((await refund(orderId, '0.50', refundOrderId)).envelope.code, 2002);
    assert.equal((await check({ refund_order_id: refundOrderId })).envelope.code, 4002);
  });
});

describe('lookups', () => {
  test('check by order_id, trade_no or refund_order_id; by refund it names the refund', async () => {
    const params = signedPay({ total_amount: '1.00' });
    const paid = (await mock().post(params)).envelope.data;
    const refundOrderId = nextRefundId();
    await refund(params.order_id, '0.40', refundOrderId);
    const byTrade = (await check({ trade_no: paid.trade_no })).envelope.data;
    assert.deepEqual([byTrade.order_id, byTrade.order_status], [params.order_id, 3]);
    const byRefund = (await check({ refund_order_id: refundOrderId })).envelope.data;
    assert.deepEqual(Object.keys(byRefund), ['trade_no', 'order_id', 'refund_order_id', 'order_status', 'check_time']);
    assert.equal(byRefund.refund_order_id, refundOrderId);
    assert.equal((await check({ refund_order_id: refundOrderId, order_id: params.order_id })).envelope.code, 1000);
    assert.equal((await call('get', { trade_no: paid.trade_no })).envelope.data.order_id, params.order_id);
  });

  test('the detail: pay_channel, UTC+8 times, amounts, vouchers, store and goods', async () => {
    const params = signedPay({ total_amount: '0.02', store_info: { store_id: 'S001' }, goods_list: [{ title: '水', num: 2, price: 0.01 }] });
    assert.equal((await mock().post(params)).envelope.code, 1000);
    const detail = (await get(params.order_id)).envelope.data;
    assert.equal(detail.pay_channel, 0);
    assert.equal('pay_type' in detail, false, 'D-44');
    assert.match(String(detail.create_time), /^2026-01-01 \d{2}:\d{2}:\d{2}$/);
    assert.deepEqual([detail.total_amount, detail.payable_amount, detail.real_amount], [0.02, 0.02, 0.01]);
    assert.equal((detail.voucher_list as unknown[]).length, 1);
    assert.deepEqual(detail.store_info, { store_id: 'S001' });
    assert.equal((detail.goods_list as unknown[]).length, 1);
  });

  test('unknown orders are 4001 on every call; an unknown refund is 4002', async () => {
    for (const path of ['get', 'check', 'cancel']) {
      assert.deepEqual((await call(path, { order_id: 'NOPE1' })).envelope, { code: 4001, msg: '原订单不存在', data: {} }, path);
    }
    assert.equal((await call('get', { trade_no: 'LFTNOPE' })).envelope.code, 4001);
    assert.equal((await refund('NOPE1', '1.00')).envelope.code, 4001);
    assert.deepEqual((await check({ refund_order_id: 'RNOPE' })).envelope, { code: 4002, msg: '退款订单不存在', data: {} });
  });

  test('order_id and trade_no naming different orders is 4001; a refund not of the named order is 4002', async () => {
    const a = signedPay();
    const b = signedPay();
    await mock().post(a);
    const tradeB = (await mock().post(b)).envelope.data.trade_no;
    assert.equal((await call('get', { order_id: a.order_id, trade_no: tradeB })).envelope.code, 4001);
    const refundOrderId = nextRefundId();
    await refund(b.order_id, '0.10', refundOrderId);
    assert.equal((await check({ refund_order_id: refundOrderId, order_id: a.order_id })).envelope.code, 4002);
  });
});

describe('the first four steps, as on the pay call', () => {
  test('presence 3001, format 3002, app 3003, signature 3004', async () => {
    const orderId = await pay();
    const missing = await mock().post(signedCall({}), {}, '/pay/get');
    assert.equal(missing.envelope.code, 3001);
    assert.equal(missing.headers.get('x-mock-reason'), 'order_id or trade_no is missing');
    assert.equal((await call('refund', { order_id: orderId, refund_amount: '1' })).headers.get('x-mock-reason'), 'refund_order_id is missing');
    const { sign_type: _drop, ...noType } = signedCall({ order_id: orderId });
    assert.equal((await mock().post(noType, {}, '/pay/check')).envelope.code, 3001);
    assert.equal((await call('get', { order_id: orderId, pay_type: 0 })).envelope.code, 3002, 'unknown field');
    assert.equal((await call('cancel', { order_id: orderId, refund_amount: '0' })).envelope.code, 3002, 'D-40: cancel has no refund_amount');
    assert.equal((await refund(orderId, '1.001')).envelope.code, 3002);
    assert.equal((await refund(orderId, 0.001)).envelope.code, 3002);
    assert.equal((await refund(orderId, '-1')).envelope.code, 3002);
    assert.equal((await mock().post(signedCall({ order_id: orderId, app_id: 'nobody' }), {}, '/pay/get')).envelope.code, 3003);
    assert.equal((await mock().post({ ...signedCall({ order_id: orderId }), order_id: 'OTHER' }, {}, '/pay/get')).envelope.code, 3004);
    assert.equal((await mock().post(signedCall({ order_id: orderId }, { secret: 'wrong' }), {}, '/pay/cancel')).envelope.code, 3004);
    assert.equal((await get(orderId)).envelope.data.order_status, 1, 'nothing refused moved the order');
  });

  test('only POST', async () => {
    const response = await fetch(`${mock().url}/pay/refund`);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });

  test('X-Mock-Fault works on lifecycle calls: a reset cancel still cancels (the client cannot know)', async () => {
    const orderId = await pay('0.30');
    await assert.rejects(cancel(orderId, { 'x-mock-fault': 'reset' }));
    assert.equal((await get(orderId)).envelope.data.order_status, 5);
    assert.equal((await call('get', { order_id: orderId }, { 'x-mock-fault': 'http-503' })).status, 503);
  });
});

describe('table dialect', () => {
  const table = useTestServer({ dialect: 'table' });
  test('signature 2000 and AppID 3000 on lifecycle calls too', async () => {
    const params = signedPay();
    await table().post(params);
    assert.equal((await table().post(signedCall({ order_id: params.order_id }, { secret: 'wrong' }), {}, '/pay/get')).envelope.code, 2000);
    assert.equal((await table().post(signedCall({ order_id: params.order_id, app_id: 'nobody' }), {}, '/pay/get')).envelope.code, 3000);
  });
});
