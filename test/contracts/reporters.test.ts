/** Playwright's own --reporter replaces the configured reporters; the seed, targets and summary stay. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('--reporter=line keeps the seed line, the target line and the summary file', () => {
  const work = mkdtempSync(join(tmpdir(), 'paycheck-reporters-'));
  try {
    const summaryFile = join(work, 'summary.json');
    const run = spawnSync('npx', ['playwright', 'test', '--reporter=line', 'signature'], {
      encoding: 'utf8',
      env: { ...process.env, PAYCHECK_TARGETS: 'msw', PAY_SEED: '77', PAYCHECK_SUMMARY_FILE: summaryFile, PAYCHECK_OUTPUT_DIR: join(work, 'results') },
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /paycheck contracts: PAY_SEED=77 /);
    assert.match(run.stdout, /\[msw\] msw target https:\/\/api\.huishouyin\.cn intercepted in-process by MSW, app paycheck-demo-app/);
    assert.match(run.stdout, /contract summary\n {2}msw: \d+ rules, \d+ checks, \d+ passed, 0 failed/);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { seed: number; projects: { msw: { tests: { passed: number; failed: number } } } };
    assert.equal(summary.seed, 77);
    assert.ok(summary.projects.msw.tests.passed > 0);
    assert.equal(summary.projects.msw.tests.failed, 0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
