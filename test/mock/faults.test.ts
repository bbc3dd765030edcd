/** Each fault, per request by X-Mock-Fault / X-Mock-Latency and globally by config — over real HTTP. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signedPay, type Params } from '../support/signed-request.ts';
import { useTestServer, type TestServer } from '../support/test-server.ts';

const send = (mock: () => TestServer, params: Params, headers: Record<string, string>, signal?: AbortSignal) =>
  fetch(`${mock().url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(params), signal });

const recorded = async (mock: () => TestServer, params: Params) => (await mock().get(`/__mock/orders/${String(params.order_id)}`)).status === 200;

describe('per-request faults', () => {
  const mock = useTestServer();

  test('X-Mock-Latency adds a fixed or random delay before the answer', async () => {
    mock().sleeps.length = 0;
    assert.equal((await mock().post(signedPay(), { 'x-mock-latency': '300' })).envelope.code, 1000);
    await mock().post(signedPay(), { 'x-mock-latency': '10-20' });
    assert.equal(mock().sleeps[0], 300);
    assert.ok(mock().sleeps[1] >= 10 && mock().sleeps[1] <= 20, String(mock().sleeps[1]));
  });

  test('http-500/502/503 answer that status before any step: no order is recorded', async () => {
    for (const status of [500, 502, 503]) {
      const params = signedPay();
      const answer = await mock().post(params, { 'x-mock-fault': `http-${status}` });
      assert.equal(answer.status, status);
      assert.equal(answer.headers.get('x-mock-fault'), `http-${status}`);
      assert.equal(await recorded(mock, params), false);
    }
  });

  test('http-500@result: the order is recorded, the caller sees a 500', async () => {
    const params = signedPay();
    assert.equal((await mock().post(params, { 'x-mock-fault': 'http-500@result' })).status, 500);
    assert.equal(await recorded(mock, params), true);
    assert.equal((await mock().post(params)).envelope.code, 1003);
  });

  test('system-error is 5001, rate-limited 5002, both HTTP 200 with an empty data', async () => {
    assert.deepEqual((await mock().post(signedPay(), { 'x-mock-fault': 'system-error' })).envelope, { code: 5001, msg: '系统未知错误', data: {} });
    assert.deepEqual((await mock().post(signedPay(), { 'x-mock-fault': 'rate-limited' })).envelope, { code: 5002, msg: '请求频率过高', data: {} });
  });

  test('non-json: HTTP 200 that claims JSON and is not', async () => {
    const answer = await mock().post(signedPay(), { 'x-mock-fault': 'non-json' });
    assert.equal(answer.status, 200);
    assert.equal(answer.envelope.code, -1, answer.text);
    assert.match(answer.text, /<html>/);
  });

  test('truncate: the headers promise more body than comes', async () => {
    const response = await send(mock, signedPay(), { 'x-mock-fault': 'truncate' });
    assert.equal(response.status, 200);
    await assert.rejects(response.text());
  });

  test('reset: the connection drops with nothing sent; by default after the order is recorded', async () => {
    const params = signedPay();
    await assert.rejects(send(mock, params, { 'x-mock-fault': 'reset' }));
    assert.equal(await recorded(mock, params), true);
    const early = signedPay();
    await assert.rejects(send(mock, early, { 'x-mock-fault': 'reset@received' }));
    assert.equal(await recorded(mock, early), false);
  });

  test('hang: no answer until the client gives up; the server keeps serving', async () => {
    const params = signedPay();
    await assert.rejects(send(mock, params, { 'x-mock-fault': 'hang' }, AbortSignal.timeout(200)), /abort|timeout/i);
    assert.equal(await recorded(mock, params), true);
    assert.equal((await mock().post(signedPay())).envelope.code, 1000);
  });

  test('several faults in one header, and a fault with a scenario', async () => {
    mock().sleeps.length = 0;
    const answer = await mock().post(signedPay(), { 'x-mock-fault': 'system-error, non-json', 'x-mock-scenario': 'FAILED', 'x-mock-latency': '5' });
    assert.equal(answer.headers.get('x-mock-fault'), 'system-error,non-json');
    assert.match(answer.text, /<html>/);
    assert.deepEqual(mock().sleeps, [5]);
  });

  test('a rate of 0 never fires', async () => {
    const answer = await mock().post(signedPay(), { 'x-mock-fault': 'http-503:0' });
    assert.equal(answer.envelope.code, 1000);
    assert.equal(answer.headers.get('x-mock-fault'), null);
  });
});

describe('global faults by config', () => {
  const mock = useTestServer({ faults: 'http-503', latency: '300' });

  test('every pay request gets them; admin routes do not', async () => {
    mock().sleeps.length = 0;
    assert.equal((await mock().post(signedPay())).status, 503);
    assert.deepEqual(mock().sleeps, [300]);
    assert.equal((await mock().get('/__mock/health')).status, 200);
  });
});

describe('a real token bucket per app_id', () => {
  const mock = useTestServer({ rateLimit: { perSecond: 2, burst: 2 } });

  test('5002 once the burst is spent, served again after the clock refills it', async () => {
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await mock().post(signedPay())).envelope.code);
    assert.deepEqual(codes, [1000, 1000, 5002]);
    mock().clock.advance(500);
    assert.equal((await mock().post(signedPay())).envelope.code, 1000);
  });
});
