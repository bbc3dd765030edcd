/**
 * Status callbacks over real HTTP: delivery to a loopback receiver, the D-42 signature, retries on
 * the documented schedule (scaled down), and each hostile variant.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { canonicalString } from '../../src/kernel/signing/canonical.ts';
import { CALLBACK_RETRY_MS } from '../../src/adapters/http/callback-delivery.ts';
import { startMockServer } from '../../src/adapters/http/server.ts';
import { parseCommand } from '../../src/cli/command.ts';
import { MOCK } from '../../src/cli/commands.ts';
import { mockServerOptions } from '../../src/cli/mock-options.ts';
import { startCallbackReceiver, type CallbackReceiver } from '../support/callback-receiver.ts';
import { nextRefundId, signedCall, signedPay, type Params } from '../support/signed-request.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import type { DeliveryLogEntry } from '../../src/engine/index.ts';

const SCALE = 0.01;
const PENDING_MS = 20_000;
const demo = { secret: DEMO_APP.secret, encoding: 'base64' as const };

/** A mock calling back to a fresh receiver, per suite. */
function useCallbackPair(options: { callbackVariants?: string; callbackHoldMs?: number } = {}) {
  const pair = {} as { mock: TestServer; receiver: CallbackReceiver };
  before(async () => {
    pair.receiver = await startCallbackReceiver();
    pair.mock = await startTestServer({ callbackUrl: pair.receiver.url, callbackTimeScale: SCALE, pendingMs: PENDING_MS, ...options });
  });
  after(async () => {
    await pair.mock.close();
    await pair.receiver.close();
    assert.deepEqual(pair.mock.errors, [], 'engine failures (self-check of every callback body)');
  });
  return pair;
}

const idle = (mock: TestServer) => mock.server.callbacks!.whenIdle();
const deliveries = async (mock: TestServer) => (await mock.get('/__mock/callbacks')).json.deliveries as DeliveryLogEntry[];

describe('delivery', () => {
  const pair = useCallbackPair();
  const post = (body: Params, headers: Record<string, string> = {}, path?: string) => pair.mock.post(body, headers, path);

  test('a paid order is called back once, signed over code, msg, data (compact JSON) and sign_type (D-42)', async () => {
    const start = pair.receiver.received.length;
    const params = signedPay({ total_amount: '0.01' });
    const paid = (await post(params)).envelope.data;
    await idle(pair.mock);
    const [callback, ...rest] = pair.receiver.received.slice(start);
    assert.deepEqual(rest, []);
    assert.deepEqual(Object.keys(callback.body), ['code', 'msg', 'data', 'sign_type', 'sign']);
    assert.deepEqual(callback.body.data, { trade_no: paid.trade_no, order_id: params.order_id, update_time: '2026-01-01 08:00:00', order_status: 1 });
    assert.equal(nodeSigner.verify(callback.body, demo), true);
    assert.match(canonicalString(callback.body, DEMO_APP.secret), /&data=\{"trade_no":"[^"]+","order_id":"[^"]+","update_time":"[^"]+","order_status":1\}&/);
  });

  test('every later change is called back: paying → paid on the clock without any query, refunds with their refund_order_id, a cancel', async () => {
    const start = pair.receiver.received.length;
    const params = signedPay({ total_amount: '0.30' });
    await post(params);
    await idle(pair.mock);
    assert.equal(pair.receiver.received.length, start, 'a paying order is no outcome yet');
    pair.mock.clock.advance(PENDING_MS);
    await pair.receiver.waitFor(start + 1);
    const refundOrderId = nextRefundId();
    await post(signedCall({ order_id: params.order_id, refund_order_id: refundOrderId, refund_amount: '0.10' }), {}, '/pay/refund');
    await post(signedCall({ order_id: params.order_id, refund_order_id: nextRefundId(), refund_amount: '0' }), {}, '/pay/refund');
    const cancelled = signedPay({ total_amount: '0.30' });
    await post(cancelled);
    await post(signedCall({ order_id: cancelled.order_id }), {}, '/pay/cancel');
    await idle(pair.mock);
    const bodies = pair.receiver.received.slice(start).map((r) => r.body.data);
    assert.deepEqual(
      bodies.map((d) => [d.order_id, d.order_status, d.refund_order_id]),
      [
        [params.order_id, 1, undefined],
        [params.order_id, 3, refundOrderId],
        [params.order_id, 2, bodies[2].refund_order_id],
        [cancelled.order_id, 5, undefined],
      ],
    );
    assert.equal(bodies[0].update_time, '2026-01-01 08:00:20', 'dated when it was due');
    for (const r of pair.receiver.received.slice(start)) assert.equal(nodeSigner.verify(r.body, demo), true);
  });

  test('a failed payment is called back too (order_status -1)', async () => {
    const start = pair.receiver.received.length;
    await post(signedPay({ total_amount: '0.32' }));
    await idle(pair.mock);
    assert.deepEqual(pair.receiver.received.slice(start).map((r) => r.body.data.order_status), [-1]);
  });

  test('retries after non-200 answers and timeouts on the documented schedule, then delivers', async () => {
    pair.receiver.script([500, 503, 'hang', 204]);
    const start = pair.receiver.received.length;
    const params = signedPay();
    await post(params);
    await idle(pair.mock);
    const got = pair.receiver.received.slice(start);
    assert.deepEqual(got.map((r) => r.answered), [500, 503, 'hang', 204, 200], 'only 200 counts as received');
    for (const r of got) assert.deepEqual(r.body, got[0].body, 'the same body each time');
    for (let i = 1; i < got.length; i++) {
      // Lower bounds only: a retry never comes before its scheduled wait.
      assert.ok(got[i].at - got[i - 1].at >= CALLBACK_RETRY_MS[i - 1] * SCALE - 1, `retry ${i} after ${got[i].at - got[i - 1].at} ms`);
    }
    const log = (await deliveries(pair.mock)).filter((d) => d.order_id === params.order_id);
    assert.equal(log.length, 1);
    assert.equal(log[0].outcome, 'delivered');
    assert.deepEqual(log[0].attempts.map((a) => a.status ?? 'error'), [500, 503, 'error', 204, 200]);
    assert.match(log[0].attempts[2].error ?? '', /no answer within/);
  });

  test('gives up after the last retry (6 attempts) and says so', async () => {
    pair.receiver.script([500, 500, 500, 500, 500, 500]);
    const start = pair.receiver.received.length;
    const params = signedPay();
    await post(params);
    await idle(pair.mock);
    assert.equal(pair.receiver.received.length - start, 1 + CALLBACK_RETRY_MS.length);
    const log = (await deliveries(pair.mock)).find((d) => d.order_id === params.order_id)!;
    assert.equal(log.outcome, 'gave-up');
  });
});

describe('hostile variants, per request (X-Mock-Callback)', () => {
  // Held long enough that the next call always comes first; the fallback has its own suite.
  const pair = useCallbackPair({ callbackHoldMs: 60_000 });
  const payWith = async (variants: string, amount = '0.01') => {
    const params = signedPay({ total_amount: amount });
    const start = pair.receiver.received.length;
    await pair.mock.post(params, { 'x-mock-callback': variants });
    await idle(pair.mock);
    return { params, got: pair.receiver.received.slice(start).map((r) => r.body) };
  };

  test('duplicate: the same callback twice', async () => {
    const { got } = await payWith('duplicate');
    assert.equal(got.length, 2);
    assert.deepEqual(got[0], got[1]);
    assert.equal(nodeSigner.verify(got[0], demo), true);
  });

  test('bad-signature: a well-formed callback whose sign does not verify', async () => {
    const { params, got } = await payWith('bad-signature');
    assert.equal(got.length, 1);
    assert.equal(got[0].data.order_id, params.order_id);
    assert.equal(nodeSigner.verify(got[0], demo), false);
  });

  test('mismatch-order-id and mismatch-status: validly signed, but the fields do not match the order', async () => {
    const byId = await payWith('mismatch-order-id');
    assert.notEqual(byId.got[0].data.order_id, byId.params.order_id);
    assert.equal(String(byId.got[0].data.order_id).length, String(byId.params.order_id).length);
    assert.equal(nodeSigner.verify(byId.got[0], demo), true);
    const byStatus = await payWith('mismatch-status');
    assert.notEqual(byStatus.got[0].data.order_status, 1);
    assert.equal(nodeSigner.verify(byStatus.got[0], demo), true);
  });

  test("out-of-order: held back until the order's next callback has gone", async () => {
    const params = signedPay();
    const start = pair.receiver.received.length;
    await pair.mock.post(params, { 'x-mock-callback': 'out-of-order' });
    const refundOrderId = nextRefundId();
    await pair.mock.post(signedCall({ order_id: params.order_id, refund_order_id: refundOrderId, refund_amount: '0.50' }), {}, '/pay/refund');
    await idle(pair.mock);
    assert.deepEqual(pair.receiver.received.slice(start).map((r) => r.body.data.order_status), [3, 1]);
  });

  test('a pay request’s variants reach its outcome even when it settles later; a lifecycle call’s reach its own callback only', async () => {
    const { params, got } = await payWith('mismatch-status', '0.30');
    assert.deepEqual(got, []);
    const start = pair.receiver.received.length;
    pair.mock.clock.advance(PENDING_MS);
    await pair.receiver.waitFor(start + 1);
    assert.equal(pair.receiver.received[start].body.data.order_status, -1, 'the settled callback keeps the pay request’s variant');
    await pair.mock.post(signedCall({ order_id: params.order_id }), { 'x-mock-callback': 'duplicate' }, '/pay/cancel');
    await idle(pair.mock);
    assert.deepEqual(pair.receiver.received.slice(start + 1).map((r) => r.body.data.order_status), [5, 5]);
  });

  test('an unknown variant is HTTP 400 and names the known ones', async () => {
    const answer = await pair.mock.post(signedPay(), { 'x-mock-callback': 'teleport' });
    assert.equal(answer.status, 400);
    assert.match(answer.text, /out-of-order/);
  });
});

describe('out-of-order with no next callback', () => {
  const pair = useCallbackPair({ callbackHoldMs: 5 });
  test('is sent after the hold time anyway', async () => {
    const start = pair.receiver.received.length;
    await pair.mock.post(signedPay(), { 'x-mock-callback': 'out-of-order' });
    await idle(pair.mock);
    assert.deepEqual(pair.receiver.received.slice(start).map((r) => r.body.data.order_status), [1]);
  });
});

describe('hostile variants for every callback (--callback-variants)', () => {
  const pair = useCallbackPair({ callbackVariants: 'bad-signature' });
  test('every callback carries the configured variant', async () => {
    const start = pair.receiver.received.length;
    await pair.mock.post(signedPay());
    await pair.mock.post(signedPay());
    await idle(pair.mock);
    const got = pair.receiver.received.slice(start);
    assert.equal(got.length, 2);
    for (const r of got) assert.equal(nodeSigner.verify(r.body, demo), false);
    assert.deepEqual((await deliveries(pair.mock)).at(-1)?.variants, ['bad-signature']);
  });
});

describe('configuration', () => {
  test('a receiver that is not on loopback is refused at start, with a clear error', async () => {
    for (const url of ['http://example.com/callback', 'http://10.0.0.1:8080/cb', 'ftp://127.0.0.1/cb', 'not a url']) {
      await assert.rejects(startMockServer({ port: 0, callbackUrl: url }), /loopback|not a URL/, url);
      assert.throws(() => mockServerOptions(parseCommand(MOCK, ['--callback-url', url], {}).values, {}), /loopback|not a URL/, url);
    }
    const env = { MOCK_CALLBACK_URL: 'http://localhost:9/cb' };
    assert.equal(mockServerOptions(parseCommand(MOCK, [], env).values, env).callbackUrl, 'http://localhost:9/cb');
    assert.throws(() => mockServerOptions(parseCommand(MOCK, ['--callback-variants', 'nope'], {}).values, {}), /unknown callback variant/);
    assert.throws(() => mockServerOptions(parseCommand(MOCK, ['--callback-time-scale', '2'], {}).values, {}), /callback-time-scale/);
  });

  test('without a callback URL nothing is queued and /__mock/callbacks says so', async () => {
    const plain = await startTestServer();
    await plain.post(signedPay());
    assert.equal(plain.server.engine.outbox, undefined);
    assert.deepEqual((await plain.get('/__mock/callbacks')).json, { enabled: false, held: 0, deliveries: [] });
    await plain.close();
  });
});
