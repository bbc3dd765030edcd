import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from '../../adapters/node/spec-file.ts';
import { createContractCheck } from './contract-check.ts';
import { createRunState, type Expectation, type RunState } from './check-context.ts';
import { checkDuplicateGroup } from './rules/duplicate-rules.ts';
import { jsonPath, type Finding } from './finding.ts';
import { tallyOf, mergeTallies } from './tally.ts';

const check = createContractCheck(loadSpec());
const ALIPAY_CODE = '284637162531748290';
const WECHAT_CODE = '134567890123456789';

function request(payCode = ALIPAY_CODE) {
  return { app_id: 'a', sign: 'x', sign_type: 'MD5', order_id: 'PC1', pay_code: payCode, total_amount: '11.00' };
}

function paid(overrides: Record<string, unknown> = {}) {
  return {
    code: 1000,
    msg: '支付成功',
    data: {
      trade_no: 'LFT1', order_id: 'PC1', pay_type: 1, order_status: 1, total_amount: 11, payable_amount: 10, real_amount: 9,
      voucher_list: [{ id: 'V1', name: 'XX超市5折优惠', scope: '1', amount: 10, merchant_contribute: 9, other_contribute: 1, purchase_ant_contribute: 0.82 }],
      ...overrides,
    },
  };
}

function run(body: unknown, opts: { req?: unknown; expect?: Expectation; state?: RunState; status?: number; type?: string } = {}) {
  return check(
    { request: { json: opts.req ?? request() }, response: { status: opts.status ?? 200, headers: { 'content-type': opts.type ?? 'application/json' }, body } },
    opts.expect ?? { outcome: 'paid' },
    opts.state ?? createRunState(),
  );
}

const errorRules = (findings: Finding[]) => [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();

test('the seed example, corrected, passes every rule and counts them as checked', () => {
  const result = run(paid());
  assert.deepEqual(result.findings, []);
  for (const rule of ['reading', 'schema', 'code-order-status', 'amount-order', 'voucher-sum', 'pay-type-channel', 'order-id-echo', 'trade-no-unique']) {
    assert.ok(result.checked.includes(rule as never), rule);
  }
});

test('each business rule is named by the breach it catches', () => {
  const cases: [string, unknown, unknown?][] = [
    ['code-order-status', { ...paid(), code: 1002, data: { ...paid().data, real_amount: 0, order_status: 1 } }],
    ['real-amount-unpaid', { code: 1001, msg: '支付失败', data: { ...paid().data, order_status: -1, real_amount: 5 } }],
    ['amount-order', paid({ payable_amount: 12 })],
    ['amount-order', paid({ real_amount: 10.5 })],
    ['amount-format', paid({ real_amount: 0.30000000000000004 })],
    ['total-amount-echo', paid({ total_amount: 12, payable_amount: 10 })],
    ['voucher-sum', paid({ voucher_list: [{ id: 'V', name: 'n', amount: 10, merchant_contribute: 9, other_contribute: 2, purchase_ant_contribute: 0 }] })],
    ['voucher-channel-fields', paid({ pay_type: 0, voucher_list: [{ id: 'V', name: 'n', scope: '1', amount: 1, merchant_contribute: 1 }] }), request(WECHAT_CODE)],
    ['pay-type-channel', paid({ pay_type: 0 })],
    ['order-id-echo', paid({ order_id: 'PC2' })],
    ['trade-no-present', paid({ trade_no: ' ' })],
  ];
  for (const [rule, body, req] of cases) {
    const rules = errorRules(run(body, { req }).findings);
    assert.ok(rules.includes(rule), `${rule}: got ${rules.join(',')}`);
    assert.ok(rules.every((r) => r === rule || r === 'schema' || r === 'expected-outcome'), `${rule}: also ${rules.join(',')}`);
  }
});

test('a WeChat voucher needs activity_id and type; the other channel\'s field on it is a reading (D-9), failed only when demanded', () => {
  const wechat = { id: 'V', name: 'n', activity_id: 'A1', type: 'COUPON', scope: '1', amount: 1, merchant_contribute: 1, other_contribute: 0 };
  assert.deepEqual(errorRules(run(paid({ pay_type: 0, voucher_list: [wechat] }), { req: request(WECHAT_CODE) }).findings), []);
  const bad = run(paid({ pay_type: 0, voucher_list: [{ ...wechat, activity_id: undefined, purchase_ant_contribute: 0.1 }] }), { req: request(WECHAT_CODE) });
  assert.deepEqual(bad.findings.filter((f) => f.rule === 'voucher-channel-fields').map((f) => f.path), ['$.data.voucher_list[0].activity_id']);
  assert.ok(bad.observed.readings.some((r) => r.name === 'voucher-fields' && r.value === 'allowed'));
  const foreign = paid({ pay_type: 0, voucher_list: [{ ...wechat, purchase_ant_contribute: 0.1 }] });
  assert.deepEqual(errorRules(run(foreign, { req: request(WECHAT_CODE) }).findings), []);
  assert.deepEqual(errorRules(run(foreign, { req: request(WECHAT_CODE), state: createRunState({ demands: new Map([['voucher-fields', 'absent']]) }) }).findings), ['reading']);
});

test('an Alipay voucher without purchase_ant_contribute shows the reading "only when bought" (D-52)', () => {
  const { purchase_ant_contribute: _, ...bare } = paid().data.voucher_list[0];
  const result = run(paid({ voucher_list: [bare] }));
  assert.deepEqual(errorRules(result.findings), []);
  assert.ok(result.observed.readings.some((r) => r.name === 'purchase-ant' && r.value === 'when-bought'));
  assert.deepEqual(run(paid()).observed.readings.map((r) => r.name), ['pay-type', 'order-status'], 'with it: paycheck\'s reading, and nothing to show');
});

test('pay_type and order_status as the table\'s strings (D-4, D-5): read as numbers, reported, refused under a demand or when mixed', () => {
  const strings = paid({ pay_type: '1', order_status: '1' });
  const either = run(strings);
  assert.deepEqual(errorRules(either.findings), [], JSON.stringify(either.findings));
  assert.deepEqual(either.observed.readings.map((r) => `${r.name}=${r.value}`), ['pay-type=string', 'order-status=string']);
  assert.equal(either.findings.length, 0, 'a reading is observed, not a finding');
  assert.ok(either.checked.includes('code-order-status') && either.checked.includes('pay-type-channel'));
  const demanded = run(strings, { state: createRunState({ demands: new Map([['pay-type', 'number']]) }) });
  assert.deepEqual(errorRules(demanded.findings), ['reading']);
  assert.match(demanded.findings.find((f) => f.severity === 'error')?.message ?? '', /PAY_PAY_TYPE=number demands pay_type read as the number 0 \/ 1/);
  const mixed = createRunState();
  run(strings, { state: mixed });
  const second = run(paid({ order_id: 'PC1', trade_no: 'LFT2' }), { state: mixed });
  assert.deepEqual(errorRules(second.findings), ['reading']);
  assert.match(second.findings.find((f) => f.severity === 'error')?.message ?? '', /mixes readings of pay_type \(D-4\): string earlier in this run, number now/);
  assert.deepEqual(errorRules(run(paid({ pay_type: '2' })).findings), ['pay-type-channel', 'schema'], 'a string that is no pay_type at all is no reading');
});

test('pay_type as a word: the schema and the channel rule both say where and what', () => {
  const { findings } = run(paid({ pay_type: 'alipay' }));
  const schema = findings.find((f) => f.rule === 'schema' && f.path === '$.data.pay_type');
  assert.ok(schema, JSON.stringify(findings));
  assert.equal(schema.actual, '"alipay"');
  const rule = findings.find((f) => f.rule === 'pay-type-channel');
  assert.equal(rule?.expected, '1 (alipay pay code)');
});

test('schema findings: a missing field, an extra one, a non-empty error data, each with its path', () => {
  const { data } = paid();
  const { trade_no: _, ...withoutTradeNo } = data;
  const missing = run({ code: 1000, msg: 'ok', data: withoutTradeNo }).findings.find((f) => f.path === '$.data.trade_no' && f.rule === 'schema');
  assert.equal(missing?.expected, 'present');
  assert.equal(missing?.actual, '(absent)');
  const extra = run({ ...paid(), status: 1000 }).findings.find((f) => f.rule === 'schema');
  assert.equal(extra?.path, '$.status');
  const errorWithData = run({ code: 3004, msg: '签名验证失败', data: { order_id: 'x' } }, { expect: { fault: 'signature' } });
  assert.deepEqual(errorRules(errorWithData.findings), ['schema']);
  assert.equal(jsonPath('/data/voucher_list/0/a~1b'), '$.data.voucher_list[0]["a/b"]');
});

test('transport: a non-200, a non-JSON body and no answer at all are findings, not exceptions', () => {
  assert.ok(run(paid(), { status: 500 }).findings.some((f) => f.rule === 'transport' && f.path === 'HTTP status'));
  assert.equal(run(paid(), { type: 'text/plain' }).findings.find((f) => f.rule === 'transport')?.severity, 'warning');
  const notJson = check({ request: { json: request() }, response: { status: 200, headers: {}, parseError: 'Unexpected token' } });
  assert.deepEqual(notJson.checked, ['transport']);
  assert.equal(notJson.findings.length, 2);
  const none = check({ request: { json: request() }, transportError: 'ECONNREFUSED' });
  assert.equal(none.findings[0].actual, 'ECONNREFUSED');
});

test('trade_no must be unique across a run', () => {
  const state = createRunState();
  assert.deepEqual(run(paid(), { state }).findings, []);
  const again = run(paid({ order_id: 'PC2' }), { state, req: { ...request(), order_id: 'PC2' } });
  assert.deepEqual(errorRules(again.findings), ['trade-no-unique']);
  assert.match(again.findings[0].message, /already given to order PC1/);
});

test('fault classes accept either dialect, report which, and refuse the other under a demand', () => {
  const table = { code: 2000, msg: '签名错误', data: {} };
  const flowchart = { code: 3004, msg: '签名验证失败', data: {} };
  const either = run(table, { expect: { fault: 'signature' } });
  assert.deepEqual(errorRules(either.findings), []);
  assert.deepEqual(either.observed.readings, [{ name: 'error-codes', value: 'table' }]);
  const flowchartDemand = () => createRunState({ demands: new Map([['error-codes', 'flowchart']]) });
  assert.deepEqual(errorRules(run(table, { expect: { fault: 'signature' }, state: flowchartDemand() }).findings), ['reading']);
  assert.deepEqual(errorRules(run(flowchart, { expect: { fault: 'signature' }, state: flowchartDemand() }).findings), []);
  const mixed = createRunState();
  run(flowchart, { expect: { fault: 'signature' }, state: mixed });
  const second = run({ code: 3000, msg: 'APPID错误', data: {} }, { expect: { fault: 'appId' }, state: mixed });
  assert.deepEqual(errorRules(second.findings), ['reading']);
  assert.match(second.findings.find((f) => f.severity === 'error')?.message ?? '', /mixes readings of error codes \(D-17\)/);
  const wrong = run({ code: 3001, msg: '参数缺失', data: {} }, { expect: { fault: 'signature' } });
  assert.deepEqual(errorRules(wrong.findings), ['expected-outcome']);
  assert.equal(wrong.findings[0].expected, '3004 (flowchart) or 2000 (table) for signature');
});

test('a reading shown by its code: a paid repeat is 1003 or 1007 (D-34), anything else is the wrong outcome', () => {
  const expect = { reading: 'repeat-of-paid' } as const;
  for (const code of [1003, 1007]) {
    const result = run({ code, msg: 'm', data: {} }, { expect });
    assert.deepEqual(errorRules(result.findings), []);
    assert.deepEqual(result.observed.readings, [{ name: 'repeat-of-paid', value: String(code) }]);
  }
  const wrong = run({ code: 1006, msg: 'm', data: {} }, { expect });
  assert.deepEqual(errorRules(wrong.findings), ['expected-outcome']);
  assert.equal(wrong.findings[0].expected, '1003 (a repeat of a paid order 1003) or 1007 (a repeat of a paid order 1007)');
  assert.deepEqual(errorRules(run({ code: 1007, msg: 'm', data: {} }, { expect, state: createRunState({ demands: new Map([['repeat-of-paid', '1003']]) }) }).findings), ['reading']);
});

test('a strict limit: held or not is observed; not held is reported, an error only under PAY_STRICT=1', () => {
  const strict = { decision: 'D-38', limit: 'goods_list of at most 200 lines' };
  const expect = { fault: 'format', strict } as const;
  const held = run({ code: 3002, msg: '参数值格式错误', data: {} }, { expect });
  assert.deepEqual(held.findings, []);
  assert.deepEqual(held.observed.strict, [{ ...strict, held: true, answer: '3002' }]);
  const lenient = run(paid(), { expect });
  assert.deepEqual(errorRules(lenient.findings), [], 'a lenient target is not broken, and its answer met every other rule');
  assert.equal(lenient.findings.find((f) => f.rule === 'strict-limit')?.severity, 'info');
  assert.deepEqual(lenient.observed.strict, [{ ...strict, held: false, answer: '1000' }]);
  assert.ok(lenient.checked.includes('schema') && lenient.checked.includes('amount-order') && !lenient.checked.includes('expected-outcome'));
  const demanded = run(paid(), { expect, state: createRunState({ strict: true }) });
  assert.deepEqual(errorRules(demanded.findings), ['strict-limit']);
  assert.match(demanded.findings[0].message, /does not hold paycheck's own limit D-38 \(goods_list of at most 200 lines\).*PAY_STRICT=1 demands it/);
});

test('parallel duplicates: a second success is named', () => {
  assert.deepEqual(checkDuplicateGroup([paid(), { code: 1007 }, { code: 1007 }]), []);
  assert.equal(checkDuplicateGroup([paid(), { code: 1007 }, paid()])[0].rule, 'duplicate-single-success');
});

test('tallies count each applied rule once per exchange and add up', () => {
  const good = tallyOf(run(paid()));
  const bad = tallyOf(run(paid({ pay_type: 0 })));
  assert.deepEqual(good['pay-type-channel'], { checked: 1, passed: 1, failed: 0 });
  const total = mergeTallies(mergeTallies({}, good), bad);
  assert.deepEqual(total['pay-type-channel'], { checked: 2, passed: 1, failed: 1 });
  assert.equal(total['voucher-sum']?.failed, 0);
});
