/**
 * `npm run test:integration`: every `*.test.ts` under test/ — HTTP servers, child processes, the
 * Playwright self-tests of the broken variants — each file in a process of its own, as
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
const flags = args.filter((a) => a.startsWith('--'));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...flags, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
