import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const check = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/check-types-fresh.ts', ...args]);

test('the committed types match openapi.yaml', async () => {
  const { stdout } = await check();
  assert.match(stdout, /matches openapi\.yaml/);
});

test('stale generated types fail the check', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paycheck-stale-'));
  const stale = join(dir, 'openapi.ts');
  copyFileSync('src/kernel/spec/openapi.ts', stale);
  appendFileSync(stale, 'export type Drift = 1;\n');
  await assert.rejects(check('openapi.yaml', stale), (error: { code: number; stderr: string }) => {
    assert.equal(error.code, 1);
    assert.match(error.stderr, /stale/);
    return true;
  });
});
