/**
 * The proxy in front of the embedded mock: the reference checkout runs through it unchanged, every
 * answer is the mock's to the byte, there is nothing to find, and the proxy's journal is the mock's
 * own — so `paycheck audit --base-url <proxy>` passes, and a bad cashier is flagged as at the mock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { createNodeEngine } from '../../src/adapters/http/build-engine.ts';
import { createPayClient } from '../../src/adapters/client/pay-client.ts';
import { manualClock, type MockResponse } from '../../src/engine/index.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { auditJournal } from '../../src/checks/audit/audit.ts';
import { runCheckout } from '../../src/runners/checkout/checkout.ts';
import type { ProxyServer } from '../../src/runners/proxy/proxy-server.ts';
import { main } from '../../src/cli/main.ts';
import { captureIo, journalOf, payRequest, steppedClock } from '../lifecycle/support.ts';
import { startTestProxy } from './support.ts';

describe('the reference checkout through the proxy, on the mock clock', () => {
  const clock = manualClock();
  let mock: MockServer;
  let proxy: ProxyServer;
  const sent: MockResponse[] = [];
  before(async () => {
    const engine = createNodeEngine({ clock, pendingMs: 12_000, selfCheck: true });
    // Every answer the mock gives, as it gives it: what the cashier must receive through the proxy.
    const handle = (request: Parameters<typeof engine.handle>[0]) => {
      const response = engine.handle(request) as MockResponse;
      if (!request.path.startsWith('/__mock/')) sent.push(response);
      return response;
    };
    mock = await startMockServer({ port: 0, engine: { ...engine, handle } });
    proxy = await startTestProxy(mock.url, { now: () => clock.now() });
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });

  const CASES = [
    { amount: '0.01', outcome: 'paid' },
    { amount: '0.32', outcome: 'failed' },
    { amount: '0.30', outcome: 'paid' },
    { amount: '0.30', scenario: 'USER_PAYING_FAILS', outcome: 'failed' },
    { amount: '0.30', scenario: 'USER_PAYING_ABANDONED', outcome: 'closed' },
  ];

  test('runs unchanged; no finding; the journal is the mock\'s; audit --base-url <proxy> passes', async () => {
    for (const c of CASES) {
      const result = await runCheckout({ target: { baseUrl: proxy.url, app: DEMO_APP, encoding: 'base64' }, request: payRequest(c.amount), scenario: c.scenario, clock: steppedClock(clock) });
      assert.equal(result.outcome, c.outcome, JSON.stringify(result.timeline));
    }
    assert.deepEqual(proxy.findings(), []);
    const viaProxy = await journalOf(proxy.url);
    assert.ok(viaProxy.length >= CASES.length + 4);
    assert.deepEqual(viaProxy, await journalOf(mock.url));
    const { io, text } = captureIo();
    assert.equal(await main(['audit', '--base-url', proxy.url], io), 0, text());
    assert.match(text(), /5 orders/);
  });

  test('every answer reaches the cashier byte for byte as the mock sent it, its headers too', async () => {
    sent.length = 0;
    const request = payRequest('0.02');
    const lookup = { app_id: request.app_id, sign_type: 'MD5', order_id: request.order_id };
    const bodies = [
      JSON.stringify(createPayClient({ baseUrl: proxy.url, app: DEMO_APP, encoding: 'base64' }).sign(request)),
      JSON.stringify({ ...lookup, sign: 'AAAA' }),
      '{"app_id": "paycheck-demo-app"',
      '',
    ];
    const received: { status: number; headers: Headers; bytes: Uint8Array }[] = [];
    for (const body of bodies) {
      const res = await fetch(`${proxy.url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      received.push({ status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) });
    }
    assert.equal(sent.length, bodies.length);
    sent.forEach((answer, i) => {
      assert.equal(received[i].status, answer.status);
      assert.deepEqual(Buffer.from(received[i].bytes), Buffer.from(answer.body));
      for (const [name, value] of Object.entries(answer.headers)) assert.equal(received[i].headers.get(name), value, name);
    });
  });
});

describe('a bad cashier through the proxy is flagged as at the mock', () => {
  const clock = manualClock();
  let mock: MockServer;
  let proxy: ProxyServer;
  before(async () => {
    mock = await startMockServer({ port: 0, clock, pendingMs: 60_000, selfCheck: true });
    proxy = await startTestProxy(mock.url, { now: () => clock.now() });
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });

  test('repays, cancels at once, polls too fast and walks away: the same findings from either journal', async () => {
    const client = createPayClient({ baseUrl: proxy.url, app: DEMO_APP, encoding: 'base64' });
    const one = payRequest('0.30');
    const lookup = (r: typeof one) => ({ app_id: r.app_id, sign_type: r.sign_type, order_id: r.order_id });
    await client.pay(one);
    clock.advance(5_000);
    await client.pay(one);
    clock.advance(200);
    await client.pay(lookup(one), { path: '/pay/cancel' });
    const two = payRequest('0.30');
    await client.pay(two);
    for (let i = 0; i < 5; i++) {
      clock.advance(100);
      await client.pay(lookup(two), { path: '/pay/get' });
    }
    const fromProxy = auditJournal(await journalOf(proxy.url));
    const fromMock = auditJournal(await journalOf(mock.url));
    assert.deepEqual(fromProxy, fromMock);
    assert.deepEqual([...new Set(fromProxy.findings.map((f) => f.rule))].sort(), ['cancel-too-early', 'no-final-state', 'poll-too-fast', 'repay-same-order']);
    const { io, text } = captureIo();
    assert.equal(await main(['audit', '--base-url', proxy.url], io), 1);
    assert.match(text(), /repay-same-order/);
    // The repeat pay is the server's to answer 1007 — which it did: nothing found on either side.
    assert.deepEqual(proxy.findings(), []);
  });
});
