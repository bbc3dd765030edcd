/**
 * Cashiers that get the lifecycle wrong, run against the real mock over HTTP (on its manual clock,
 * so "5 s later" costs nothing): the audit of the mock's journal names what each did wrong.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock } from '../../src/engine/index.ts';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { createPayClient, type PayClient } from '../../src/adapters/client/pay-client.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { auditJournal } from '../../src/checks/audit/audit.ts';
import type { AuditRuleName } from '../../src/checks/audit/audit-rules.ts';
import { journalOf, payRequest } from './support.ts';

const clock = manualClock();
let mock: MockServer;
let client: PayClient;
const errors: unknown[] = [];

before(async () => {
  mock = await startMockServer({ port: 0, clock, pendingMs: 60_000, selfCheck: true, onError: (e) => errors.push(e) });
  client = createPayClient({ baseUrl: mock.url, app: DEMO_APP, encoding: 'base64' });
});
after(async () => {
  await mock.close();
  assert.deepEqual(errors, []);
});

/** A cashier's moves for one order: pay, query, cancel, and waiting (moving the mock's clock). */
function cashier(amount: string) {
  const request = payRequest(amount);
  const lookup = { app_id: request.app_id, sign_type: request.sign_type, order_id: request.order_id };
  const codeOf = async (call: Promise<{ response?: { body?: unknown } }>) => ((await call).response?.body as { code: number }).code;
  const query = () => codeOf(client.pay(lookup, { path: '/pay/get' }));
  const wait = (seconds: number) => clock.advance(seconds * 1000);
  return {
    orderId: request.order_id,
    pay: () => codeOf(client.pay(request)),
    cancel: () => codeOf(client.pay(lookup, { path: '/pay/cancel' })),
    wait,
    /** `times` queries, each `every` seconds after the previous call; their codes. */
    async poll(times: number, every: number): Promise<number[]> {
      const codes: number[] = [];
      for (let i = 0; i < times; i++) {
        wait(every);
        codes.push(await query());
      }
      return codes;
    },
  };
}

async function rulesBrokenBy(orderId: string): Promise<AuditRuleName[]> {
  const report = auditJournal(await journalOf(mock.url, orderId));
  return [...new Set(report.findings.map((f) => f.rule))].sort();
}

test('pays the same order_id again after a 1002 → repay-same-order', async () => {
  const c = cashier('0.30');
  assert.equal(await c.pay(), 1002);
  c.wait(5);
  assert.equal(await c.pay(), 1007);
  await c.poll(4, 5);
  assert.equal(await c.cancel(), 1000);
  assert.deepEqual(await rulesBrokenBy(c.orderId), ['repay-same-order']);
});

test('cancels at once after a 1002 → cancel-too-early', async () => {
  const c = cashier('0.30');
  assert.equal(await c.pay(), 1002);
  c.wait(0.2);
  assert.equal(await c.cancel(), 1000);
  assert.deepEqual(await rulesBrokenBy(c.orderId), ['cancel-too-early']);
});

test('polls in a tight loop, then walks away → poll-too-fast, no-final-state', async () => {
  const c = cashier('0.30');
  assert.equal(await c.pay(), 1002);
  assert.deepEqual(await c.poll(10, 0.1), Array(10).fill(1000));
  const report = auditJournal(await journalOf(mock.url, c.orderId));
  assert.equal(report.findings.filter((f) => f.rule === 'poll-too-fast').length, 10);
  assert.deepEqual(await rulesBrokenBy(c.orderId), ['no-final-state', 'poll-too-fast']);
});

test('ignores the 1002 → no-follow-up, no-final-state', async () => {
  const c = cashier('0.30');
  assert.equal(await c.pay(), 1002);
  assert.deepEqual(await rulesBrokenBy(c.orderId), ['no-final-state', 'no-follow-up']);
});

test('cancels an order it was told is paid → cancel-with-result', async () => {
  const c = cashier('0.01');
  assert.equal(await c.pay(), 1000);
  c.wait(20);
  assert.equal(await c.cancel(), 1000);
  assert.deepEqual(await rulesBrokenBy(c.orderId), ['cancel-with-result']);
});

test('polls on past the deadline, every 12 s → poll-too-slow, poll-beyond-deadline', async () => {
  const c = cashier('0.30');
  assert.equal(await c.pay(), 1002);
  await c.poll(4, 12);
  assert.equal(await c.cancel(), 1000);
  assert.deepEqual(await rulesBrokenBy(c.orderId), ['poll-beyond-deadline', 'poll-too-slow']);
});

test('keeps cancelling → cancel-with-result, too-many-cancels', async () => {
  const c = cashier('0.30');
  assert.equal(await c.pay(), 1002);
  await c.poll(5, 5);
  assert.deepEqual([await c.cancel(), await c.cancel(), await c.cancel(), await c.cancel()], [1000, 1005, 1005, 1005]);
  assert.deepEqual(await rulesBrokenBy(c.orderId), ['cancel-with-result', 'too-many-cancels']);
});
