import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditJournal } from '../../src/checks/audit/audit.ts';
import { AUDIT_RULE_NAMES, type AuditRuleName } from '../../src/checks/audit/audit-rules.ts';
import { answerReadable, type JournalEntry } from '../../src/kernel/journal-entry.ts';
import { DEFAULT_POLICY, resolvePolicy } from '../../src/kernel/lifecycle/policy.ts';
import { polls, staged } from './journal-builder.ts';

const rulesOf = (entries: readonly JournalEntry[], policy = {}) => auditJournal(entries, policy).findings.map((f) => f.rule);

const CORRECT: Record<string, () => JournalEntry[]> = {
  'paid at once': () => staged().pay(0, { code: 1000, status: 1, scenario: 'SUCCESS' }).entries,
  'failed at once': () => staged().pay(0, { code: 1001, status: -1, scenario: 'FAILED' }).entries,
  'paying, polled every 5 s, then paid': () => staged().pay(0).get(5).get(10).get(15, 1).entries,
  'paying, polled by /pay/check every 8 s, then failed': () => staged().pay(0).check(8).check(16, -1).entries,
  'paying for good, polled to 25 s, then cancelled': () => polls(staged().pay(0), 5, 25, 5).cancel(25.2).entries,
  'paying, closed by the platform while polled': () => staged().pay(0).get(6).get(12, 4).entries,
  'a timed-out pay, queried once its timeout ran out, found paid': () => staged().pay(0, { status: 1, scenario: 'PAID_SLOW', code: 1000 }).get(15, 1).entries,
  'a reset pay, queried, then cancelled after retries (Alipay: up to 3)': () =>
    staged().pay(0, { status: -10 }).get(5, -10).get(10, -10).get(15, -10).get(20, -10).cancel(20.5, {}).cancel(25.5, { code: 5001, status: 5 }).cancel(30.5, { code: 1005, status: 5 }).entries,
  'a pay refused before any order existed, sent again': () => staged().pay(0, { code: 3004 }).pay(1, { code: 1000, status: 1, scenario: 'SUCCESS' }).entries,
  'a refused pay sent again, answered 1002, then polled': () => staged().pay(0, { code: 5002 }).pay(1).get(6).get(11, 1).entries,
  'a query by trade_no only joins its order': () => staged().pay(0).get(5).get(10, 1, { tradeOnly: true }).entries,
  'a truncated 1000 pay, queried, found paid': () => staged().pay(0, { code: 1000, status: 1, scenario: 'SUCCESS', fault: 'truncate' }).get(5, 1).entries,
};

for (const [name, journal] of Object.entries(CORRECT)) {
  test(`correct conduct passes: ${name}`, () => {
    const report = auditJournal(journal());
    assert.deepEqual(report.findings, []);
    assert.equal(report.passed, true);
    assert.equal(report.orders.length, 1);
  });
}

/** Each kind of misconduct, staged, with the rules it must raise (and no others). */
const MISCONDUCT: { name: string; journal: () => JournalEntry[]; rules: AuditRuleName[] }[] = [
  { name: 'a 1002 left alone', journal: () => staged().pay(0).entries, rules: ['no-follow-up', 'no-final-state'] },
  { name: 'a pay that timed out (slow scenario), never followed up', journal: () => staged().pay(0, { code: 1000, status: 1, scenario: 'PAID_SLOW' }).entries, rules: ['no-follow-up'] },
  { name: 'a transport fault on the pay, never followed up', journal: () => staged().pay(0, { status: -10 }).entries, rules: ['no-follow-up', 'no-final-state'] },
  { name: 'a truncated 1000 pay taken as paid', journal: () => staged().pay(0, { code: 1000, status: 1, scenario: 'SUCCESS', fault: 'truncate' }).entries, rules: ['no-follow-up'] },
  { name: 'a non-JSON answer to a 1002 pay, left alone', journal: () => staged().pay(0, { code: 1002, status: 0, fault: 'non-json' }).entries, rules: ['no-follow-up', 'no-final-state'] },
  { name: 'a query 0.5 s after the 1002', journal: () => staged().pay(0).get(0.5, 1).entries, rules: ['poll-too-fast'] },
  { name: 'a tight polling loop', journal: () => polls(staged().pay(0), 0.1, 1, 0.1).get(1.1, 1).entries, rules: Array(11).fill('poll-too-fast') },
  { name: 'a 12 s gap between queries', journal: () => staged().pay(0).get(5).get(17, 1).entries, rules: ['poll-too-slow'] },
  { name: 'the first query 20 s after an answered 1002', journal: () => staged().pay(0).get(20, 1).entries, rules: ['poll-too-slow'] },
  { name: 'a 15 s wait from the last query to the cancel', journal: () => staged().pay(0).get(5).get(10).cancel(25).entries, rules: ['poll-too-slow'] },
  { name: 'polling on to 45 s', journal: () => polls(staged().pay(0), 5, 45, 5).cancel(45.5).entries, rules: ['poll-beyond-deadline'] },
  { name: 'a cancel after the query said paid', journal: () => staged().pay(0).get(5).get(10, 1).cancel(20, { code: 1000, status: 5 }).entries, rules: ['cancel-with-result'] },
  { name: 'a cancel after a 1000 pay', journal: () => staged().pay(0, { code: 1000, status: 1, scenario: 'SUCCESS' }).cancel(16, { code: 1000, status: 5 }).entries, rules: ['cancel-with-result'] },
  { name: 'a second cancel after a successful one', journal: () => polls(staged().pay(0), 5, 25, 5).cancel(26).cancel(27, { code: 1005, status: 5 }).entries, rules: ['cancel-with-result'] },
  { name: 'a cancel at once after the 1002', journal: () => staged().pay(0).cancel(0.3).entries, rules: ['cancel-too-early'] },
  { name: 'a cancel at 10 s', journal: () => staged().pay(0).get(5).get(10).cancel(10.2).entries, rules: ['cancel-too-early'] },
  { name: 'four cancels', journal: () => polls(staged().pay(0), 5, 25, 5).cancel(26, {}).cancel(27, {}).cancel(28, {}).cancel(29, { code: 1000, status: 5 }).entries, rules: ['too-many-cancels'] },
  { name: 'a refused pay sent again, answered 1002, then left alone', journal: () => staged().pay(0, { code: 3001 }).pay(1).entries, rules: ['no-follow-up', 'no-final-state'] },
  { name: 'a re-pay after a 1002', journal: () => staged().pay(0).pay(3, { code: 1007, status: 0 }).get(8, 1).entries, rules: ['repay-same-order'] },
  { name: 'a re-pay after a timeout', journal: () => staged().pay(0, { code: 1000, status: 1, scenario: 'PAID_SLOW' }).pay(15, { code: 1003, status: 1 }).entries, rules: ['no-follow-up', 'repay-same-order'] },
  { name: 'polling given up at 10 s, order left paying', journal: () => staged().pay(0).get(5).get(10).entries, rules: ['no-final-state'] },
];

for (const { name, journal, rules } of MISCONDUCT) {
  test(`misconduct is flagged: ${name} → ${[...new Set(rules)].join(', ')}`, () => {
    const report = auditJournal(journal());
    assert.deepEqual(report.findings.map((f) => f.rule).sort(), [...rules].sort());
    assert.equal(report.passed, false);
  });
}

test('every rule is staged by a misconduct case', () => {
  const staged = new Set(MISCONDUCT.flatMap((m) => m.rules));
  assert.deepEqual(AUDIT_RULE_NAMES.filter((r) => !staged.has(r)), []);
});

test('a finding names its order, entry, time since the pay and what was expected', () => {
  const [finding] = auditJournal(staged('PC42').pay(0).get(5).get(10).cancel(10.2).entries).findings;
  assert.equal(finding.rule, 'cancel-too-early');
  assert.equal(finding.order_id, 'PC42');
  assert.equal(finding.app_id, 'paycheck-demo-app');
  assert.equal(finding.seq, 4);
  assert.equal(finding.at, 10_200);
  assert.match(finding.expected, /15 s/);
  assert.match(finding.actual, /10\.2 s/);
  assert.match(finding.message, /\/pay\/cancel/);
});

test('orders are kept apart, and the report lists them, the rules and what was skipped', () => {
  const a = staged('A').pay(0, { code: 1000, status: 1 }).entries;
  const b = staged('B').pay(0).get(1, 1).entries;
  const entries = [...a, ...b].map((e, i) => ({ ...e, seq: i + 1 }));
  entries.push({ seq: 10, at_ms: entries[0].at_ms, method: 'POST', path: '/pay/get', code: 3001 });
  entries.push({ seq: 11, at_ms: entries[0].at_ms, method: 'POST', path: '/pay/get', app_id: 'paycheck-demo-app', order_id: 'NEVER-PAID', code: 4001 });
  const report = auditJournal(entries);
  assert.deepEqual(report.orders.map((o) => [o.order_id, o.calls, o.last_status]), [['A', 1, 1], ['B', 2, 1]]);
  assert.deepEqual(report.rules, AUDIT_RULE_NAMES);
  assert.equal(report.skipped, 2);
  assert.deepEqual(report.findings.map((f) => [f.order_id, f.rule]), [['B', 'poll-too-fast']]);
});

test('entries are judged in seq order whatever order they come in', () => {
  const entries = staged().pay(0).get(5).get(10, 1).entries;
  assert.deepEqual(auditJournal([...entries].reverse()).findings, []);
});

test('the time scale lets a fast cashier pass, and the slow one fail', () => {
  const fast = polls(staged().pay(0), 0.05, 0.25, 0.05).cancel(0.252).entries;
  assert.ok(rulesOf(fast).includes('poll-too-fast'));
  assert.deepEqual(rulesOf(fast, { timeScale: 0.01 }), []);
  assert.deepEqual(rulesOf(staged().pay(0).get(5).get(10, 1).entries, { timeScale: 0.01 }), ['poll-too-slow', 'poll-beyond-deadline', 'poll-too-slow']);
});

test('policy values are data: a stricter or looser bound changes the verdict', () => {
  const journal = staged().pay(0).get(3).get(6, 1).entries;
  assert.deepEqual(rulesOf(journal), ['poll-too-fast', 'poll-too-fast']);
  assert.deepEqual(rulesOf(journal, { minPollIntervalMs: 3_000 }), []);
  assert.deepEqual(rulesOf(polls(staged().pay(0), 5, 25, 5).cancel(26, {}).cancel(27, {}).entries, { maxCancelAttempts: 1 }), ['no-final-state', 'too-many-cancels']);
});

test('resolvePolicy scales every duration and refuses nonsense', () => {
  const p = resolvePolicy({ timeScale: 0.1 });
  assert.equal(p.minPollIntervalMs, DEFAULT_POLICY.minPollIntervalMs * 0.1);
  assert.equal(p.deadlineMs, 3_000);
  assert.equal(p.maxCancelAttempts, DEFAULT_POLICY.maxCancelAttempts);
  assert.equal(p.timeScale, 0.1);
  assert.throws(() => resolvePolicy({ timeScale: 0 }), RangeError);
  assert.throws(() => resolvePolicy({ deadlineMs: Number.NaN }), RangeError);
  assert.throws(() => resolvePolicy({ maxCancelAttempts: 0 }), RangeError);
  assert.throws(() => resolvePolicy({ minPollIntervalMs: 20_000 }), RangeError);
});

test('an answer is readable when a code came back and no fault spoiled it on the wire', () => {
  const entry = (extra: Partial<JournalEntry>): JournalEntry => ({ seq: 1, at_ms: 0, method: 'POST', path: '/pay/qrcode', ...extra });
  assert.equal(answerReadable(entry({ code: 1000 })), true);
  assert.equal(answerReadable(entry({ code: 5002, fault: 'rate-limited' })), true, 'a fault that answers with a code is read');
  assert.equal(answerReadable(entry({})), false, 'no code: a transport fault answered');
  for (const fault of ['truncate', 'non-json', 'rate-limited,truncate']) assert.equal(answerReadable(entry({ code: 1000, fault })), false, fault);
});
