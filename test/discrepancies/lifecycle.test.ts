/**
 * Decisions openapi.yaml takes for the neighbouring calls and the callback, where the platform's
 * other pages disagree with the pay page or say nothing (D-40 … D-44).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalString } from '../../src/kernel/signing/canonical.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { failures, specExample, webhookExample } from './schema-findings.ts';

const demo = { secret: DEMO_APP.secret, encoding: 'base64' as const };
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();

test('D-40: cancel is signed by the general rule, not by the cancel page\'s MD5(app_id, app_sercet, order_id, refund_amount)', () => {
  const cancel = specExample('request', 'cancel', '/pay/cancel');
  assert.equal(nodeSigner.verify(cancel, demo), true);
  const formula = `app_id=${String(cancel.app_id)}&app_sercet=${DEMO_APP.secret}&order_id=${String(cancel.order_id)}`;
  assert.notEqual(cancel.sign, md5(formula));
  assert.notEqual(cancel.sign, Buffer.from(md5(formula), 'latin1').toString('base64'));
  assert.match(canonicalString(cancel, DEMO_APP.secret), /&sign_type=MD5$/);
});

test('D-40: a cancel request needs sign_type like every call, and has no refund_amount', () => {
  const cancel = specExample('request', 'cancel', '/pay/cancel');
  assert.deepEqual(failures('OrderLookupRequest', cancel), []);
  const { sign_type: _drop, ...withoutType } = cancel;
  assert.deepEqual(failures('OrderLookupRequest', withoutType), ['/sign_type']);
  assert.deepEqual(failures('OrderLookupRequest', { ...cancel, refund_amount: '0' }), ['/refund_amount']);
});

test('D-41: refund_order_id is a caller number of at most 64 characters from the order-number alphabet', () => {
  const refund = specExample('request', 'partial', '/pay/refund');
  assert.equal(nodeSigner.verify(refund, demo), true);
  assert.deepEqual(failures('RefundRequest', refund), []);
  assert.deepEqual(failures('RefundRequest', { ...refund, refund_order_id: 'R'.repeat(64) }), []);
  assert.deepEqual(failures('RefundRequest', { ...refund, refund_order_id: 'R'.repeat(65) }), ['/refund_order_id']);
  assert.deepEqual(failures('RefundRequest', { ...refund, refund_order_id: '退款1' }), ['/refund_order_id']);
});

test('D-42: the status callback carries sign and sign_type, signed over code, msg and data as compact JSON', () => {
  const callback = webhookExample('orderStatus', 'paid');
  assert.deepEqual(failures('StatusCallback', callback), []);
  assert.equal(nodeSigner.verify(callback, demo), true);
  const canonical = canonicalString(callback, DEMO_APP.secret);
  assert.match(canonical, /&data=\{"trade_no":"[^"]+","order_id":"[^"]+","update_time":"[^"]+","order_status":1\}&/);
  const { sign: _sign, sign_type: _type, ...unsigned } = callback;
  assert.deepEqual(failures('StatusCallback', unsigned), ['/sign', '/sign_type']);
});

test('D-43: times are `YYYY-MM-DD HH:mm:ss` with no zone (read as UTC+8); ISO 8601 and epoch seconds fail', () => {
  assert.deepEqual(failures('DateTime', '2026-11-26 10:30:05'), []);
  for (const bad of ['2026-11-26T10:30:05+08:00', '2026-11-26 10:30:05 +0800', '2026-11-26 10:30', 1_506_787_200]) {
    assert.deepEqual(failures('DateTime', bad), [''], String(bad));
  }
});

test('D-44: the query page names the channel `pay_channel`; `pay_type` there is an unknown field', () => {
  const order = specExample('response', 'paid', '/pay/get').data as Record<string, unknown>;
  assert.deepEqual(failures('OrderDetail', order), []);
  const { pay_channel, ...rest } = order;
  assert.deepEqual(failures('OrderDetail', { ...rest, pay_type: pay_channel }), ['/pay_channel', '/pay_type']);
  assert.deepEqual(failures('OrderDetail', { ...order, pay_channel: '0' }), ['/pay_channel']);
});
