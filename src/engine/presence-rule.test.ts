import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from '../adapters/node/spec-file.ts';
import { presenceRule } from './presence-rule.ts';

const spec = loadSpec();

test('the pay call: its own required list, in the spec’s order, no groups', () => {
  assert.deepEqual(presenceRule(spec, 'PayRequest'), { required: ['app_id', 'sign', 'sign_type', 'order_id', 'pay_code', 'total_amount'], oneOf: [], optional: ['store_info', 'goods_list'] });
});

test('lifecycle calls: the envelope’s fields from allOf, then their own, and the "at least one of" groups', () => {
  assert.deepEqual(presenceRule(spec, 'OrderLookupRequest'), { required: ['app_id', 'sign', 'sign_type'], oneOf: [['order_id', 'trade_no']], optional: ['order_id', 'trade_no'] });
  assert.deepEqual(presenceRule(spec, 'CheckRequest').oneOf, [['order_id', 'refund_order_id', 'trade_no']]);
  assert.deepEqual(presenceRule(spec, 'RefundRequest'), { required: ['app_id', 'sign', 'sign_type', 'refund_order_id', 'refund_amount'], oneOf: [['order_id', 'trade_no']], optional: ['order_id', 'trade_no'] });
});
