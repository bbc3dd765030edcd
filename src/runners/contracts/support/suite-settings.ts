/**
 * The settings the suite reads from the environment, each through one reader that throws a
 * RangeError on a bad value. The config reads them here; `paycheck contracts` reads them all first
 * (checkSuiteSettings), so that a bad one ends it with its own message and exit 2 before
 * Playwright starts, instead of a stack trace from the config or a mock that will not start.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import { parseErrorDialect, type ErrorDialect } from '../../../kernel/codes.ts';
import { seedFrom } from '../../../kernel/factories/random-source.ts';
import { RANGES, readNumber } from '../../../kernel/number-range.ts';
import type { Env } from '../../../kernel/settings.ts';
import { PLAYWRIGHT_LIVE_STANDIN_PORT, PLAYWRIGHT_MOCK_PORT, targetFrom, type TargetKind } from './target.ts';

const TARGET_KINDS: readonly TargetKind[] = ['msw', 'mock', 'live'];

/** PAYCHECK_TARGETS: a comma list of msw, mock, live; unset or empty, all three. */
export function targetsFrom(env: Env): Set<TargetKind> {
  const names = (env.PAYCHECK_TARGETS || TARGET_KINDS.join(',')).split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(TARGET_KINDS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) throw new RangeError(`PAYCHECK_TARGETS must be a comma list of ${TARGET_KINDS.join(', ')}; got "${env.PAYCHECK_TARGETS}"`);
  return new Set(names as TargetKind[]);
}

/** The ports of the mocks the config's webServer starts: PAYCHECK_MOCK_PORT and PAYCHECK_LIVE_STANDIN_PORT. */
export function suitePortsFrom(env: Env): { mock: number; standIn: number } {
  const port = (name: string, fallback: number) => (env[name] ? readNumber(env[name], RANGES.fixedPort, name) : fallback);
  return { mock: port('PAYCHECK_MOCK_PORT', PLAYWRIGHT_MOCK_PORT), standIn: port('PAYCHECK_LIVE_STANDIN_PORT', PLAYWRIGHT_LIVE_STANDIN_PORT) };
}

/** PAY_ERROR_CODES: the dialect demanded of the target, if any. */
export function demandedDialectFrom(env: Env): ErrorDialect | undefined {
  return env.PAY_ERROR_CODES ? parseErrorDialect(env.PAY_ERROR_CODES, 'PAY_ERROR_CODES') : undefined;
}

function reporterTable(env: Env): Record<string, ReporterDescription> {
  return {
    list: ['list'],
    line: ['line'],
    dot: ['dot'],
    html: ['html', { outputFolder: resolve('reports/html'), open: 'never' }],
    junit: ['junit', { outputFile: resolve(env.PLAYWRIGHT_JUNIT_OUTPUT_NAME ?? 'reports/junit.xml') }],
    json: ['json', { outputFile: resolve(env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'reports/contracts.json') }],
  };
}

/** PAYCHECK_REPORTERS: a comma list of list, line, dot, html, junit, json; unset, list,html,junit. */
export function reportersFrom(env: Env): ReporterDescription[] {
  const table = reporterTable(env);
  const names = (env.PAYCHECK_REPORTERS ?? 'list,html,junit').split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !table[n]);
  if (unknown.length > 0) throw new RangeError(`PAYCHECK_REPORTERS: unknown reporter(s) ${unknown.join(', ')}; use ${Object.keys(table).join(', ')}`);
  return names.map((n) => table[n]);
}

/** Where the global teardown writes the contract summary: PAYCHECK_SUMMARY_FILE, relative to the directory the run started in. */
export function summaryFileFrom(env: Env): string {
  return env.PAYCHECK_SUMMARY_FILE ?? 'reports/contract-summary.json';
}

/** The tests a written contract summary counts, passed, failed and skipped, over its projects. */
export function testsIn(summaryFile: string): number {
  const { projects } = JSON.parse(readFileSync(summaryFile, 'utf8')) as { projects: Record<string, { tests: { passed: number; failed: number; skipped: number } }> };
  return Object.values(projects).reduce((n, { tests }) => n + tests.passed + tests.failed + tests.skipped, 0);
}

/**
 * Does a reporter of this run write to standard output what a program reads (json, junit with no
 * file)? Then the suite's own lines — the seed, the targets, the summary — go to stderr.
 */
export function machineReadableStdout(reporters: readonly (readonly [string, unknown?])[], env: Env): boolean {
  return reporters.some(([name, options]) => {
    const file = (options as { outputFile?: string } | undefined)?.outputFile;
    if (name === 'json') return file === undefined && !env.PLAYWRIGHT_JSON_OUTPUT_NAME && !env.PLAYWRIGHT_JSON_OUTPUT_FILE;
    if (name === 'junit') return file === undefined && !env.PLAYWRIGHT_JUNIT_OUTPUT_NAME && !env.PLAYWRIGHT_JUNIT_OUTPUT_FILE;
    return false;
  });
}

/** Reads every setting the suite will read, for its RangeError. */
export function checkSuiteSettings(env: Env): void {
  seedFrom(env);
  targetsFrom(env);
  suitePortsFrom(env);
  demandedDialectFrom(env);
  reportersFrom(env);
  // The application, the encoding, the readings demanded, PAY_STRICT and PAY_OUTCOMES.
  targetFrom('msw', undefined, env);
}
