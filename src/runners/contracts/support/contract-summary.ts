/**
 * The contract summary: the seed and the targets at the start (global setup); at the end, per
 * project, the rules checked / passed / failed, the error-code dialect seen and why tests were
 * skipped — on the console and in reports/contract-summary.json (global teardown). Neither is a
 * reporter, so `--reporter=line` or any other choice keeps them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { mergeTallies, type Tally } from '../../../checks/contract/tally.ts';
import { RULE_NAMES } from '../../../checks/contract/rule-names.ts';
import { describeTarget, targetFrom, type TargetKind } from './target.ts';
import { clearRecords, readRecords, type TestRecord } from './run-records.ts';

const SUMMARY_FILE = process.env.PAYCHECK_SUMMARY_FILE ?? 'reports/contract-summary.json';

interface ProjectSummary {
  target: string;
  tests: { passed: number; failed: number; skipped: number };
  rules: Tally;
  dialects: Record<string, number>;
  controls?: boolean;
  skipped: Record<string, number>;
  rulesFailed: string[];
}

/** The line that says where a project is aimed, from its `use` options and the environment. */
function targetLine(project: FullConfig['projects'][number]): string {
  const use = project.use as { targetKind?: TargetKind; targetUrl?: string; requireControls?: boolean };
  try {
    // The suite's own mocks must offer their controls (the fixture fails the run if they do not).
    return describeTarget(project.name, { ...targetFrom(use.targetKind ?? 'mock', use.targetUrl, process.env), ...(use.requireControls ? { controls: true } : {}) });
  } catch (error) {
    return `[${project.name}] ${(error as Error).message}`;
  }
}

export function announceRun(config: FullConfig, recordsDir: string): void {
  clearRecords(recordsDir);
  const seed = process.env.PAY_SEED;
  console.log(`paycheck contracts: PAY_SEED=${seed} (set PAY_SEED=${seed} to replay this run's data)`);
  for (const project of config.projects) console.log(targetLine(project));
}

function summarize(config: FullConfig, records: readonly TestRecord[]): Map<string, ProjectSummary> {
  const projects = new Map<string, ProjectSummary>();
  for (const project of config.projects) {
    projects.set(project.name, { target: targetLine(project), tests: { passed: 0, failed: 0, skipped: 0 }, rules: {}, dialects: {}, skipped: {}, rulesFailed: [] });
  }
  for (const record of records) {
    const summary = projects.get(record.project);
    if (!summary) continue;
    if (record.status === 'skipped') {
      summary.tests.skipped += 1;
      const reason = record.skip ?? 'skipped';
      summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
      continue;
    }
    if (record.status === 'passed') summary.tests.passed += 1;
    else summary.tests.failed += 1;
    if (!record.contract) continue;
    mergeTallies(summary.rules, record.contract.tally);
    summary.controls = record.contract.controls;
    for (const d of record.contract.dialects) summary.dialects[d] = (summary.dialects[d] ?? 0) + 1;
  }
  for (const s of projects.values()) s.rulesFailed = RULE_NAMES.filter((r) => (s.rules[r]?.failed ?? 0) > 0);
  return projects;
}

export function reportSummary(config: FullConfig, recordsDir: string): void {
  const projects = summarize(config, readRecords(recordsDir));
  const out: { seed: number; projects: Record<string, ProjectSummary> } = { seed: Number(process.env.PAY_SEED), projects: {} };
  console.log('\ncontract summary');
  for (const [name, s] of projects) {
    if (s.tests.passed + s.tests.failed + s.tests.skipped === 0) continue;
    const rules = RULE_NAMES.filter((r) => s.rules[r]);
    const checks = rules.reduce((n, r) => n + (s.rules[r]?.checked ?? 0), 0);
    const failedChecks = rules.reduce((n, r) => n + (s.rules[r]?.failed ?? 0), 0);
    const dialect = Object.keys(s.dialects).length === 0 ? 'not seen' : Object.entries(s.dialects).map(([d, n]) => `${d} (${n})`).join(', ');
    console.log(
      `  ${name}: ${rules.length} rules, ${checks} checks, ${checks - failedChecks} passed, ${failedChecks} failed${s.rulesFailed.length ? ` (${s.rulesFailed.join(', ')})` : ''}; ` +
        `dialect ${Object.keys(s.dialects).length > 1 ? 'MIXED: ' : ''}${dialect}; tests ${s.tests.passed} passed, ${s.tests.failed} failed, ${s.tests.skipped} skipped`,
    );
    for (const [reason, n] of Object.entries(s.skipped)) console.log(`    skipped ${n}: ${reason}`);
    out.projects[name] = s;
  }
  mkdirSync(dirname(SUMMARY_FILE), { recursive: true });
  writeFileSync(SUMMARY_FILE, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`  written to ${SUMMARY_FILE}`);
}
