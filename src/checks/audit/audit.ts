/**
 * A cashier's conduct, judged from the mock's request journal against the documented practice
 * (policy.ts). The journal is grouped into one trail per order (app_id + order_id; calls naming
 * only a trade_no join the order that trade_no belongs to); each named rule (audit-rules.ts)
 * looks at a trail and returns findings. Runtime-neutral: no node:* import.
 */
import { answerReadable, type JournalEntry } from '../../kernel/journal-entry.ts';
import { AUDIT_RULE_NAMES, shownDuration, type AuditRuleName } from './audit-rules.ts';
import { isOpenStatus, isResultStatus, statusName } from '../../kernel/lifecycle/order-status.ts';
import { resolvePolicy, type AuditPolicy } from '../../kernel/lifecycle/policy.ts';
import { kindOf } from '../../kernel/codes.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';

const QUERY_CALLS: ReadonlySet<string> = new Set([API_PATHS.get, API_PATHS.check]);

export interface AuditFinding {
  rule: AuditRuleName;
  order_id: string;
  app_id?: string;
  /** The journal entry the finding is about. */
  seq: number;
  /** Milliseconds after the order's (first) pay call. */
  at: number;
  expected: string;
  actual: string;
  message: string;
}

interface AuditedOrder {
  order_id: string;
  app_id?: string;
  /** Calls of this order from its first pay on. */
  calls: number;
  /** The order's last status in the journal. */
  last_status?: number;
}

export interface AuditReport {
  /** The policy as judged (durations already multiplied by the time scale). */
  policy: AuditPolicy;
  orders: AuditedOrder[];
  rules: AuditRuleName[];
  findings: AuditFinding[];
  /** Entries that named no order, or an order with no pay call in the journal (not judged). */
  skipped: number;
  passed: boolean;
}

/** One order's calls, oldest first, from its first pay call on. */
interface Trail {
  order_id: string;
  app_id?: string;
  entries: JournalEntry[];
  /** The pay call that counts: the first one not refused before an order existed. */
  pay: JournalEntry;
  /** The calls after it. */
  after: JournalEntry[];
}

interface Judge {
  policy: AuditPolicy;
  finding(trail: Trail, entry: JournalEntry, rule: AuditRuleName, expected: string, actual: string, message: string): AuditFinding;
}

type Check = (trail: Trail, judge: Judge) => AuditFinding[];

export function auditJournal(entries: readonly JournalEntry[], policy: Partial<AuditPolicy> = {}): AuditReport {
  const resolved = resolvePolicy(policy);
  const { trails, skipped } = trailsOf(entries);
  const judge: Judge = {
    policy: resolved,
    finding: (trail, entry, rule, expected, actual, message) => ({
      rule,
      order_id: trail.order_id,
      ...(trail.app_id === undefined ? {} : { app_id: trail.app_id }),
      seq: entry.seq,
      at: entry.at_ms - trail.pay.at_ms,
      expected,
      actual,
      message,
    }),
  };
  const findings = trails.flatMap((trail) => AUDIT_RULE_NAMES.flatMap((rule) => CHECKS[rule](trail, judge)));
  findings.sort((a, b) => a.seq - b.seq || AUDIT_RULE_NAMES.indexOf(a.rule) - AUDIT_RULE_NAMES.indexOf(b.rule));
  return {
    policy: resolved,
    orders: trails.map((t) => ({
      order_id: t.order_id,
      ...(t.app_id === undefined ? {} : { app_id: t.app_id }),
      calls: t.entries.length,
      ...optionalStatus(lastStatus(t.entries)),
    })),
    rules: [...AUDIT_RULE_NAMES],
    findings,
    skipped,
    passed: findings.length === 0,
  };
}

function optionalStatus(status: number | undefined): { last_status?: number } {
  return status === undefined ? {} : { last_status: status };
}

function trailsOf(entries: readonly JournalEntry[]): { trails: Trail[]; skipped: number } {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const byKey = new Map<string, { order_id: string; app_id?: string; entries: JournalEntry[] }>();
  const keyOfTrade = new Map<string, string>();
  let skipped = 0;
  for (const entry of sorted) {
    const app = entry.app_id ?? '';
    const tradeKey = entry.trade_no === undefined ? undefined : `${app}\u0000${entry.trade_no}`;
    const key = entry.order_id !== undefined ? `${app}\u0000${entry.order_id}` : tradeKey === undefined ? undefined : keyOfTrade.get(tradeKey);
    if (key === undefined) {
      skipped += 1;
      continue;
    }
    if (tradeKey !== undefined && entry.order_id !== undefined) keyOfTrade.set(tradeKey, key);
    let group = byKey.get(key);
    if (!group) {
      const orderId = entry.order_id ?? key.slice(key.indexOf('\u0000') + 1);
      group = { order_id: orderId, ...(entry.app_id === undefined ? {} : { app_id: entry.app_id }), entries: [] };
      byKey.set(key, group);
    }
    group.entries.push(entry);
  }
  const trails: Trail[] = [];
  for (const group of byKey.values()) {
    const first = group.entries.findIndex((e) => e.path === API_PATHS.pay);
    if (first === -1) {
      skipped += group.entries.length;
      continue;
    }
    skipped += first;
    const kept = group.entries.slice(first);
    const counted = kept.findIndex((e) => e.path === API_PATHS.pay && !refusedPay(e));
    const pay = counted === -1 ? 0 : counted;
    trails.push({ ...group, entries: kept, pay: kept[pay], after: kept.slice(pay + 1) });
  }
  return { trails, skipped };
}

/** Whether the client can have read this answer: a code came back, unspoiled, and not after a slow scenario's delay. */
function answered(entry: JournalEntry, policy: AuditPolicy): boolean {
  if (!answerReadable(entry)) return false;
  return !(entry.path === API_PATHS.pay && entry.scenario !== undefined && policy.unansweredScenarios.includes(entry.scenario));
}

/** The answer told the cashier a settled outcome. */
function toldResult(entry: JournalEntry, policy: AuditPolicy): boolean {
  return answered(entry, policy) && kindOf(entry.code) === 'final' && isResultStatus(entry.order_status);
}

/** A pay answered with an error before any order existed (a bad field, a rate limit): it may be sent again as it was. */
function refusedPay(pay: JournalEntry): boolean {
  return pay.code !== undefined && pay.order_status === undefined && kindOf(pay.code) !== 'open';
}

function payIsOpen(pay: JournalEntry, policy: AuditPolicy): boolean {
  return !answered(pay, policy) || kindOf(pay.code) === 'open';
}

function lastStatus(entries: readonly JournalEntry[]): number | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].order_status !== undefined) return entries[i].order_status;
  return undefined;
}

/**
 * The calls made while the order's outcome was open, up to and including the one that told the
 * result (none when the pay itself told it).
 */
function openCalls(trail: Trail, policy: AuditPolicy): JournalEntry[] {
  if (!payIsOpen(trail.pay, policy)) return [];
  const calls: JournalEntry[] = [];
  for (const entry of trail.after) {
    calls.push(entry);
    if (toldResult(entry, policy)) break;
  }
  return calls;
}

const isQuery = (entry: JournalEntry) => QUERY_CALLS.has(entry.path);
const isCancel = (entry: JournalEntry) => entry.path === API_PATHS.cancel;
const since = (trail: Trail, entry: JournalEntry) => entry.at_ms - trail.pay.at_ms;

/** Each rule of audit-rules.ts, as its own check. */
const CHECKS: Readonly<Record<AuditRuleName, Check>> = {
  'no-follow-up': (trail, { policy, finding }) => {
    if (!payIsOpen(trail.pay, policy)) return [];
    if (trail.after.some((e) => isQuery(e) || isCancel(e))) return [];
    const told = answered(trail.pay, policy) ? `answered ${trail.pay.code}` : 'went unanswered';
    return [finding(trail, trail.pay, 'no-follow-up', 'a query (/pay/get or /pay/check), then a cancel if no result comes', 'no query and no cancel', `the pay ${told}, and the order was never queried nor cancelled`)];
  },

  'poll-too-fast': (trail, { policy, finding }) => {
    const least = policy.minPollIntervalMs - policy.toleranceMs;
    const chain = [trail.pay, ...openCalls(trail, policy).filter(isQuery)];
    return gaps(chain)
      .filter(({ gap }) => gap < least)
      .map(({ from, to, gap }) =>
        finding(trail, to, 'poll-too-fast', `≥ ${shownDuration(policy.minPollIntervalMs)} since the previous call`, shownDuration(gap), `${to.path} ${shownDuration(gap)} after the ${from === trail.pay ? 'pay call' : 'previous query'}`),
      );
  },

  'poll-too-slow': (trail, { policy, finding }) => {
    const most = policy.maxPollIntervalMs + policy.toleranceMs;
    const open = openCalls(trail, policy);
    const firstCancel = open.findIndex(isCancel);
    // The waits of an open order: between its queries, and from the last one to the first cancel.
    const chain = open.slice(0, firstCancel === -1 ? open.length : firstCancel).filter(isQuery);
    if (firstCancel !== -1) chain.push(open[firstCancel]);
    // An unanswered pay leaves the client waiting out its own timeout: only an answered one starts the clock.
    if (answered(trail.pay, policy)) chain.unshift(trail.pay);
    return gaps(chain)
      .filter(({ gap }) => gap > most)
      .map(({ to, gap }) => finding(trail, to, 'poll-too-slow', `≤ ${shownDuration(policy.maxPollIntervalMs)} between follow-ups`, shownDuration(gap), `${to.path} came ${shownDuration(gap)} after the previous call while the order was open`));
  },

  'poll-beyond-deadline': (trail, { policy, finding }) => {
    const late = openCalls(trail, policy).filter((e) => isQuery(e) && since(trail, e) > policy.deadlineMs + policy.toleranceMs);
    if (late.length === 0) return [];
    return [
      finding(trail, late[0], 'poll-beyond-deadline', `queries stop by ${shownDuration(policy.deadlineMs)} after the pay call, then a cancel`, `${late.length} ${late.length === 1 ? 'query' : 'queries'} after it, the first at ${shownDuration(since(trail, late[0]))}`, 'the order was still queried past the deadline instead of being cancelled'),
    ];
  },

  'cancel-with-result': (trail, { policy, finding }) => {
    const told = trail.entries.findIndex((e) => toldResult(e, policy));
    if (told === -1) return [];
    const result = trail.entries[told];
    return trail.entries
      .slice(told + 1)
      .filter(isCancel)
      .map((cancel) =>
        finding(trail, cancel, 'cancel-with-result', 'no cancel once a result is known (refund a paid order instead)', `cancel after ${result.path} told ${statusName(result.order_status)} (seq ${result.seq})`, `${API_PATHS.cancel} although the cashier had been told the order was ${statusName(result.order_status)}`),
      );
  },

  'cancel-too-early': (trail, { policy, finding }) =>
    trail.entries
      .filter((e) => isCancel(e) && since(trail, e) < policy.minCancelAfterMs - policy.toleranceMs)
      .map((cancel) => finding(trail, cancel, 'cancel-too-early', `≥ ${shownDuration(policy.minCancelAfterMs)} after the pay call`, shownDuration(since(trail, cancel)), `${API_PATHS.cancel} ${shownDuration(since(trail, cancel))} after the pay call: the customer may still be confirming`)),

  'too-many-cancels': (trail, { policy, finding }) => {
    const cancels = trail.entries.filter(isCancel);
    if (cancels.length <= policy.maxCancelAttempts) return [];
    return [finding(trail, cancels[policy.maxCancelAttempts], 'too-many-cancels', `≤ ${policy.maxCancelAttempts} cancel calls`, `${cancels.length}`, `${cancels.length} cancel calls for one order; after ${policy.maxCancelAttempts} it needs a person, not another retry`)];
  },

  'repay-same-order': (trail, { finding }) => {
    if (refusedPay(trail.pay)) return [];
    return trail.after
      .filter((e) => e.path === API_PATHS.pay)
      .map((pay) => finding(trail, pay, 'repay-same-order', 'a new order_id for a new pay attempt', `a second pay of order_id ${trail.order_id}${pay.code === undefined ? '' : `, answered ${pay.code}`}`, `the order of the pay at seq ${trail.pay.seq} was paid again: query or cancel it, and pay anew under another order_id`));
  },

  'no-final-state': (trail, { finding }) => {
    const status = lastStatus(trail.entries);
    if (!isOpenStatus(status)) return [];
    const last = [...trail.entries].reverse().find((e) => e.order_status !== undefined)!;
    return [finding(trail, last, 'no-final-state', 'the order ends paid, failed, closed or cancelled', statusName(status), `the journal ends with the order ${statusName(status)}: the cashier left it open`)];
  },
};

function gaps(chain: readonly JournalEntry[]): { from: JournalEntry; to: JournalEntry; gap: number }[] {
  return chain.slice(1).map((to, i) => ({ from: chain[i], to, gap: to.at_ms - chain[i].at_ms }));
}
