/**
 * `npm start` — the main job: the contract suite, then a short load run (smoke), against the
 * embedded mock by default, or against PAY_BASE_URL when it is set. Exits non-zero when either fails.
 */
import { spawnSync } from 'node:child_process';
import { isLoopbackUrl } from '../src/kernel/settings.ts';

const baseUrl = process.env.PAY_BASE_URL || undefined;

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

const results: [string, boolean | 'skipped'][] = [];

results.push([
  `contract suite against ${baseUrl ?? 'the embedded mock (in-process MSW and loopback)'}`,
  step('contract suite', 'npx', ['playwright', 'test'], { PAYCHECK_TARGETS: baseUrl ? 'live' : 'msw,mock' }),
]);

if (baseUrl && !isLoopbackUrl(baseUrl)) {
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
process.exit(results.some(([, ok]) => ok === false) ? 1 : 0);
