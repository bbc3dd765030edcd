import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectPayAnswer, PAY_CHECKS } from './pay-answer-checks.ts';

const paid = JSON.stringify({ code: 1000, msg: '支付成功', data: { order_id: 'O1', trade_no: 'T', order_status: 1 } });

test('a paid answer for our order passes every check and reads code 1000', () => {
  assert.deepEqual(inspectPayAnswer(200, paid, 'O1'), { code: 1000, passed: PAY_CHECKS.map(() => true), answer: { code: 1000, orderStatus: 1 } });
});

test('a 1000 about another order, or about none, is no answer to the cashier (it queries), though its code is counted', () => {
  for (const data of [{ order_id: 'O2', order_status: 1 }, { order_status: 1 }, {}, { order_id: 'O1' }]) {
    const inspection = inspectPayAnswer(200, JSON.stringify({ code: 1000, msg: '支付成功', data }), 'O1');
    assert.equal(inspection.code, 1000);
    assert.equal(inspection.answer.code, undefined, JSON.stringify(data));
    assert.match(inspection.answer.mismatch ?? '', /not a result/);
  }
});

test('each check fails on its own fault', () => {
  assert.deepEqual(inspectPayAnswer(200, paid, 'O2').passed, [true, true, true, false]);
  assert.deepEqual(inspectPayAnswer(503, paid, 'O1').passed, [false, true, true, true]);
  const unknown = JSON.stringify({ code: 1999, msg: '?', data: {} });
  assert.deepEqual(inspectPayAnswer(200, unknown, 'O1'), { code: 1999, passed: [true, true, false, true], answer: { code: 1999 } });
  const errorWithData = JSON.stringify({ code: 3004, msg: '签名验证失败', data: { x: 1 } });
  assert.deepEqual(inspectPayAnswer(200, errorWithData, 'O1'), { code: 3004, passed: [true, true, true, false], answer: { code: 3004 } });
  assert.deepEqual(inspectPayAnswer(200, JSON.stringify({ code: 5002, msg: '请求频率过高', data: {} }), 'O1').passed, [true, true, true, true]);
});

test('no answer, a non-JSON body or a body that is not the envelope has no code and fails the checks', () => {
  assert.deepEqual(inspectPayAnswer(0, paid, 'O1'), { passed: [false, false, false, false], answer: {} });
  assert.deepEqual(inspectPayAnswer(200, '<html>', 'O1'), { passed: [true, false, false, false], answer: {}, cause: 'notJson' });
  assert.deepEqual(inspectPayAnswer(200, '{"code":"1000","msg":"","data":{}}', 'O1'), { passed: [true, false, false, false], answer: {}, cause: 'notEnvelope' });
  assert.deepEqual(inspectPayAnswer(200, '{"code":1000,"msg":"","data":[]}', 'O1'), { passed: [true, false, false, false], answer: {}, cause: 'notEnvelope' });
  assert.equal(inspectPayAnswer(307, '', 'O1').cause, 'redirect');
  assert.deepEqual(inspectPayAnswer(200, null, 'O1'), { passed: [true, false, false, false], answer: {}, cause: 'notJson' });
});

test('an HTTP error without the envelope is counted under its status, whatever its body; with the envelope, under its code', () => {
  assert.deepEqual(inspectPayAnswer(502, '<html>', 'O1'), { passed: [false, false, false, false], answer: {}, cause: 'http502' });
  assert.equal(inspectPayAnswer(503, '{"error":"unavailable"}', 'O1').cause, 'http503');
  assert.equal(inspectPayAnswer(404, '', 'O1').cause, 'http404');
  assert.equal(inspectPayAnswer(503, paid, 'O1').code, 1000);
});
