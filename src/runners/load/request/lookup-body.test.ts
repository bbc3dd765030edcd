import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_APP } from '../../../kernel/settings.ts';
import { nodeDigests, nodeSigner } from '../../../adapters/node/node-digests.ts';
import { loadSpec } from '../../../adapters/node/spec-file.ts';
import { compileSchemas } from '../../../kernel/spec/schemas.ts';
import { createLookupSigner } from './lookup-body.ts';
import { FOLLOW_UP_CHECKS, inspectFollowUpAnswer } from './follow-up-answer-checks.ts';

const valid = compileSchemas(loadSpec()).validator('OrderLookupRequest');

for (const encoding of ['base64', 'hex'] as const) {
  test(`a lookup body names the order, fits OrderLookupRequest and verifies with the shared signer (${encoding})`, () => {
    const sign = createLookupSigner(DEMO_APP, encoding, nodeDigests);
    for (const orderId of ['LDabc0', 'LDmq3x9k2f1z7', 'A|b*c-d_e']) {
      const body = JSON.parse(sign(orderId)) as Record<string, unknown>;
      assert.ok(valid(body), JSON.stringify(valid.errors));
      assert.equal(body.order_id, orderId);
      assert.ok(nodeSigner.verify(body, { secret: DEMO_APP.secret, encoding }));
    }
  });
}

test('follow-up answers: 1000 must carry the order and its status, other codes {}; no answer fails every check', () => {
  const ok = JSON.stringify({ code: 1000, msg: '查询成功', data: { order_id: 'O1', trade_no: 'T', order_status: 0 } });
  assert.deepEqual(inspectFollowUpAnswer('get', 200, ok, 'O1'), { code: 1000, orderStatus: 0, passed: FOLLOW_UP_CHECKS.map(() => true), answer: { code: 1000, orderStatus: 0 } });
  const other = inspectFollowUpAnswer('get', 200, ok, 'O2');
  assert.deepEqual(other.passed, [true, true, true, false]);
  assert.equal(other.answer.code, undefined, 'an answer about another order is no answer to the cashier');
  const noStatus = JSON.stringify({ code: 1000, msg: '撤销成功', data: { order_id: 'O1' } });
  assert.deepEqual(inspectFollowUpAnswer('cancel', 200, noStatus, 'O1').passed, [true, true, true, false]);
  assert.equal(inspectFollowUpAnswer('cancel', 200, noStatus, 'O1').answer.code, undefined);
  assert.deepEqual(inspectFollowUpAnswer('cancel', 200, JSON.stringify({ code: 1005, msg: '订单已撤销', data: {} }), 'O1'), { code: 1005, passed: [true, true, true, true], answer: { code: 1005 } });
  assert.deepEqual(inspectFollowUpAnswer('get', 0, ok, 'O1'), { passed: [false, false, false, false], answer: {} });
  const asString = JSON.stringify({ code: 1000, msg: '查询成功', data: { order_id: 'O1', trade_no: 'T', order_status: '-1' } });
  assert.deepEqual(inspectFollowUpAnswer('get', 200, asString, 'O1'), { code: 1000, orderStatus: -1, passed: FOLLOW_UP_CHECKS.map(() => true), answer: { code: 1000, orderStatus: -1 } }, 'the table\'s String status (D-5)');
  assert.deepEqual(inspectFollowUpAnswer('get', 200, JSON.stringify({ code: 1000, msg: 'x', data: { order_id: 'O1', order_status: '7' } }), 'O1').passed.at(-1), false);
});
