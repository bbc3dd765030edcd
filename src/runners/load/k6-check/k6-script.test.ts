/**
 * Runs the real k6 script (src/runners/load/k6/pay.ts) under Node: `k6/*` imports resolve to test doubles
 * (k6-module-hooks.ts) whose http.post calls the mock engine. Asserts that every request the
 * script builds is a schema-valid, correctly signed order with its own order_id, that the
 * engine pays it, that every check passes and the custom metrics count it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../engine/index.ts';
import { channelOfPayCode } from '../../../kernel/channel.ts';
import { DEMO_APP } from '../../../kernel/settings.ts';
import { nodeSigner } from '../../../adapters/node/node-digests.ts';
import { loadSpec } from '../../../adapters/node/spec-file.ts';
import { compileSchemas } from '../../../kernel/spec/schemas.ts';
import { PAY_CHECKS } from '../request/pay-answer-checks.ts';
import { k6State } from './doubles/k6-state.ts';
import { loadK6Script, runIterations, type K6Script } from './k6-runner.ts';

const SCRIPT = new URL('../k6/pay.ts', import.meta.url);
const ITERATIONS = 40;
const spec = loadSpec();
const validPayRequest = compileSchemas(spec).validator('PayRequest');

const loadScript = (env: Record<string, string>, tag: string): Promise<K6Script> => loadK6Script(SCRIPT, env, tag);

before(() => k6State.reset());
after(() => k6State.reset());

test('the k6 script sends fresh, valid, correctly signed orders that the mock engine pays, and its checks pass', async () => {
  const script = await loadScript({ SCENARIO: 'smoke' }, 'base64');
  k6State.reset();
  k6State.handler = createEngine({ spec, signer: nodeSigner, selfCheck: true }).handle;
  runIterations(script, ITERATIONS);

  assert.equal(k6State.posts.length, ITERATIONS);
  const orderIds = new Set<string>();
  const payCodes = new Set<string>();
  for (const post of k6State.posts) {
    assert.equal(post.url, 'http://127.0.0.1:4010/pay/qrcode');
    assert.equal(post.headers['content-type'], 'application/json');
    const body = JSON.parse(post.body) as Record<string, unknown>;
    assert.ok(validPayRequest(body), JSON.stringify(validPayRequest.errors));
    assert.equal(body.app_id, DEMO_APP.appId);
    assert.ok(nodeSigner.verify(body, { secret: DEMO_APP.secret, encoding: 'base64' }), `signature of ${String(body.order_id)}`);
    assert.equal(nodeSigner.verify(body, { secret: 'another-secret', encoding: 'base64' }), false);
    assert.ok(channelOfPayCode(String(body.pay_code)), `pay code ${String(body.pay_code)} belongs to a channel`);
    orderIds.add(String(body.order_id));
    payCodes.add(String(body.pay_code));
    assert.equal(JSON.parse(post.response.body).code, 1000);
  }
  assert.equal(orderIds.size, ITERATIONS, 'every order_id is unique');
  assert.equal(payCodes.size, ITERATIONS, 'every pay code is unique');

  assert.equal(k6State.checks.length, ITERATIONS * PAY_CHECKS.length);
  assert.deepEqual(new Set(k6State.checks.map((c) => c.name)), new Set(PAY_CHECKS));
  assert.deepEqual(k6State.checks.filter((c) => !c.ok), []);
  assert.deepEqual(k6State.metrics.get('pay_code_1000')?.values, Array(ITERATIONS).fill(1));
  assert.deepEqual(k6State.metrics.get('pay_non_success')?.values, Array(ITERATIONS).fill(0));
  assert.equal(k6State.metrics.get('pay_sign_duration')?.values.length, ITERATIONS);
  assert.equal(k6State.metrics.get('pay_no_answer')?.values.length, 0);

  assert.equal(script.options.scenarios.smoke.executor, 'ramping-arrival-rate');
  assert.ok(script.options.thresholds.http_req_duration.length === 2);
  assert.equal(script.options.maxRedirects, 0, 'k6 must not follow a redirect off the target');
});

test('with PAY_SIGN_ENCODING=hex the script signs in hex, and a wrong secret makes the checks and counters show 3004', async () => {
  const script = await loadScript({ SCENARIO: 'smoke', PAY_SIGN_ENCODING: 'hex', PAY_APP_ID: DEMO_APP.appId, PAY_APP_SECRET: 'not-the-secret' }, 'hex-wrong');
  k6State.reset();
  k6State.handler = createEngine({ spec, signer: nodeSigner, signEncoding: 'hex', selfCheck: true }).handle;
  runIterations(script, 5);
  for (const post of k6State.posts) {
    const body = JSON.parse(post.body) as Record<string, unknown>;
    assert.match(String(body.sign), /^[0-9A-F]{32}$/);
    assert.ok(nodeSigner.verify(body, { secret: 'not-the-secret', encoding: 'hex' }));
    assert.equal(JSON.parse(post.response.body).code, 3004);
  }
  assert.deepEqual(k6State.metrics.get('pay_code_3004')?.values, Array(5).fill(1));
  assert.deepEqual(k6State.metrics.get('pay_non_success')?.values, Array(5).fill(1));
  // 3004 is a documented code in a well-formed envelope with empty data: the checks hold, and
  // the failure shows where it belongs, in the code counters and pay_non_success.
  assert.deepEqual(k6State.checks.filter((c) => !c.ok), []);
});

test('the script refuses a non-loopback BASE_URL unless ALLOW_REMOTE=1', async () => {
  await assert.rejects(loadScript({ BASE_URL: 'https://api.huishouyin.cn' }, 'remote'), /refusing to send load to https:\/\/api\.huishouyin\.cn/);
  const allowed = await loadScript({ BASE_URL: 'https://api.huishouyin.cn', ALLOW_REMOTE: '1' }, 'remote-allowed');
  assert.ok(allowed.options.scenarios.smoke);
});

test('the script sends under a BASE_URL with a path, with or without a trailing slash, and refuses one that ends in an API path', async () => {
  for (const [tag, base] of [['prefix', 'http://127.0.0.1:4010/api'], ['prefix-slash', 'http://127.0.0.1:4010/api/']]) {
    const script = await loadScript({ SCENARIO: 'smoke', BASE_URL: base }, tag);
    k6State.reset();
    const engine = createEngine({ spec, signer: nodeSigner, selfCheck: true });
    // A gateway that serves the API under /api: the engine sees the path without it.
    k6State.handler = (request) => engine.handle({ ...request, path: request.path.replace(/^\/api/, '') });
    runIterations(script, 2);
    assert.deepEqual(k6State.posts.map((p) => p.url), Array(2).fill('http://127.0.0.1:4010/api/pay/qrcode'), base);
    assert.deepEqual(k6State.posts.map((p) => JSON.parse(p.response.body).code), [1000, 1000], base);
  }
  for (const base of ['http://127.0.0.1:4010/pay/qrcode', 'http://127.0.0.1:4010/api/pay/get/']) {
    await assert.rejects(loadScript({ BASE_URL: base }, `doubled-${base.length}`), /BASE_URL ".*" ends in \/pay\/(qrcode|get), .*BASE_URL is the API root, without \/pay\/…/);
  }
});

test('handleSummary writes the JSON summary and a JUnit file naming a failed threshold, and prints the text summary', async () => {
  const script = await loadScript({ SCENARIO: 'smoke', REPORT_DIR: 'out' }, 'summary');
  const trend = { avg: 300, min: 200, med: 290, 'p(90)': 400, 'p(95)': 420, 'p(99)': 480, max: 510 };
  const files = script.handleSummary({
    metrics: {
      http_reqs: { type: 'counter', values: { count: 100, rate: 9.5 } },
      http_req_duration: { type: 'trend', values: trend, thresholds: { 'p(95)<250': { ok: false }, 'p(99)<500': { ok: true } } },
      http_req_failed: { type: 'rate', values: { rate: 0, passes: 0, fails: 100 }, thresholds: { 'rate<0.01': { ok: true } } },
      pay_non_success: { type: 'rate', values: { rate: 0.02, passes: 2, fails: 98 }, thresholds: { 'rate<0.01': { ok: false } } },
      checks: { type: 'rate', values: { rate: 1, passes: 400, fails: 0 }, thresholds: { 'rate>0.99': { ok: true } } },
      pay_code_1000: { type: 'counter', values: { count: 98, rate: 9.3 } },
      pay_code_5002: { type: 'counter', values: { count: 2, rate: 0.2 } },
      pay_code_3004: { type: 'counter', values: { count: 0, rate: 0 } },
      pay_sign_duration: { type: 'trend', values: { avg: 0.01, min: 0, med: 0, 'p(90)': 0, 'p(95)': 0, 'p(99)': 1, max: 1 } },
    },
    root_group: { checks: [{ name: PAY_CHECKS[0], passes: 100, fails: 0 }] },
    state: { testRunDurationMs: 15_000 },
  });
  assert.deepEqual(Object.keys(files).sort(), ['out/k6-junit.xml', 'out/k6-summary.json', 'stdout']);
  const summary = JSON.parse(files['out/k6-summary.json']);
  assert.equal(summary.tool, 'k6');
  assert.equal(summary.passed, false);
  assert.deepEqual(summary.codes, { '1000': 98, '5002': 2 });
  assert.equal(summary.outcomes.rateLimited, 2);
  assert.equal(summary.latencyMs.p99, 480);
  assert.equal(summary.checks.byName[PAY_CHECKS[0]].passes, 100);
  assert.match(files['out/k6-junit.xml'], /<testcase classname="load\.smoke" name="http_req_duration p\(95\)&lt;250" time="0">\s*<failure type="threshold"/);
  assert.equal((files['out/k6-junit.xml'].match(/<failure /g) ?? []).length, 2);
  assert.match(files.stdout, /FAIL: thresholds failed: http_req_duration p\(95\)<250; pay_non_success rate<0\.01/);
});
