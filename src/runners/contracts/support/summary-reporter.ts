/**
 * The contract summary: the seed and the targets at the start; at the end, per project, the
 * rules checked / passed / failed, the error-code dialect seen and why tests were skipped — on
 * the console and in reports/contract-summary.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { mergeTallies, type Tally } from '../../../checks/contract/tally.ts';
import { RULE_NAMES } from '../../../checks/contract/rule-names.ts';
import type { ContractAttachment } from './verdicts.ts';
import { describeTarget, targetFrom, type TargetKind } from './target.ts';

export const SUMMARY_FILE = process.env.PAYCHECK_SUMMARY_FILE ?? 'reports/contract-summary.json';

interface ProjectSummary {
  target: string;
  tests: { passed: number; failed: number; skipped: number };
  rules: Tally;
  dialects: Record<string, number>;
  controls?: boolean;
  skipped: Record<string, number>;
}

export default class ContractSummaryReporter implements Reporter {
  private projects = new Map<string, ProjectSummary>();
  private seed = process.env.PAY_SEED;

  onBegin(_config: FullConfig, suite: Suite): void {
    console.log(`paycheck contracts: PAY_SEED=${this.seed} (set PAY_SEED=${this.seed} to replay this run's data)`);
    for (const project of suite.suites.map((s) => s.project()).filter((p) => p !== undefined)) {
      const use = project.use as { targetKind?: TargetKind; targetUrl?: string };
      let line: string;
      try {
        line = describeTarget(project.name, targetFrom(use.targetKind ?? 'mock', use.targetUrl, process.env));
      } catch (error) {
        line = `[${project.name}] ${(error as Error).message}`;
      }
      console.log(line);
      this.projects.set(project.name, { target: line, tests: { passed: 0, failed: 0, skipped: 0 }, rules: {}, dialects: {}, skipped: {} });
    }
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const summary = this.projects.get(test.parent.project()?.name ?? '');
    if (!summary) return;
    if (result.status === 'skipped') {
      summary.tests.skipped += 1;
      const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? result.annotations.find((a) => a.type === 'skip')?.description ?? 'skipped';
      summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
      return;
    }
    if (result.status === 'passed') summary.tests.passed += 1;
    else summary.tests.failed += 1;
    const attachment = result.attachments.find((a) => a.name === 'contract' && a.body);
    if (!attachment?.body) return;
    const data = JSON.parse(attachment.body.toString('utf8')) as ContractAttachment;
    mergeTallies(summary.rules, data.tally);
    summary.controls = data.controls;
    for (const d of data.dialects) summary.dialects[d] = (summary.dialects[d] ?? 0) + 1;
  }

  onEnd(): void {
    const out: Record<string, unknown> = { seed: Number(this.seed), projects: {} };
    console.log('\ncontract summary');
    for (const [name, s] of this.projects) {
      if (s.tests.passed + s.tests.failed + s.tests.skipped === 0) continue;
      const rules = RULE_NAMES.filter((r) => s.rules[r]);
      const checks = rules.reduce((n, r) => n + (s.rules[r]?.checked ?? 0), 0);
      const failed = rules.filter((r) => (s.rules[r]?.failed ?? 0) > 0);
      const dialect = Object.keys(s.dialects).length === 0 ? 'not seen' : Object.entries(s.dialects).map(([d, n]) => `${d} (${n})`).join(', ');
      console.log(
        `  ${name}: ${rules.length} rules, ${checks} checks, ${checks - rules.reduce((n, r) => n + (s.rules[r]?.failed ?? 0), 0)} passed, ` +
          `${rules.reduce((n, r) => n + (s.rules[r]?.failed ?? 0), 0)} failed${failed.length ? ` (${failed.join(', ')})` : ''}; ` +
          `dialect ${Object.keys(s.dialects).length > 1 ? 'MIXED: ' : ''}${dialect}; tests ${s.tests.passed} passed, ${s.tests.failed} failed, ${s.tests.skipped} skipped`,
      );
      for (const [reason, n] of Object.entries(s.skipped)) console.log(`    skipped ${n}: ${reason}`);
      (out.projects as Record<string, unknown>)[name] = { ...s, rulesFailed: failed };
    }
    mkdirSync(dirname(SUMMARY_FILE), { recursive: true });
    writeFileSync(SUMMARY_FILE, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`  written to ${SUMMARY_FILE}`);
  }

  printsToStdio(): boolean {
    return true;
  }
}
