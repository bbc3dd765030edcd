/**
 * The reference checkout against the real mock over HTTP, audited from the mock's journal: in real
 * time with every delay scaled down (the runs go concurrently, so the whole file takes about the
 * longest one), and on the mock's manual clock at the documented timings, where nobody waits.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { manualClock } from '../../src/engine/index.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { auditJournal } from '../../src/checks/audit/audit.ts';
import { runCheckout, type CheckoutOutcome, type CheckoutResult } from '../../src/runners/checkout/checkout.ts';
import { DEFAULT_POLICY } from '../../src/kernel/lifecycle/policy.ts';
import { journalOf, payRequest, steppedClock } from './support.ts';

/** 5 s polls become 200 ms, the 30 s deadline 1.2 s. The tolerance stays 50 ms: timers on a busy 2-core machine. */
const SCALE = 0.04;
const POLICY = { timeScale: SCALE, toleranceMs: 50 / SCALE };

describe('the reference checkout in real time, scaled', () => {
  let mock: MockServer;
  const errors: unknown[] = [];
  const runs = new Map<string, CheckoutResult>();
  // The calls, as a pattern over their paths: how many queries a run takes depends on the timers.
  const CASES: { name: string; amount: string; scenario?: string; outcome: CheckoutOutcome; calls: RegExp }[] = [
    { name: 'SUCCESS', amount: '0.01', outcome: 'paid', calls: /^qrcode$/ },
    { name: 'FAILED', amount: '0.32', outcome: 'failed', calls: /^qrcode$/ },
    { name: 'USER_PAYING (resolves paid)', amount: '0.30', outcome: 'paid', calls: /^qrcode( get){2,4}$/ },
    { name: 'USER_PAYING_FAILS', amount: '0.30', scenario: 'USER_PAYING_FAILS', outcome: 'failed', calls: /^qrcode( get){2,4}$/ },
    { name: 'USER_PAYING_ABANDONED', amount: '0.30', scenario: 'USER_PAYING_ABANDONED', outcome: 'closed', calls: /^qrcode( get){2,4}$/ },
    { name: 'PAID_SLOW (the pay times out; the query finds it paid)', amount: '0.31', outcome: 'paid', calls: /^qrcode get$/ },
    { name: 'UNKNOWN_SLOW (times out, stays unknown, cancelled)', amount: '0.33', outcome: 'cancelled', calls: /^qrcode( get){1,4} cancel$/ },
  ];
  const pathsOf = (calls: readonly { path?: string; call?: string }[]) => calls.map((c) => (c.path ?? c.call)!.replace('/pay/', '')).join(' ');

  before(async () => {
    // The customer confirms 15 s × SCALE after paying, well inside the 30 s × SCALE deadline.
    mock = await startMockServer({ port: 0, pendingMs: 15_000 * SCALE, selfCheck: true, onError: (e) => errors.push(e) });
    const target = { baseUrl: mock.url, app: DEMO_APP, encoding: 'base64' as const };
    // A first, untimed pay warms the mock up (its schemas compile on first use), so that no timed run pays for it.
    await runCheckout({ target, request: payRequest('0.01') });
    await Promise.all(
      CASES.map(async (c) => {
        runs.set(c.name, await runCheckout({ target, request: payRequest(c.amount), scenario: c.scenario, policy: POLICY }));
      }),
    );
  });
  after(async () => {
    await mock.close();
    assert.deepEqual(errors, []);
  });

  for (const c of CASES) {
    test(`${c.name}: ends ${c.outcome}, and the audit of its journal passes`, async () => {
      const result = runs.get(c.name)!;
      assert.equal(result.outcome, c.outcome, JSON.stringify(result.timeline));
      const entries = await journalOf(mock.url, result.order_id);
      assert.match(pathsOf(entries), c.calls);
      assert.equal(pathsOf(result.timeline), pathsOf(entries));
      const report = auditJournal(entries, POLICY);
      assert.deepEqual(report.findings, []);
      assert.deepEqual(report.orders.map((o) => o.order_id), [result.order_id]);
    });
  }

  test('the same runs judged at the unscaled policy break its time rules: the scale is what makes them pass', async () => {
    const entries = await journalOf(mock.url, runs.get('USER_PAYING (resolves paid)')!.order_id);
    assert.ok(auditJournal(entries).findings.some((f) => f.rule === 'poll-too-fast'));
  });
});

describe('the reference checkout on the mock clock, at the documented timings', () => {
  const clock = manualClock();
  let confirms: MockServer;
  let never: MockServer;
  before(async () => {
    // One customer confirms 12 s after paying; at the other, it takes 60 s — longer than the 30 s a cashier waits.
    confirms = await startMockServer({ port: 0, clock, pendingMs: 12_000, selfCheck: true });
    never = await startMockServer({ port: 0, clock, pendingMs: 60_000, selfCheck: true });
  });
  after(async () => {
    await confirms.close();
    await never.close();
  });

  const checkout = (mock: MockServer, scenario?: string) =>
    runCheckout({ target: { baseUrl: mock.url, app: DEMO_APP, encoding: 'base64' }, request: payRequest('0.30', 'alipay'), scenario, clock: steppedClock(clock) });

  test('confirmed after 12 s: found paid by the query at 15 s', async () => {
    const result = await checkout(confirms);
    assert.equal(result.outcome, 'paid');
    assert.deepEqual(result.timeline.map((s) => [s.call, s.at, s.order_status]), [
      ['/pay/qrcode', 0, 0],
      ['/pay/get', 5_000, 0],
      ['/pay/get', 10_000, 0],
      ['/pay/get', 15_000, 1],
    ]);
    assert.deepEqual(auditJournal(await journalOf(confirms.url, result.order_id)).findings, []);
  });

  test('never confirmed in time: queries every 5 s up to 30 s, then one cancel', async () => {
    const result = await checkout(never, 'USER_PAYING_FAILS');
    assert.equal(result.outcome, 'cancelled');
    assert.equal(result.order_status, 5);
    assert.deepEqual(result.timeline.map((s) => [s.call, s.at]), [
      ['/pay/qrcode', 0],
      ...[5, 10, 15, 20, 25, 30].map((t) => ['/pay/get', t * 1000]),
      ['/pay/cancel', 30_000],
    ]);
    const report = auditJournal(await journalOf(never.url, result.order_id));
    assert.deepEqual(report.findings, []);
    assert.equal(report.policy.deadlineMs, DEFAULT_POLICY.deadlineMs);
  });
});
