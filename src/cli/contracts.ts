/**
 * `paycheck contracts [--base-url URL] [-- PLAYWRIGHT_FLAGS…]`: the bundled suite through
 * Playwright's own CLI, with the suite's config (from the checkout's TypeScript or the package's
 * dist/), from whatever directory it is started in. The settings are read and a named target is
 * preflighted first; Playwright's refusal of its own flags, or flags that select no test, end it
 * with exit 2 — exit 1 stays "a contract broke".
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { EXIT, PaycheckError } from '../kernel/errors.ts';
import { checkSuiteSettings, summaryFileFrom, testsIn } from '../runners/contracts/support/suite-settings.ts';
import type { ParsedCommand } from './command.ts';
import type { CONTRACTS } from './commands.ts';
import { setting } from './harness-error.ts';
import type { CliIo } from './io.ts';
import { requireUsableTarget } from './target-gate.ts';

const CONFIG = fileURLToPath(new URL(`../runners/contracts/playwright.config.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url));
/**
 * Stack frames and require stacks on Playwright's stderr: its message names the bad flag or the
 * failed start, and paycheck's own errors are one line everywhere else too.
 */
const TRACE_LINE = /^(?:\s+at \S|Require stack:$|- \/)/;

export async function runContracts({ values, passThrough }: ParsedCommand<typeof CONTRACTS.options>, io: CliIo): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...io.env };
  setting(() => checkSuiteSettings(env));
  const baseUrl = values['base-url'] ?? (env.PAY_BASE_URL || undefined);
  if (baseUrl !== undefined) {
    io.err(`paycheck contracts: ${await requireUsableTarget(baseUrl, io.env)}`);
    // The suite's global setup would preflight the same target again: it is told this one passed.
    Object.assign(env, { PAY_BASE_URL: baseUrl, PAYCHECK_TARGETS: values['base-url'] === undefined ? env.PAYCHECK_TARGETS : 'live', PAYCHECK_PREFLIGHTED: baseUrl });
  }
  const summary = resolve(summaryFileFrom(env));
  const started = Date.now();
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const child = spawn(process.execPath, [cli, 'test', '--config', CONFIG, ...passThrough], { stdio: ['inherit', 'inherit', 'pipe'], env });
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (!TRACE_LINE.test(line)) io.err(line);
  });
  const code = await new Promise<number>((resolve) => child.on('close', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
  if (code === EXIT.ok) return code;
  // The global teardown writes the summary; none from this run means the suite never started.
  const ran = writtenSince(summary, started) ? testsIn(summary) : undefined;
  if (ran === undefined) throw new PaycheckError('PAYCHECK_USAGE', 'Playwright stopped before the suite ran; its message above says why (a flag after --, or a port its mocks need: PAYCHECK_MOCK_PORT)');
  if (ran === 0) throw new PaycheckError('PAYCHECK_USAGE', 'no test matched the flags after -- (--grep, --project, a file filter)');
  return code;
}

function writtenSince(path: string, since: number): boolean {
  try {
    return statSync(path).mtimeMs >= since - 1_000;
  } catch {
    return false;
  }
}
