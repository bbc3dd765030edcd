/**
 * `npm start` — the main job: the contract suite, then a short load run (smoke), against the
 * embedded mock by default, or against PAY_BASE_URL when it is set. Exits non-zero when either fails.
 */
import { spawnSync } from 'node:child_process';
import { isLoopbackUrl } from '../src/kernel/settings.ts';
import { EXIT } from '../src/kernel/errors.ts';

const TARGET_UNUSABLE = EXIT.target;

const baseUrl = process.env.PAY_BASE_URL || undefined;

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

const results: [string, boolean | 'skipped'][] = [];

// paycheck contracts preflights a named target: exit 3 means it cannot be used, and the load run would only say so again.
const contracts = spawnSync(process.execPath, ['bin/paycheck.js', 'contracts', ...(baseUrl ? ['--base-url', baseUrl] : [])], {
  stdio: 'inherit',
  env: { ...process.env, ...(baseUrl ? {} : { PAYCHECK_TARGETS: 'msw,mock' }) },
}).status;
console.log();
results.push([`contract suite against ${baseUrl ?? 'the embedded mock (in-process MSW and loopback)'}`, contracts === 0]);

if (contracts === TARGET_UNUSABLE) {
  console.log(`=== load run skipped: ${baseUrl} cannot be used (above)`);
  results.push(['load run (smoke)', 'skipped']);
} else if (baseUrl && !isLoopbackUrl(baseUrl)) {
  console.log(`\n=== load run skipped: ${baseUrl} is not loopback. Real pay codes move real money; run`);
  console.log(`    npm run load -- --profile smoke --base-url ${baseUrl} --allow-remote   yourself if you mean it.`);
  results.push(['load run (smoke)', 'skipped']);
} else {
  // The load command reads PAY_BASE_URL itself: without it, the embedded mock.
  results.push([`load run (smoke) against ${baseUrl ?? 'the embedded mock'}`, step('load run (smoke)', process.execPath, ['bin/paycheck.js', 'load', '--profile', 'smoke'])]);
}

console.log('\n=== main job');
for (const [name, ok] of results) console.log(`  ${ok === 'skipped' ? 'SKIPPED' : ok ? 'PASSED ' : 'FAILED '} ${name}`);
console.log('  reports: reports/html (contracts), reports/contract-summary.json, reports/load-summary.json');
process.exit(contracts === TARGET_UNUSABLE ? TARGET_UNUSABLE : results.some(([, ok]) => ok === false) ? 1 : 0);
