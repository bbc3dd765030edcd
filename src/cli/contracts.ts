/**
 * `paycheck contracts [--base-url URL] [-- PLAYWRIGHT_FLAGS…]`: the bundled suite through
 * Playwright's own CLI, with the suite's config (from the checkout's TypeScript or the package's
 * dist/), from whatever directory it is started in. A named target is preflighted first.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ParsedCommand } from './command.ts';
import type { CONTRACTS } from './commands.ts';
import type { CliIo } from './io.ts';
import { requireUsableTarget } from './target-gate.ts';

const CONFIG = fileURLToPath(new URL(`../runners/contracts/playwright.config.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url));

export async function runContracts({ values, passThrough }: ParsedCommand<typeof CONTRACTS.options>, io: CliIo): Promise<number> {
  const baseUrl = values['base-url'];
  const env: NodeJS.ProcessEnv = { ...io.env };
  if (baseUrl !== undefined) {
    io.err(`paycheck contracts: ${await requireUsableTarget(baseUrl, io.env)}`);
    // The suite's global setup would preflight the same target again: it is told this one passed.
    Object.assign(env, { PAY_BASE_URL: baseUrl, PAYCHECK_TARGETS: 'live', PAYCHECK_PREFLIGHTED: baseUrl });
  }
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const child = spawn(process.execPath, [cli, 'test', '--config', CONFIG, ...passThrough], { stdio: 'inherit', env });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
