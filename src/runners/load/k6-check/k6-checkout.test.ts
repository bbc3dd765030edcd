/**
 * Runs the real k6 checkout script (src/runners/load/k6/checkout.ts) under Node for one cycle of its mix:
 * `k6/*` imports resolve to test doubles whose http.post sends every call to the mock engine and
 * whose sleep moves the engine's clock, so paying orders settle as the script waits. Asserts that
 * every request is schema-valid and correctly signed, that queries follow exactly the open pay
 * answers (1002, 5001) and cancels the orders still open at the deadline, that nothing is paid
 * twice, that every order ends in a final status, that the checks pass and the metrics count it —
 * and that the mock's journal of it passes the lifecycle audit at the scenario's time scale.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, manualClock } from '../../../engine/index.ts';
import { DEMO_APP } from '../../../kernel/settings.ts';
import { auditJournal } from '../../../checks/audit/audit.ts';
import { nodeSigner } from '../../../adapters/node/node-digests.ts';
import { loadSpec } from '../../../adapters/node/spec-file.ts';
import { compileSchemas } from '../../../kernel/spec/schemas.ts';
import { FOLLOW_UP_CHECKS } from '../request/follow-up-answer-checks.ts';
import { PAY_CHECKS } from '../request/pay-answer-checks.ts';
import { mixCycle, pendingMsOf } from '../profiles/checkout-mix.ts';
import { profileByName, type CheckoutProfile } from '../profiles/profiles.ts';
import { k6State } from './doubles/k6-state.ts';
import { loadK6Script, runIterations, type K6Script } from './k6-runner.ts';
import { readSummary } from '../merge/read-summary.ts';

const SCRIPT = new URL('../k6/checkout.ts', import.meta.url);
const spec = loadSpec();
const schemas = compileSchemas(spec);
const validBody = { '/pay/qrcode': schemas.validator('PayRequest'), '/pay/get': schemas.validator('OrderLookupRequest'), '/pay/cancel': schemas.validator('OrderLookupRequest') };
const checkout = profileByName('checkout') as CheckoutProfile;
const cycle = mixCycle(checkout.checkout.mix);

let script: K6Script;
const clock = manualClock();
const engine = createEngine({ spec, signer: nodeSigner, selfCheck: true, clock, pendingMs: pendingMsOf(checkout.checkout), slowMs: 0 });

/** Every call of the run, by order, in order: [path, code, order_status]. */
function trails(): Map<string, [string, number, number | undefined][]> {
  const byOrder = new Map<string, [string, number, number | undefined][]>();
  for (const post of k6State.posts) {
    const orderId = String(JSON.parse(post.body).order_id);
    const answer = JSON.parse(post.response.body) as { code: number; data: { order_status?: number } };
    const trail = byOrder.get(orderId) ?? [];
    trail.push([new URL(post.url).pathname, answer.code, answer.data.order_status]);
    byOrder.set(orderId, trail);
  }
  return byOrder;
}

before(async () => {
  script = await loadK6Script(SCRIPT, {}, 'checkout');
  k6State.reset();
  k6State.handler = engine.handle;
  k6State.onSleep = (seconds) => clock.advance(Math.round(seconds * 1000));
  runIterations(script, cycle.length);
});

test('every request is schema-valid, signed with the application, tagged with its call, and asks for the mix on the pay', () => {
  const paths = { pay: '/pay/qrcode', get: '/pay/get', cancel: '/pay/cancel' } as const;
  let pays = 0;
  for (const post of k6State.posts) {
    const path = new URL(post.url).pathname as keyof typeof validBody;
    const body = JSON.parse(post.body) as Record<string, unknown>;
    assert.ok(validBody[path](body), `${path}: ${JSON.stringify(validBody[path].errors)}`);
    assert.ok(nodeSigner.verify(body, { secret: DEMO_APP.secret, encoding: 'base64' }), `${path} signature`);
    assert.equal(paths[post.tags.endpoint as keyof typeof paths], path);
    if (path === '/pay/qrcode') assert.equal(post.headers['x-mock-scenario'], cycle[pays++]);
    else assert.equal(post.headers['x-mock-scenario'], undefined);
  }
  assert.equal(pays, cycle.length);
});

test('queries follow exactly the open answers until a final status; cancels only the orders still open at the deadline; nothing paid twice', () => {
  const byOrder = trails();
  assert.equal(byOrder.size, cycle.length);
  const seen = { paidAtOnce: 0, declined: 0, foundPaid: 0, foundClosed: 0, cancelled: 0 };
  for (const [orderId, trail] of byOrder) {
    const [[first, payCode], ...followUps] = trail;
    assert.equal(first, '/pay/qrcode', orderId);
    assert.equal(trail.filter(([path]) => path === '/pay/qrcode').length, 1, `${orderId} paid once`);
    if (payCode === 1000 || payCode === 1001) {
      assert.deepEqual(followUps, [], `${orderId}: nothing after ${payCode}`);
      seen[payCode === 1000 ? 'paidAtOnce' : 'declined']++;
      continue;
    }
    assert.ok(payCode === 1002 || payCode === 5001, `${orderId} pay ${payCode}`);
    const queries = followUps.filter(([path]) => path === '/pay/get');
    const cancels = followUps.filter(([path]) => path === '/pay/cancel');
    assert.ok(queries.length >= 1, `${orderId} queried`);
    // Every query but the last found the order still open; the last one, or the cancel, ends it.
    for (const [, code, status] of queries.slice(0, -1)) assert.deepEqual([code, status], [1000, payCode === 1002 ? 0 : -10]);
    const [, , lastStatus] = queries.at(-1)!;
    if (payCode === 1002) {
      assert.deepEqual(cancels, [], `${orderId}: settled by the customer, not cancelled`);
      assert.ok(lastStatus === 1 || lastStatus === 4, `${orderId} ended ${lastStatus}`);
      seen[lastStatus === 1 ? 'foundPaid' : 'foundClosed']++;
    } else {
      assert.equal(queries.length, 6, `${orderId}: a query every 250 ms up to the 1.5 s deadline`);
      assert.deepEqual(cancels, [['/pay/cancel', 1000, 5]], `${orderId}: one cancel, answered cancelled`);
      seen.cancelled++;
    }
  }
  const count = (scenario: string) => cycle.filter((k) => k === scenario).length;
  assert.deepEqual(seen, {
    paidAtOnce: count('SUCCESS'),
    declined: count('FAILED'),
    foundPaid: count('USER_PAYING'),
    foundClosed: count('USER_PAYING_ABANDONED'),
    cancelled: count('UNKNOWN_SLOW'),
  });
  assert.ok(k6State.sleeps.every((s) => s === 0.25), `every wait is the scaled 5 s: ${[...new Set(k6State.sleeps)]}`);
});

test('every check passes, and the metrics count each call by code and each order by its end', () => {
  assert.deepEqual(k6State.checks.filter((c) => !c.ok), []);
  assert.deepEqual(new Set(k6State.checks.map((c) => c.name)), new Set([...PAY_CHECKS, ...FOLLOW_UP_CHECKS]));
  const sum = (name: string) => (k6State.metrics.get(name)?.values ?? []).reduce((a, b) => a + b, 0);
  const count = (scenario: string) => cycle.filter((k) => k === scenario).length;
  assert.equal(sum('pay_code_1002'), count('USER_PAYING') + count('USER_PAYING_ABANDONED'));
  assert.equal(sum('cancel_code_1000'), count('UNKNOWN_SLOW'));
  assert.equal(sum('get_code_1000'), k6State.posts.filter((p) => p.url.endsWith('/pay/get')).length);
  assert.deepEqual(k6State.metrics.get('checkout_unsettled')?.values, Array(cycle.length).fill(0));
  assert.deepEqual(k6State.metrics.get('checkout_repaid')?.values, Array(cycle.length).fill(0));
  assert.equal(sum('checkout_outcome_cancelled'), count('UNKNOWN_SLOW'));
  assert.equal(sum('checkout_outcome_closed'), count('USER_PAYING_ABANDONED'));
  assert.equal(sum('checkout_mix_USER_PAYING'), count('USER_PAYING'));
});

test("the mock's journal of the run passes the lifecycle audit at the scenario's time scale", () => {
  const report = auditJournal(engine.journal.read().entries, { timeScale: checkout.checkout.timeScale });
  assert.deepEqual(report.findings, []);
  assert.equal(report.orders.length, cycle.length);
});

test('options: per-call thresholds on the endpoint tag, and room at the end for an order\'s follow-ups', () => {
  const { thresholds, scenarios } = script.options;
  assert.deepEqual(thresholds['http_req_duration{endpoint:pay}'], ['p(95)<250', 'p(99)<500']);
  assert.deepEqual(thresholds['http_req_failed{endpoint:cancel}'], ['rate<0.01']);
  assert.deepEqual(thresholds.checkout_unsettled, ['rate<0.01']);
  assert.deepEqual(thresholds.checkout_repaid, ['count<1']);
  assert.equal(scenarios.checkout.executor, 'ramping-arrival-rate');
  assert.ok(Number.parseFloat(scenarios.checkout.gracefulStop ?? '0') > 10);
});

test('handleSummary reports each call and the orders, and names a failed per-call threshold', () => {
  const trend = (p95: number) => ({ avg: 5, min: 1, med: 4, 'p(90)': p95, 'p(95)': p95, 'p(99)': p95, max: p95 });
  const files = script.handleSummary({
    metrics: {
      http_reqs: { type: 'counter', values: { count: 130, rate: 20 } },
      'http_req_duration{endpoint:pay}': { type: 'trend', values: trend(300), thresholds: { 'p(95)<250': { ok: false }, 'p(99)<500': { ok: true } } },
      'http_req_duration{endpoint:get}': { type: 'trend', values: trend(8), thresholds: { 'p(95)<200': { ok: true }, 'p(99)<400': { ok: true } } },
      // k6 passes a sub-metric with no samples; no cancel was sent, so the report does not.
      'http_req_duration{endpoint:cancel}': { type: 'trend', values: trend(0), thresholds: { 'p(95)<300': { ok: true }, 'p(99)<600': { ok: true } } },
      'http_req_failed{endpoint:pay}': { type: 'rate', values: { rate: 0, passes: 0, fails: 100 }, thresholds: { 'rate<0.01': { ok: true } } },
      'http_req_failed{endpoint:get}': { type: 'rate', values: { rate: 0, passes: 0, fails: 30 }, thresholds: { 'rate<0.01': { ok: true } } },
      'http_req_failed{endpoint:cancel}': { type: 'rate', values: { rate: 0, passes: 0, fails: 0 }, thresholds: { 'rate<0.01': { ok: true } } },
      checks: { type: 'rate', values: { rate: 1, passes: 520, fails: 0 }, thresholds: { 'rate>0.99': { ok: true } } },
      checkout_unsettled: { type: 'rate', values: { rate: 0, passes: 0, fails: 100 }, thresholds: { 'rate<0.01': { ok: true } } },
      checkout_repaid: { type: 'counter', values: { count: 0, rate: 0 }, thresholds: { 'count<1': { ok: true } } },
      pay_code_1000: { type: 'counter', values: { count: 88, rate: 1 } },
      pay_code_1002: { type: 'counter', values: { count: 12, rate: 1 } },
      get_code_1000: { type: 'counter', values: { count: 30, rate: 1 } },
      checkout_outcome_paid: { type: 'counter', values: { count: 96, rate: 1 } },
      checkout_outcome_closed: { type: 'counter', values: { count: 4, rate: 1 } },
      checkout_mix_SUCCESS: { type: 'counter', values: { count: 88, rate: 1 } },
    },
    state: { testRunDurationMs: 5_000 },
  });
  const summary = JSON.parse(files['reports/k6-summary.json']);
  assert.deepEqual(readSummary(summary, 'k6-summary.json'), summary, 'what the merge reads');
  assert.deepEqual(summary.endpoints.get, { sent: 30, answered: 30, failedRequests: { count: 0, rate: 0 }, latencyMs: { mean: 5, p50: 4, p90: 8, p95: 8, p99: 8, max: 8 }, codes: { '1000': 30 } });
  assert.deepEqual(summary.codes, { '1000': 88, '1002': 12 });
  assert.equal(summary.orders.finished, 100);
  assert.equal(summary.orders.outcomes.closed, 4);
  assert.equal(summary.orders.mix.SUCCESS, 88);
  assert.deepEqual(
    summary.thresholds.filter((t: { ok: boolean }) => !t.ok).map((t: { name: string }) => t.name),
    ['http_req_duration{endpoint:pay} p(95)<250', 'http_req_duration{endpoint:cancel} p(95)<300', 'http_req_duration{endpoint:cancel} p(99)<600', 'http_req_failed{endpoint:cancel} rate<0.01'],
  );
  assert.match(files.stdout, /cancel +0 sent/);
  assert.match(files.stdout, /orders +100 started, 100 finished: paid 96 · closed 4/);
});

test('each script runs its own kind of scenario only', async () => {
  await assert.rejects(loadK6Script(SCRIPT, { SCENARIO: 'smoke' }, 'checkout-smoke'), /SCENARIO: unknown "smoke" for this script; known: checkout/);
  await assert.rejects(loadK6Script(new URL('../k6/pay.ts', import.meta.url), { SCENARIO: 'checkout' }, 'pay-checkout'), /known: smoke, load, stress, spike, soak/);
});
