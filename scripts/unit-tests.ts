/**
 * Runs every `*.test.ts` under src/, mocks/, src/runners/load/, test/ and bin/ with Node's test runner
 * (Node 20 neither globs nor looks for .ts test files by itself). Extra arguments pass through.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOTS = ['src', 'test', 'scripts'];

function find(dir: string, out: string[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') find(path, out);
    } else if (entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const files = ROOTS.flatMap((root) => find(root, [])).filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...flags, ...files.sort()], { stdio: 'inherit' });
process.exit(result.status ?? 1);
