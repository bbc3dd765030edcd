/**
 * The contract summary: the seed and the targets at the start (global setup); at the end, per
 * project, the rules checked / passed / failed, the readings the target took where the documents
 * allow two (the error-code dialect among them), the strict limits it held and did not, and why
 * tests were skipped — on the console and in reports/contract-summary.json (global teardown).
 * Neither is a reporter, so `--reporter=line` or any other choice keeps them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { mergeTallies, type Tally } from '../../../checks/contract/tally.ts';
import { RULE_NAMES } from '../../../checks/contract/rule-names.ts';
import { describeSeen, readingDemands, READING_NAMES, READINGS } from '../../../checks/contract/readings.ts';
import { describeTarget, targetFrom, type TargetKind } from './target.ts';
import { clearRecords, readRecords, type TestRecord } from './run-records.ts';
import { mergeReadings, mergeStrict, type ReadingCounts, type StrictCounts } from './verdicts.ts';
import { machineReadableStdout, summaryFileFrom } from './suite-settings.ts';

const SUMMARY_FILE = summaryFileFrom(process.env);

/** The suite's own lines: on stdout, unless a reporter writes JSON or XML there (--reporter=json). */
function sayerFor(config: FullConfig): (line: string) => void {
  return machineReadableStdout(config.reporter, process.env) ? (line) => console.error(line) : (line) => console.log(line);
}

interface ProjectSummary {
  target: string;
  tests: { passed: number; failed: number; skipped: number };
  rules: Tally;
  readings: ReadingCounts;
  strict: StrictCounts;
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
  const say = sayerFor(config);
  const seed = process.env.PAY_SEED;
  say(`paycheck contracts: PAY_SEED=${seed} (set PAY_SEED=${seed} to replay this run's data)`);
  for (const project of config.projects) say(targetLine(project));
}

function summarize(config: FullConfig, records: readonly TestRecord[]): Map<string, ProjectSummary> {
  const projects = new Map<string, ProjectSummary>();
  for (const project of config.projects) {
    projects.set(project.name, { target: targetLine(project), tests: { passed: 0, failed: 0, skipped: 0 }, rules: {}, readings: {}, strict: {}, skipped: {}, rulesFailed: [] });
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
    mergeReadings(summary.readings, record.contract.readings);
    mergeStrict(summary.strict, record.contract.strict);
  }
  for (const s of projects.values()) s.rulesFailed = RULE_NAMES.filter((r) => (s.rules[r]?.failed ?? 0) > 0);
  return projects;
}

/** The readings the target took, then those it never showed. */
function readingLines(readings: ReadingCounts, demands: ReadonlyMap<string, string>): string[] {
  const seen = READING_NAMES.filter((name) => readings[name]);
  const unseen = READING_NAMES.filter((name) => !readings[name]);
  return [
    `readings: ${seen.length ? seen.map((name) => describeSeen(name, readings[name], demands.get(name))).join('; ') : 'none shown'}`,
    ...(unseen.length ? [`not shown: ${unseen.map((name) => `${READINGS[name].subject} [${READINGS[name].decision}]`).join('; ')}`] : []),
  ];
}

/** The strict limits: how many held, and each one that did not, with what the target answered. */
function strictLine(strict: StrictCounts): string {
  const limits = Object.entries(strict);
  if (limits.length === 0) return "strict limits (paycheck's own, where the seed is silent): none tested";
  const held = limits.filter(([, c]) => c.notHeld === 0);
  const lax = limits.filter(([, c]) => c.notHeld > 0);
  return `strict limits (paycheck's own, where the seed is silent): ${held.length} of ${limits.length} held` +
    (lax.length ? `; not held: ${lax.map(([limit, c]) => `${limit} [${c.decision}] (answered ${c.answers.join(', ')})`).join('; ')}` : '');
}

export function reportSummary(config: FullConfig, recordsDir: string): void {
  const projects = summarize(config, readRecords(recordsDir));
  const out: { seed: number; projects: Record<string, ProjectSummary> } = { seed: Number(process.env.PAY_SEED), projects: {} };
  // The workers read the same variables; a junk value has stopped the run long before this.
  const demands = readingDemands(process.env);
  const say = sayerFor(config);
  say('\ncontract summary');
  for (const [name, s] of projects) {
    if (s.tests.passed + s.tests.failed + s.tests.skipped === 0) continue;
    const rules = RULE_NAMES.filter((r) => s.rules[r]);
    const checks = rules.reduce((n, r) => n + (s.rules[r]?.checked ?? 0), 0);
    const failedChecks = rules.reduce((n, r) => n + (s.rules[r]?.failed ?? 0), 0);
    say(
      `  ${name}: ${rules.length} rules, ${checks} checks, ${checks - failedChecks} passed, ${failedChecks} failed${s.rulesFailed.length ? ` (${s.rulesFailed.join(', ')})` : ''}; ` +
        `tests ${s.tests.passed} passed, ${s.tests.failed} failed, ${s.tests.skipped} skipped`,
    );
    for (const line of readingLines(s.readings, demands)) say(`    ${line}`);
    say(`    ${strictLine(s.strict)}`);
    for (const [reason, n] of Object.entries(s.skipped)) say(`    skipped ${n}: ${reason}`);
    out.projects[name] = s;
  }
  mkdirSync(dirname(SUMMARY_FILE), { recursive: true });
  writeFileSync(SUMMARY_FILE, `${JSON.stringify(out, null, 2)}\n`);
  say(`  written to ${SUMMARY_FILE}`);
}
