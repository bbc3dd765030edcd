/**
 * Every check `paycheck audit` runs, by its stable name, with what it flags and the policy values
 * it reads. Findings, the report and docs/lifecycle.md's table use these names; renaming one is a
 * breaking change of the reports. Runtime-neutral.
 */
import type { AuditPolicy } from '../../kernel/lifecycle/policy.ts';

export interface AuditRule {
  flags: string;
  /** The policy values the rule is judged by; none for a rule of conduct alone. */
  policy: readonly (keyof AuditPolicy)[];
}

export const AUDIT_RULES = {
  'no-follow-up': {
    flags: 'a pay answered 1002 or 5001, or not answered at all (transport fault, an answer spoiled on the wire, a slow scenario), and the order was never queried nor cancelled',
    policy: ['unansweredScenarios'],
  },
  'poll-too-fast': {
    flags: 'a query of an open order sooner than the least interval after the pay call or the previous query',
    policy: ['minPollIntervalMs', 'toleranceMs'],
  },
  'poll-too-slow': {
    flags: 'a follow-up (query or cancel) of an open order later than the longest interval after the answered pay or the previous query',
    policy: ['maxPollIntervalMs', 'toleranceMs'],
  },
  'poll-beyond-deadline': {
    flags: 'queries of an open order still going after the deadline (counted from the pay call) instead of a cancel',
    policy: ['deadlineMs', 'toleranceMs'],
  },
  'cancel-with-result': {
    flags: 'a cancel after the cashier had been told a final result (paid, failed, closed, cancelled, refunded): a paid order is refunded with /pay/refund, nothing else needs undoing',
    policy: [],
  },
  'cancel-too-early': {
    flags: 'a cancel sooner than the minimum after the pay call, while the customer may still be confirming',
    policy: ['minCancelAfterMs', 'toleranceMs'],
  },
  'too-many-cancels': {
    flags: 'more cancel calls for one order than the first one and its bounded retries',
    policy: ['maxCancelAttempts'],
  },
  'repay-same-order': {
    flags: 'a second /pay/qrcode with the order_id of a pay that created an order or went unanswered (a new attempt needs a new order_id)',
    policy: [],
  },
  'no-final-state': {
    flags: "an order whose last status in the journal is paying (0) or unknown (-10): the cashier left it open",
    policy: [],
  },
} as const satisfies Record<string, AuditRule>;

export type AuditRuleName = keyof typeof AUDIT_RULES;
export const AUDIT_RULE_NAMES = Object.keys(AUDIT_RULES) as AuditRuleName[];

/** The policy values a rule reads, as a markdown table cell: `` `minPollIntervalMs` 5 s, `toleranceMs` 1 s ``. */
export function policyCell(rule: AuditRuleName, policy: AuditPolicy): string {
  const keys = AUDIT_RULES[rule].policy;
  if (keys.length === 0) return '—';
  return keys.map((key) => `\`${key}\` ${shownPolicyValue(key, policy[key])}`).join(', ');
}

function shownPolicyValue(key: keyof AuditPolicy, value: AuditPolicy[keyof AuditPolicy]): string {
  if (Array.isArray(value)) return value.map((v) => `\`${v}\``).join(' ');
  return key.endsWith('Ms') ? shownDuration(Number(value)) : String(value);
}

/** 5000 → `5 s`, 50 → `50 ms`. */
export function shownDuration(ms: number): string {
  return Math.abs(ms) >= 1000 ? `${Number((ms / 1000).toFixed(3))} s` : `${Number(ms.toFixed(1))} ms`;
}
