/**
 * `npm run test:integration`: every `*.test.ts` under test/ — HTTP servers, child processes, the
 * Playwright self-tests of the broken variants — each file in a process of its own, two at a time, as
 * `node --test` runs them. Arguments select files whose path contains one of them; flags pass through.
 */
import { spawnSync } from 'node:child_process';
import { testFiles } from './test-files.ts';

const args = process.argv.slice(2);
const files = testFiles('integration', args.filter((a) => !a.startsWith('--')));
if (files.length === 0) {
  console.error('no integration test files matched');
  process.exit(1);
}
// Two files at a time: most of these wait on child processes, sockets and timers, and Node's
// default on two cores is one (measured on this project's 2-core machine: 4.6 min against 5.2).
const flags = args.filter((a) => a.startsWith('--'));
const concurrency = flags.some((f) => f.startsWith('--test-concurrency')) ? [] : ['--test-concurrency=2'];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...concurrency, ...flags, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
