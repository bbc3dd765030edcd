import { test } from 'node:test';
import { SIGN_DIAGNOSES_PER_SECOND } from './steps/signature.ts';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DEMO_APP } from '../kernel/settings.ts';
import { payParams, payRequest, sign, signedPay, testEngine, type Envelope } from '../../test/support/signed-request.ts';
import type { MockRequest } from './types.ts';

const code = (response: { body: string }) => (JSON.parse(response.body) as Envelope).code;
const get = (path: string, query?: string): MockRequest => ({ method: 'GET', path, query, headers: {}, body: '' });

test("the engine's numeric options given in code are held to their ranges: a slow delay past setTimeout's ceiling would fire at once", () => {
  assert.throws(() => testEngine({ slowMs: 3_000_000_000 }), { name: 'RangeError', message: 'slowMs must be a whole number from 0 to 2147483647; got 3000000000' });
  assert.throws(() => testEngine({ pendingMs: -1 }), { message: 'pendingMs must be a whole number from 0 to 2147483647; got -1' });
  assert.throws(() => testEngine({ storeCap: 1 }), { message: 'the store cap must be a whole number from 2 to 10000000; got 1' });
  assert.throws(() => testEngine({ journalCap: 1_000_001 }), { message: 'the journal cap must be a whole number from 1 to 1000000; got 1000001' });
});

test('a paying order settles on the clock: a repeat sees 1007 while paying, 1003 once paid', () => {
  const { engine, clock } = testEngine({ pendingMs: 10_000 });
  const params = signedPay({ total_amount: '0.30' });
  assert.equal(code(engine.handle(payRequest(params))), 1002);
  clock.advance(9_999);
  assert.equal(code(engine.handle(payRequest(params))), 1007);
  clock.advance(1);
  assert.equal(code(engine.handle(payRequest(params))), 1003);
  const view = JSON.parse(engine.handle(get(`/__mock/orders/${String(params.order_id)}`)).body) as { state: string; history: { to: string }[] };
  assert.equal(view.state, 'paid');
  assert.deepEqual(view.history.map((t) => t.to), ['paying', 'paid']);
});

test('USER_PAYING_FAILS settles to failed: the repeat stays 1007', () => {
  const { engine, clock } = testEngine({ pendingMs: 1_000 });
  const params = signedPay();
  assert.equal(code(engine.handle(payRequest(params, { 'x-mock-scenario': 'USER_PAYING_FAILS' }))), 1002);
  clock.advance(1_000);
  assert.equal(code(engine.handle(payRequest(params))), 1007);
  assert.equal((JSON.parse(engine.handle(get(`/__mock/orders/${String(params.order_id)}`)).body) as { state: string }).state, 'failed');
});

test('scenario precedence: header, then the configured scenario, then the amount', () => {
  const { engine } = testEngine({ scenario: 'FAILED' });
  assert.equal(code(engine.handle(payRequest(signedPay({ total_amount: '0.30' })))), 1001, 'configured beats amount');
  assert.equal(code(engine.handle(payRequest(signedPay({ total_amount: '0.32' }), { 'x-mock-scenario': 'SUCCESS' }))), 1000, 'header beats both');
  assert.throws(() => testEngine({ scenario: 'NOPE' }), /unknown "NOPE"/);
});

test('unreadable control headers are HTTP 400 with a reason, not an API code', () => {
  const { engine } = testEngine();
  for (const [name, value] of [['x-mock-scenario', 'NOPE'], ['x-mock-fault', 'explode'], ['x-mock-latency', 'slow']]) {
    const response = engine.handle(payRequest(signedPay(), { [name]: value }));
    assert.equal(response.status, 400, name);
    assert.match(response.body, /PAYCHECK_MOCK_CONTROL/);
  }
  assert.equal(engine.orders.size, 0);
});

test('global faults roll their rate per request on the injected random', () => {
  const rolls = [0.1, 0.9];
  const { engine } = testEngine({ faults: 'system-error:0.5', random: () => rolls.shift() ?? 0.9 });
  assert.equal(code(engine.handle(payRequest(signedPay()))), 5001);
  assert.equal(code(engine.handle(payRequest(signedPay()))), 1000);
});

test('latency: the header wins over the configured one; a range is picked with the injected random', () => {
  const { engine } = testEngine({ latency: '100-200', random: () => 0.5 });
  assert.equal(engine.handle(payRequest(signedPay())).delayMs, 150);
  assert.equal(engine.handle(payRequest(signedPay(), { 'x-mock-latency': '7' })).delayMs, 7);
  const slow = engine.handle(payRequest(signedPay({ total_amount: '0.31' }), { 'x-mock-latency': '7' }));
  assert.equal(slow.delayMs, 65_007, 'a slow scenario adds its delay');
});

test('the token bucket per app_id answers 5002 when empty and refills on the clock', () => {
  const { engine, clock } = testEngine({ rateLimit: { perSecond: 1, burst: 2 } });
  assert.deepEqual([1, 2, 3].map(() => code(engine.handle(payRequest(signedPay())))), [1000, 1000, 5002]);
  clock.advance(1_000);
  assert.equal(code(engine.handle(payRequest(signedPay()))), 1000);
  assert.equal(code(engine.handle(payRequest(signedPay({ app_id: 'nobody' })))), 3003, 'unknown apps take no token');
});

test('several applications: each its own secret and order ids; a disabled one is 5000', () => {
  const other = { appId: 'second-app', secret: 'second-secret' };
  const { engine } = testEngine({ apps: [DEMO_APP, other, { appId: 'off', secret: 's', enabled: false }] });
  const orderId = 'SHARED1';
  assert.equal(code(engine.handle(payRequest(signedPay({ order_id: orderId })))), 1000);
  const second = sign(payParams({ app_id: other.appId, order_id: orderId }), { secret: other.secret });
  assert.equal(code(engine.handle(payRequest(second))), 1000, 'same order id, other app');
  assert.equal(code(engine.handle(payRequest(sign(payParams({ app_id: other.appId }))))), 3004, 'signed with the wrong secret');
  assert.equal(code(engine.handle(payRequest(sign(payParams({ app_id: 'off' }), { secret: 's' })))), 5000);
  assert.equal(engine.handle(get(`/__mock/orders/${orderId}`, 'app_id=second-app')).status, 200);
});

test('admin routes: health, scenarios, one order, reset; wrong method 405, unknown 404', () => {
  const { engine } = testEngine();
  const params = signedPay();
  engine.handle(payRequest(params));
  const health = JSON.parse(engine.handle(get('/__mock/health')).body) as { ok: boolean; orders: number; answers: Record<string, number> };
  assert.deepEqual([health.ok, health.orders, health.answers['1000']], [true, 1, 1]);
  assert.match(engine.handle(get('/__mock/scenarios')).body, /USER_PAYING/);
  assert.equal(engine.handle(get('/__mock/orders/NOPE')).status, 404);
  assert.equal(engine.handle(get('/__mock/orders/%E0%A4%A')).status, 400);
  assert.equal(engine.handle(get('/__mock/reset')).status, 405);
  assert.equal(engine.handle({ ...get('/__mock/reset'), method: 'POST' }).body, '{"ok":true,"cleared":1}');
  assert.equal(engine.handle(get(`/__mock/orders/${String(params.order_id)}`)).status, 404, 'gone after reset');
  assert.equal(engine.handle(get('/__mock/constructor')).status, 404);
  assert.equal(engine.handle(get('/nowhere')).status, 404);
  assert.equal(engine.handle(get('/pay/qrcode')).status, 405);
});

test('a snapshot carries the orders, their state and history into a new engine', () => {
  const { engine } = testEngine();
  const paid = signedPay();
  const paying = signedPay({ total_amount: '0.30' });
  engine.handle(payRequest(paid));
  engine.handle(payRequest(paying));
  const text = engine.orders.snapshot();
  const { engine: restarted } = testEngine();
  assert.equal(restarted.orders.restore(text, 'snap'), 2);
  assert.equal(code(restarted.handle(payRequest(paid))), 1003);
  assert.equal(code(restarted.handle(payRequest(paying))), 1007);
  assert.throws(() => restarted.orders.restore('{"version":2,"orders":[{"appId":1}]}', 'snap'), /malformed/);
  assert.throws(() => restarted.orders.restore('{"version":3,"orders":[]}', 'snap'), /not a version 2/);
  assert.throws(() => restarted.orders.restore('nope', 'snap'), /not JSON/);
});

test('a version 1 snapshot (whole history, updatedAt) still restores, its creation not counted as a move', () => {
  const v1 = {
    version: 1,
    orders: [
      {
        appId: DEMO_APP.appId, orderId: 'V1', tradeNo: 'LFT1', payType: 0, scenario: 'SUCCESS', totalFen: 100, payableFen: 100, chargeFen: 100, vouchers: [],
        state: 'cancelled', createdAt: 1_000, updatedAt: 2_000, pending: undefined, refundedFen: 100, refunds: [], callbackVariants: undefined,
        history: [{ from: null, to: 'paid', at: 1_000 }, { from: 'paid', to: 'cancelled', at: 2_000 }], storeInfo: undefined, goodsList: undefined,
      },
    ],
  };
  const { engine } = testEngine();
  assert.equal(engine.orders.restore(JSON.stringify(v1), 'snap'), 1);
  const view = JSON.parse(engine.handle(get('/__mock/orders/V1')).body) as { history: { from: string | null; to: string; at_ms: number }[]; updated_at: string };
  assert.deepEqual(view.history.map((t) => [t.from, t.to, t.at_ms]), [[null, 'paid', 1_000], ['paid', 'cancelled', 2_000]]);
  assert.equal(view.updated_at, new Date(2_000).toISOString());
});

test('reject gives the format envelope in the configured dialect', () => {
  const { engine } = testEngine({ dialect: 'table' });
  const response = engine.reject('format', 'too big');
  assert.equal(code(response), 3002);
  assert.equal(response.headers['x-mock-reason'], 'too big');
});

test('the engine shows its interface only: no store, clock or journal object to reach into', () => {
  const { engine } = testEngine();
  assert.deepEqual(Object.keys(engine).sort(), ['dialect', 'handle', 'journal', 'orders', 'outbox', 'reject', 'reset', 'settleDue']);
  assert.deepEqual(Object.keys(engine.journal), ['read']);
  assert.deepEqual(Object.keys(engine.orders).sort(), ['restore', 'size', 'snapshot']);
});

test('a refused sign is journalled with its diagnosis: the masked string the mock signed and the mistake that made the sign', () => {
  const { engine } = testEngine();
  const params = payParams();
  // The secret under the key spelt right: the platform spells it app_sercet.
  const wrong = Object.keys(params).concat('app_secret').sort().map((k) => `${k}=${k === 'app_secret' ? DEMO_APP.secret : String(params[k])}`).join('&');
  const sent = { ...params, sign: Buffer.from(createHash('md5').update(wrong).digest('hex').toUpperCase()).toString('base64') };
  assert.equal(code(engine.handle(payRequest(sent))), 3004);
  assert.equal(code(engine.handle(payRequest(sign(payParams())))), 1000);
  const [refused, paid] = (JSON.parse(engine.handle(get('/__mock/journal')).body) as { entries: { sign_diagnosis?: { signed: string; mistakes: { id: string }[] } }[] }).entries;
  assert.deepEqual(refused.sign_diagnosis?.mistakes.map((m) => m.id), ['secret-key-app_secret']);
  assert.match(refused.sign_diagnosis!.signed, /&app_sercet=\*\*\*&order_id=.*pay_code=1345\*{10}6789/);
  assert.equal(JSON.stringify(refused).includes(DEMO_APP.secret), false, 'the secret is never in the journal');
  assert.equal(paid.sign_diagnosis, undefined);
});

test('refused signs are diagnosed up to SIGN_DIAGNOSES_PER_SECOND a second; the rest are journalled without one, until the next second', () => {
  const { engine, clock } = testEngine({ journalCap: 1_000 });
  const refuse = (n: number) => {
    for (let i = 0; i < n; i++) assert.equal(code(engine.handle(payRequest({ ...signedPay({ order_id: `BAD${clock.now()}_${i}` }), sign: signedPay({ order_id: 'ANOTHER' }).sign }))), 3004);
  };
  const diagnosed = () => (JSON.parse(engine.handle(get('/__mock/journal')).body) as { entries: { sign_diagnosis?: object }[] }).entries.map((e) => e.sign_diagnosis !== undefined);
  refuse(SIGN_DIAGNOSES_PER_SECOND + 10);
  assert.deepEqual(diagnosed(), [...Array(SIGN_DIAGNOSES_PER_SECOND).fill(true), ...Array(10).fill(false)]);
  clock.advance(1_000);
  refuse(1);
  assert.equal(diagnosed().at(-1), true, 'a new second, a new budget');
});

test('the journal carries the delay the mock added before answering', () => {
  const { engine } = testEngine();
  engine.handle(payRequest(signedPay(), { 'x-mock-latency': '7' }));
  engine.handle(payRequest(signedPay()));
  const entries = (JSON.parse(engine.handle(get('/__mock/journal')).body) as { entries: { delay_ms?: number }[] }).entries;
  assert.deepEqual(entries.map((e) => e.delay_ms), [7, undefined]);
});
