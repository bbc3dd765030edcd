/**
 * Per-rule counts for the contract summary: how often each rule applied, passed and failed.
 * Tallies are plain JSON so workers can hand them to the reporter.
 */
import { RULE_NAMES, type RuleName } from './rule-names.ts';
import type { ContractResult } from './contract-check.ts';
import type { Finding } from './finding.ts';

interface RuleCount {
  checked: number;
  passed: number;
  failed: number;
}

export type Tally = Partial<Record<RuleName, RuleCount>>;

export function tallyOf(result: ContractResult): Tally {
  return tallyChecked(result.checked, result.findings);
}

export function tallyChecked(checked: readonly RuleName[], findings: readonly Finding[]): Tally {
  const failing = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule));
  const tally: Tally = {};
  for (const rule of new Set(checked)) {
    const bad = failing.has(rule);
    tally[rule] = { checked: 1, passed: bad ? 0 : 1, failed: bad ? 1 : 0 };
  }
  return tally;
}

export function mergeTallies(into: Tally, from: Tally): Tally {
  for (const rule of RULE_NAMES) {
    const add = from[rule];
    if (!add) continue;
    const have = (into[rule] ??= { checked: 0, passed: 0, failed: 0 });
    have.checked += add.checked;
    have.passed += add.passed;
    have.failed += add.failed;
  }
  return into;
}
