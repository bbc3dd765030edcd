import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageOf, type Code } from '../kernel/codes.ts';
import { envelopeBody } from './envelope.ts';

test('an envelope with data is byte for byte what JSON.stringify makes of the whole envelope', () => {
  const data = { trade_no: 'LFT1', order_id: 'A-1', pay_type: 0, order_status: 1, total_amount: 12.3, payable_amount: 11.07, real_amount: 0.01, voucher_list: [{ id: 'V1', name: 'paycheck 模拟代金券', amount: 1 }], note: 'quote " and \\ and \u2028' };
  for (const [code, msg] of [[1000, undefined], [1002, undefined], [1000, '撤销成功'], [1000, 'plain "ascii"']] as const) {
    const expected = JSON.stringify({ code, msg: msg ?? messageOf(code as Code), data });
    assert.equal(envelopeBody({ code: code as Code, msg, data }), expected, `${code} ${msg}`);
    assert.equal(envelopeBody({ code: code as Code, msg, data }), expected, 'and again, from the cached head');
  }
});

test('an envelope without data carries an empty object', () => {
  assert.equal(envelopeBody({ code: 3004 }), JSON.stringify({ code: 3004, msg: messageOf(3004), data: {} }));
});
