/**
 * `paycheck contracts --base-url URL -- FLAGS…` in a child process, as a user runs it, with its
 * reports in a directory of its own: the exit status, everything it printed and the contract
 * summary it wrote. Asynchronous, so a server answering the child may live in the test's process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProjectSummary {
  tests: { passed: number; failed: number; skipped: number };
  rulesFailed: string[];
  readings: Record<string, Record<string, number>>;
  strict: Record<string, { decision: string; held: number; notHeld: number; answers: string[] }>;
}

export interface ContractsRun {
  status: number | null;
  out: string;
  /** The `live` project's summary, when the suite ran. */
  summary?: ProjectSummary;
}

export async function runContracts(baseUrl: string, env: Record<string, string>, playwrightFlags: readonly string[]): Promise<ContractsRun> {
  const work = mkdtempSync(join(tmpdir(), 'paycheck-contracts-run-'));
  const summaryFile = join(work, 'summary.json');
  try {
    let out = '';
    const status = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['bin/paycheck.js', 'contracts', '--base-url', baseUrl, '--', '--reporter=line', ...playwrightFlags], {
        env: {
          ...process.env, PAY_APP_ID: '', PAY_APP_SECRET: '', PAYCHECK_REPORTERS: '', PAYCHECK_SUMMARY_FILE: summaryFile,
          PAYCHECK_OUTPUT_DIR: join(work, 'results'), PLAYWRIGHT_JUNIT_OUTPUT_NAME: join(work, 'junit.xml'), ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('close', resolve);
    });
    let summary: ProjectSummary | undefined;
    try {
      summary = (JSON.parse(readFileSync(summaryFile, 'utf8')) as { projects: { live?: ProjectSummary } }).projects.live;
    } catch {
      summary = undefined;
    }
    return { status, out, summary };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
