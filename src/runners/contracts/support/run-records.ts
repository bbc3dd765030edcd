/**
 * One line per finished test, written by the worker that ran it, read by the global teardown:
 * the contract summary is built from these rather than from a reporter, so it is there whatever
 * reporters `--reporter` chose. The folder is fixed once in the main process (playwright.config.ts)
 * and reaches the workers through the environment, like the seed.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractAttachment } from './verdicts.ts';

export interface TestRecord {
  project: string;
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  /** Why it was skipped. */
  skip?: string;
  contract?: ContractAttachment;
}

export function fixRecordsDir(env: NodeJS.ProcessEnv, outputDir: string): string {
  env.PAYCHECK_RECORDS_DIR ??= join(outputDir, 'contract-records');
  return env.PAYCHECK_RECORDS_DIR;
}

/** The folder fixed by the config; reading it elsewhere is a wiring mistake, not a user's. */
export function recordsDir(): string {
  const dir = process.env.PAYCHECK_RECORDS_DIR;
  if (!dir) throw new Error('PAYCHECK_RECORDS_DIR is unset: playwright.config.ts fixes it before the run');
  return dir;
}

export function clearRecords(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

export function appendRecord(dir: string, record: TestRecord): void {
  // One file per worker process: appends from one process never interleave.
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
}

export function readRecords(dir: string): TestRecord[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
  return files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as TestRecord));
}
