/**
 * The proxy's findings, side by side: in front of each broken variant of the contract suite's set
 * it names the rule the variant breaks (the server's side); a cashier that signs wrong or leaves a
 * field out is named on the client's side; `--errors` answers a request that breaks the spec itself.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPayClient, type Params } from '../../src/adapters/client/pay-client.ts';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { canonicalString } from '../../src/kernel/signing/canonical.ts';
import { nodeDigests } from '../../src/adapters/node/node-digests.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { BROKEN_VARIANTS } from '../../src/runners/contracts/broken/variants.ts';
import { startBrokenServer } from '../../src/runners/contracts/broken/server.ts';
import type { RuleName } from '../../src/checks/contract/rule-names.ts';
import type { JournalEntry } from '../../src/kernel/journal-entry.ts';
import { journalOf, payRequest } from '../lifecycle/support.ts';
import { rulesOf, startTestProxy } from './support.ts';

/** Rules that need what a proxy cannot know: a case's own demand, parallel requests, the upstream's journal. */
const NOT_PROXY_RULES: ReadonlySet<RuleName> = new Set(['case-expectation', 'duplicate-single-success', 'cashier-audit']);

/** A cashier session that reaches every rule: outcomes of both channels, repeats, faults, queries, cancels, refunds. */
async function session(baseUrl: string): Promise<void> {
  const client = createPayClient({ baseUrl, app: DEMO_APP, encoding: 'base64' });
  const lookup = (r: Params, extra: Params = {}) => ({ app_id: r.app_id, sign_type: 'MD5', order_id: r.order_id, ...extra });
  const call = (path: string, params: Params) => client.pay(params, { path });
  const paid = payRequest('0.01');
  const paidAnswer = (await client.pay(paid)).response?.body as { data?: { trade_no?: string } };
  await client.pay(paid);
  await call('/pay/get', lookup(paid));
  await call('/pay/get', { app_id: paid.app_id, sign_type: 'MD5', trade_no: paidAnswer.data?.trade_no });
  await call('/pay/check', lookup(paid));
  await call('/pay/refund', lookup(paid, { refund_order_id: `R${paid.order_id}`, refund_amount: '0.02' }));
  for (const [amount, channel] of [['0.02', 'wechat'], ['0.02', 'alipay'], ['0.03', 'wechat'], ['0.05', 'alipay'], ['0.30', 'wechat'], ['0.32', 'alipay']] as const) await client.pay(payRequest(amount, channel));
  await client.pay(payRequest('0.01'));
  const cancelled = payRequest('0.01');
  await client.pay(cancelled);
  await call('/pay/cancel', lookup(cancelled));
  await call('/pay/cancel', lookup(cancelled));
  await call('/pay/get', lookup(cancelled));
  await client.send({ ...payRequest('0.01'), sign: 'AAAA' });
  await client.send({ ...payRequest('0.01'), app_id: 'nobody', sign: 'AAAA' });
  const { total_amount: _t, ...missing } = payRequest('0.01');
  await client.send({ ...missing, sign: 'AAAA' });
}

describe('in front of each broken variant, the proxy names the rule it breaks', () => {
  test('in front of the sound mock: nothing to find, on either side', async () => {
    const upstream = await startBrokenServer(undefined);
    const proxy = await startTestProxy(upstream.url);
    try {
      await session(proxy.url);
      const findings = proxy.findings();
      assert.deepEqual(rulesOf(findings, 'server'), [], JSON.stringify(findings.filter((f) => f.side === 'server'), null, 1));
      // The session's own wrong requests, on the client's side: a bad sign, an unknown app, a missing field.
      assert.deepEqual(rulesOf(findings, 'client'), ['request-app', 'request-presence', 'request-signature']);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  for (const variant of BROKEN_VARIANTS) {
    const judged = variant.caughtBy.filter((rule) => !NOT_PROXY_RULES.has(rule));
    // The proxy expects a code only where the flowchart's precedence or a repeat decides it; a case's
    // own expectation (a refund beyond what is left is 2001) it cannot know: there the named rule is the one.
    const expected = judged.length > 1 ? judged.filter((rule) => rule !== 'expected-outcome') : judged;
    if (expected.length === 0) continue;
    test(`${variant.name}: ${expected.join(', ')}`, async () => {
      const upstream = await startBrokenServer(variant);
      const proxy = await startTestProxy(upstream.url);
      try {
        await session(proxy.url);
        const server = rulesOf(proxy.findings(), 'server');
        for (const rule of expected) assert.ok(server.includes(rule), `${rule} not in ${server.join(', ')}`);
      } finally {
        await proxy.close();
        await upstream.close();
      }
    });
  }
});

describe("the cashier's side", () => {
  let mock: MockServer;
  before(async () => {
    mock = await startMockServer({ port: 0, selfCheck: true });
  });
  after(() => mock.close());

  test('a cashier that signs with app_secret (not app_sercet) is named on the client side, the mistake and its fix in the finding and the journal; the server rightly refused it', async () => {
    const proxy = await startTestProxy(mock.url);
    try {
      const request = payRequest('0.01');
      // The secret's pair sorted in under the correctly spelt key, as such a cashier builds it.
      const wrong = canonicalString({ ...request, app_secret: DEMO_APP.secret });
      const md5 = nodeDigests.md5Hex(wrong);
      const client = createPayClient({ baseUrl: proxy.url, app: DEMO_APP, encoding: 'base64' });
      const exchange = await client.send({ ...request, sign: nodeDigests.base64(md5) });
      assert.equal((exchange.response?.body as { code: number }).code, 3004);
      const [finding, ...more] = proxy.findings();
      assert.deepEqual(more, []);
      assert.equal(finding.side, 'client');
      assert.equal(finding.rule, 'request-signature');
      assert.equal(finding.path, '$.sign');
      assert.equal(finding.call, '/pay/qrcode');
      assert.match(finding.message, /sign does not verify/);
      assert.match(finding.message, /diagnosis: secret-key-app_secret: .*app_sercet \| fix: /);
      const journal = (await (await fetch(`${proxy.url}/__mock/journal`)).json()) as { entries: JournalEntry[] };
      const [entry] = journal.entries;
      assert.deepEqual(entry.sign_diagnosis?.mistakes.map((m) => m.id), ['secret-key-app_secret']);
      assert.match(entry.sign_diagnosis!.signed, /&app_sercet=\*\*\*(&|$)/, 'the journal shows the secret as ***');
      // A correct sign of the same request passes.
      await client.pay(payRequest('0.01'));
      assert.equal(proxy.findings().length, 1);
      assert.ok(nodeSigner.verify(client.sign(request), { secret: DEMO_APP.secret, encoding: 'base64' }));
    } finally {
      await proxy.close();
    }
  });

  test('GET /__mock/findings serves every finding with its exchange, side, rule, path, expected and actual; reset clears them', async () => {
    const proxy = await startTestProxy(mock.url);
    try {
      const client = createPayClient({ baseUrl: proxy.url, app: DEMO_APP, encoding: 'base64' });
      const { pay_code: _p, ...noCode } = payRequest('0.01');
      await client.pay(noCode);
      const served = (await (await fetch(`${proxy.url}/__mock/findings`)).json()) as { findings: Record<string, unknown>[] };
      assert.equal(served.findings.length, 1);
      assert.deepEqual(Object.keys(served.findings[0]).sort(), ['actual', 'call', 'exchange', 'expected', 'message', 'path', 'rule', 'severity', 'side']);
      assert.equal(served.findings[0].exchange, 1);
      assert.equal(served.findings[0].rule, 'request-presence');
      assert.deepEqual((await (await fetch(`${proxy.url}/__mock/reset`, { method: 'POST' })).json()) as unknown, { ok: true, cleared: 1 });
      assert.deepEqual(((await (await fetch(`${proxy.url}/__mock/findings`)).json()) as { findings: unknown[] }).findings, []);
      assert.deepEqual(await journalOf(proxy.url), []);
      const health = (await (await fetch(`${proxy.url}/__mock/health`)).json()) as { ok: boolean; proxy: { upstream: string } };
      assert.equal(health.ok, true, 'the mock behind it has its controls');
      assert.equal(health.proxy.upstream, mock.url);
    } finally {
      await proxy.close();
    }
  });

  test('--errors: a request that breaks the spec is answered 3001 / 3002 by the proxy and never forwarded', async () => {
    const proxy = await startTestProxy(mock.url, { errors: true });
    await fetch(`${mock.url}/__mock/reset`, { method: 'POST' });
    try {
      const client = createPayClient({ baseUrl: proxy.url, app: DEMO_APP, encoding: 'base64' });
      const { pay_code: _p, ...noCode } = payRequest('0.01');
      const missing = await client.pay(noCode);
      assert.equal((missing.response?.body as { code: number }).code, 3001);
      assert.match(missing.response?.headers['x-paycheck-proxy'] ?? '', /not forwarded: pay_code is missing/);
      const malformed = await client.send('{"app_id": 7');
      assert.equal((malformed.response?.body as { code: number }).code, 3002);
      assert.deepEqual(await journalOf(mock.url), [], 'nothing reached the upstream');
      // A bad signature is the server's to answer: forwarded.
      const badSign = await client.send({ ...payRequest('0.01'), sign: 'AAAA' });
      assert.equal((badSign.response?.body as { code: number }).code, 3004);
      assert.equal((await journalOf(mock.url)).length, 1);
      assert.deepEqual((await journalOf(proxy.url)).map((e) => e.code), [3001, 3002, 3004]);
      assert.deepEqual(rulesOf(proxy.findings(), 'client'), ['request-format', 'request-presence', 'request-signature']);
      assert.deepEqual(rulesOf(proxy.findings(), 'server'), []);
    } finally {
      await proxy.close();
    }
  });
});
