import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testFiles } from './test-files.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function everyTestFile(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) everyTestFile(path, out);
    else if (entry.name.endsWith('.test.ts')) out.push(relative(ROOT, path));
  }
  return out;
}

test('every test file in the tree is in exactly one tier: beside the code a unit test, under test/ an integration test', () => {
  const unit = testFiles('unit');
  const integration = testFiles('integration');
  assert.ok(unit.every((f) => /^(src|scripts)\//.test(f)), unit.join('\n'));
  assert.ok(integration.every((f) => f.startsWith('test/')), integration.join('\n'));
  assert.deepEqual([...unit, ...integration].sort(), everyTestFile(ROOT).sort());
  assert.ok(unit.includes('scripts/unit-guard.test.ts') && integration.includes('test/load/run-load.test.ts'));
});

test('a filter keeps the files whose path contains one of its words', () => {
  assert.deepEqual(testFiles('unit', ['unit-guard', 'test-files']), ['scripts/test-files.test.ts', 'scripts/unit-guard.test.ts']);
  assert.deepEqual(testFiles('integration', ['no-such-test']), []);
});
