/** Which code answers which fault: the flowchart's dialect against the seed table's (D-17, D-34, D-35). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODES, DIALECT_CODES, codeEntry, messageOf, parseErrorDialect, type Code } from '../../src/kernel/codes.ts';
import { failures } from './schema-findings.ts';

test('D-17: each fault class has one code per dialect — 3003/3004/1007 (flowchart) against 3000/2000/1003 (table)', () => {
  assert.deepEqual(DIALECT_CODES, {
    missing: { flowchart: 3001, table: 3001 },
    format: { flowchart: 3002, table: 3002 },
    appId: { flowchart: 3003, table: 3000 },
    signature: { flowchart: 3004, table: 2000 },
    duplicateOrder: { flowchart: 1007, table: 1003 },
    alreadyPaid: { flowchart: 1003, table: 1003 },
  });
  assert.equal(parseErrorDialect(undefined, 'PAY_ERROR_CODES'), 'flowchart', 'the flowchart is the default');
  assert.equal(parseErrorDialect('table', 'PAY_ERROR_CODES'), 'table');
  assert.throws(() => parseErrorDialect('seed', 'PAY_ERROR_CODES'), /PAY_ERROR_CODES/);
});

test('D-17: both dialects\' codes are valid error envelopes; the registry tags each with the dialects that answer it and its message with its source', () => {
  const bothDialects: readonly Code[] = [2000, 3000, 3001, 3002, 3003, 3004, 1003, 1007];
  for (const code of bothDialects) {
    assert.deepEqual(failures('PayError', { code, msg: messageOf(code), data: {} }), [], String(code));
  }
  // A code only one dialect answers a fault with is that dialect's; every other code both answer (1001 and 1002 too: the flowchart shows neither).
  const answeredBy = (code: number) => (['flowchart', 'table'] as const).filter((d) => Object.values(DIALECT_CODES).some((pair) => pair[d] === code));
  for (const entry of CODES) {
    const by = answeredBy(entry.code);
    assert.equal(entry.dialect, by.length === 1 ? by[0] : 'both', String(entry.code));
  }
  // The words the sources give: the seed's example and error table, the flowchart; the rest are paycheck's (platform-facts §2 is in English).
  const fromSources = CODES.filter((c) => c.msgSource !== 'paycheck').map((c) => `${c.code} ${c.msg} (${c.msgSource})`);
  assert.deepEqual(fromSources, [
    '1000 支付成功 (seed example)', '1003 订单已支付 (seed error table)', '1007 业务订单号重复 (flowchart)', '2000 签名错误 (seed error table)',
    '3000 APPID错误 (seed error table)', '3001 参数缺失 (flowchart)', '3002 参数值格式错误 (flowchart)', '3003 AppID错误 (flowchart)', '3004 签名验证失败 (flowchart)',
  ]);
  assert.equal(messageOf(2000), '签名错误');
  assert.equal(messageOf(3004), '签名验证失败');
});

test('D-34: a repeat of a paid order is 1003 in both dialects; any other repeat is 1007 (flowchart) or 1003 (table)', () => {
  assert.equal(DIALECT_CODES.alreadyPaid.flowchart, 1003);
  assert.equal(DIALECT_CODES.alreadyPaid.table, 1003);
  assert.equal(DIALECT_CODES.duplicateOrder.flowchart, 1007);
  assert.equal(DIALECT_CODES.duplicateOrder.table, 1003);
  assert.match(codeEntry(1003)?.meaning ?? '', /already paid/);
  assert.match(codeEntry(1007)?.meaning ?? '', /duplicate business order number/);
});

test('D-35: 1003 (订单已支付, duplicate payment) and 1006 (already paid, when closing) are distinct; no pay fault maps to 1006', () => {
  assert.equal(messageOf(1003), '订单已支付');
  assert.notEqual(messageOf(1006), messageOf(1003));
  assert.match(codeEntry(1006)?.meaning ?? '', /closing/);
  const answered = Object.values(DIALECT_CODES).flatMap((byDialect) => Object.values(byDialect));
  assert.equal(answered.includes(1006), false);
  assert.equal(new Set(CODES.map((entry) => entry.code)).size, CODES.length, 'one entry per code');
});
