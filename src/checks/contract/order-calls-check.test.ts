import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from '../../adapters/node/spec-file.ts';
import { createContractCheck } from './contract-check.ts';
import { createRunState, type Expectation, type RunState } from './check-context.ts';
import { canFollow, NEXT_STATUSES } from './order-transitions.ts';
import { responseSchemaFor } from './schema-check.ts';
import { isCalendarTime } from './rules/time-rules.ts';
import { TRANSITIONS, ORDER_STATUS } from '../../engine/order-record.ts';
import type { Finding } from './finding.ts';

const spec = loadSpec();
const check = createContractCheck(spec);
const APP = 'paycheck-demo-app';
const BASE = 'http://127.0.0.1:1';
const OK = { codes: [1000] } as const;

function exchange(state: RunState, path: string, request: Record<string, unknown>, body: unknown, expect: Expectation = OK) {
  return check({ request: { url: `${BASE}${path}`, json: { app_id: APP, sign: 'x', sign_type: 'MD5', ...request } }, response: { status: 200, headers: { 'content-type': 'application/json' }, body } }, expect, state);
}

const errorRules = (findings: Finding[]) => [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();

const PAID = { trade_no: 'LFT1', order_id: 'PC1', pay_type: 1, order_status: 1, total_amount: 10, payable_amount: 10, real_amount: 10, voucher_list: [] };
const T = '2026-11-26 10:30:00';

function detail(overrides: Record<string, unknown> = {}) {
  return {
    code: 1000, msg: '查询成功',
    data: {
      trade_no: 'LFT1', order_id: 'PC1', pay_channel: 1, order_status: 1, total_amount: 10, payable_amount: 10, real_amount: 10, refund_amount: 0,
      create_time: T, pay_time: T, update_time: T, voucher_list: [], refund_list: [], ...overrides,
    },
  };
}

function refunded(amount: number, total: number, status: number, id = 'RF1') {
  return { code: 1000, msg: '退款成功', data: { trade_no: 'LFT1', order_id: 'PC1', refund_order_id: id, refund_amount: amount, refunded_total: total, order_status: status, update_time: T } };
}

/** A run state that has seen PC1 paid 10.00. */
function paidState(): RunState {
  const state = createRunState();
  assert.deepEqual(errorRules(exchange(state, '/pay/qrcode', { order_id: 'PC1', pay_code: '284637162531748290', total_amount: '10.00' }, { code: 1000, msg: '支付成功', data: PAID }, { outcome: 'paid' }).findings), []);
  return state;
}

test('the response schema comes from the call and the code, as openapi.yaml declares them', () => {
  assert.equal(responseSchemaFor(spec, '/pay/qrcode', 1000), 'PaySuccess');
  assert.equal(responseSchemaFor(spec, '/pay/qrcode', 3004), 'PayError');
  assert.equal(responseSchemaFor(spec, '/pay/get', 1000), 'GetResponse/oneOf/0');
  assert.equal(responseSchemaFor(spec, '/pay/refund', 2001), 'PayError');
  assert.equal(responseSchemaFor(spec, '/pay/nothing', 1000), undefined);
  // a get answer judged by the get schema: a pay_type there is a stranger, and only that is said
  const { findings } = exchange(paidState(), '/pay/get', { order_id: 'PC1' }, detail({ pay_type: 1 }));
  assert.deepEqual(findings.map((f) => [f.rule, f.path]), [['schema', '$.data.pay_type']]);
});

test('a correct life passes every lifecycle rule: get, partial refund, refund of the rest, get, cancel refused', () => {
  const state = paidState();
  const steps: [string, Record<string, unknown>, unknown, Expectation?][] = [
    ['/pay/get', { trade_no: 'LFT1' }, detail()],
    ['/pay/refund', { order_id: 'PC1', refund_order_id: 'RF1', refund_amount: '4.00' }, refunded(4, 4, 3)],
    ['/pay/refund', { order_id: 'PC1', refund_order_id: 'RF2', refund_amount: 0 }, refunded(6, 10, 2, 'RF2')],
    ['/pay/get', { order_id: 'PC1' }, detail({ order_status: 2, refund_amount: 10, refund_time: T, refund_list: [{ refund_order_id: 'RF1', refund_amount: 4, refund_time: T }, { refund_order_id: 'RF2', refund_amount: 6, refund_time: T }] })],
    ['/pay/check', { refund_order_id: 'RF1' }, { code: 1000, msg: '查询成功', data: { trade_no: 'LFT1', order_id: 'PC1', refund_order_id: 'RF1', order_status: 2, check_time: T } }],
    ['/pay/check', { refund_order_id: 'RF9' }, { code: 4002, msg: '退款单不存在', data: {} }, { unknown: 'refund' }],
  ];
  for (const [path, request, body, expect] of steps) {
    const result = exchange(state, path, request, body, expect);
    assert.deepEqual(errorRules(result.findings), [], `${path}: ${JSON.stringify(result.findings)}`);
  }
});

test('each lifecycle rule is named by the breach it catches', () => {
  const cases: [string, (state: RunState) => Finding[]][] = [
    ['query-agrees-with-pay', (s) => exchange(s, '/pay/get', { order_id: 'PC1' }, detail({ pay_channel: 0 })).findings],
    ['query-agrees-with-pay', (s) => exchange(s, '/pay/get', { order_id: 'PC1' }, detail({ total_amount: 10.01, payable_amount: 10, real_amount: 10 })).findings],
    ['query-agrees-with-pay', (s) => exchange(s, '/pay/check', { order_id: 'PC1' }, { code: 1000, msg: 'ok', data: { trade_no: 'LFT1', order_id: 'PC1', order_status: 4, check_time: T } }).findings],
    ['lifecycle-echo', (s) => exchange(s, '/pay/get', { trade_no: 'LFT1' }, detail({ trade_no: 'LFT2' })).findings],
    ['refund-within-paid', (s) => exchange(s, '/pay/refund', { order_id: 'PC1', refund_order_id: 'RF1', refund_amount: '10.01' }, refunded(10.01, 10.01, 2)).findings],
    ['refund-within-paid', (s) => exchange(s, '/pay/refund', { order_id: 'PC1', refund_order_id: 'RF1', refund_amount: '0' }, refunded(9, 9, 3)).findings],
    ['refund-within-paid', (s) => exchange(s, '/pay/refund', { order_id: 'PC1', refund_order_id: 'RF1', refund_amount: '4.00' }, refunded(4, 4, 2)).findings],
    ['refund-within-paid', (s) => exchange(s, '/pay/get', { order_id: 'PC1' }, detail({ refund_amount: 3 })).findings],
    ['status-transition-legal', (s) => {
      exchange(s, '/pay/cancel', { order_id: 'PC1' }, { code: 1000, msg: '撤销成功', data: { trade_no: 'LFT1', order_id: 'PC1', order_status: 5, update_time: T } });
      return exchange(s, '/pay/get', { order_id: 'PC1' }, detail({ refund_amount: 10 })).findings;
    }],
    ['cancel-final', (s) => {
      exchange(s, '/pay/cancel', { order_id: 'PC1' }, { code: 1000, msg: '撤销成功', data: { trade_no: 'LFT1', order_id: 'PC1', order_status: 5, update_time: T } });
      return exchange(s, '/pay/cancel', { order_id: 'PC1' }, { code: 1000, msg: '撤销成功', data: { trade_no: 'LFT1', order_id: 'PC1', order_status: 5, update_time: T } }, { codes: [1000, 1005] }).findings;
    }],
    ['cancel-final', (s) => exchange(s, '/pay/cancel', { order_id: 'PC1' }, { code: 1000, msg: '撤销成功', data: { trade_no: 'LFT1', order_id: 'PC1', order_status: 1, update_time: T } }).findings],
    ['unknown-order', (s) => exchange(s, '/pay/get', { order_id: 'PC1' }, { code: 4001, msg: '原订单不存在', data: {} }, { codes: [4001] }).findings],
    ['unknown-order', (s) => exchange(s, '/pay/get', { order_id: 'PC9' }, detail({ order_id: 'PC9' }), { unknown: 'order' }).findings],
    ['time-format', (s) => exchange(s, '/pay/get', { order_id: 'PC1' }, detail({ update_time: '2026-02-30 10:30:00' })).findings],
    ['time-order', (s) => exchange(s, '/pay/get', { order_id: 'PC1' }, detail({ create_time: '2026-11-26 10:31:00' })).findings],
  ];
  for (const [rule, run] of cases) {
    const rules = errorRules(run(paidState()));
    assert.ok(rules.includes(rule), `${rule}: got ${rules.join(',')}`);
    assert.ok(rules.every((r) => [rule, 'schema', 'expected-outcome', 'query-agrees-with-pay', 'refund-within-paid', 'status-transition-legal'].includes(r)), `${rule}: also ${rules.join(',')}`);
  }
});

test('pay rules stay on the pay call: a get of a paying order answered 1000 is no code/status mismatch', () => {
  const state = createRunState();
  exchange(state, '/pay/qrcode', { order_id: 'PC1', pay_code: '284637162531748290', total_amount: '10.00' }, { code: 1002, msg: '等待用户付款', data: { ...PAID, order_status: 0, real_amount: 0 } }, { outcome: 'paying' });
  const result = exchange(state, '/pay/get', { order_id: 'PC1' }, detail({ order_status: 0, real_amount: 0, pay_time: undefined }));
  assert.deepEqual(errorRules(result.findings), []);
  assert.ok(!result.checked.includes('code-order-status'));
  assert.ok(result.checked.includes('query-agrees-with-pay'));
  // the paying order may settle paid: a later status, not a disagreement
  assert.deepEqual(errorRules(exchange(state, '/pay/get', { order_id: 'PC1' }, detail()).findings), []);
});

test('a failed refund (2002) leaves the order refund failed (-2): a query showing it is no disagreement', () => {
  const state = paidState();
  exchange(state, '/pay/refund', { order_id: 'PC1', refund_order_id: 'RF1', refund_amount: '1.00' }, { code: 2002, msg: '余额不足', data: {} }, { codes: [2002] });
  assert.deepEqual(errorRules(exchange(state, '/pay/get', { order_id: 'PC1' }, detail({ order_status: -2 })).findings), []);
  assert.deepEqual(errorRules(exchange(paidState(), '/pay/get', { order_id: 'PC1' }, detail({ order_status: -2 })).findings), ['query-agrees-with-pay']);
});

test('the transition table: documented moves, reachability, final states; every move the mock makes is one', () => {
  assert.ok(canFollow(0, 3)); // paid in between, unseen
  assert.ok(canFollow(3, 3));
  assert.ok(!canFollow(5, 1));
  assert.ok(!canFollow(2, 3));
  assert.ok(!canFollow(-1, 1));
  const statusOf = ORDER_STATUS as Readonly<Record<string, number>>;
  for (const [from, targets] of Object.entries(TRANSITIONS)) {
    for (const to of targets) assert.ok(canFollow(statusOf[from], statusOf[to]), `${from} → ${to}`);
  }
  assert.deepEqual(Object.keys(NEXT_STATUSES).map(Number).sort((a, b) => a - b), [-10, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
});

test('calendar times: the pattern is not enough', () => {
  assert.ok(isCalendarTime('2024-02-29 23:59:59'));
  assert.ok(!isCalendarTime('2025-02-29 10:00:00'));
  assert.ok(!isCalendarTime('2026-11-26 24:00:00'));
  assert.ok(!isCalendarTime('2026-13-01 10:00:00'));
});
