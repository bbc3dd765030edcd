/**
 * One set of credentials, honoured everywhere: with your own PAY_APP_ID / PAY_APP_SECRET, the load
 * run against the embedded mock and the contract suite on the mocks paycheck starts both pass —
 * those mocks know your application beside the demo one — and each banner names your app id,
 * never the secret.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';

const OWN = { PAY_APP_ID: 'myshop-app-2026', PAY_APP_SECRET: 'myshop-secret-not-the-demo' };

test('paycheck load on the embedded mock passes with your own credentials, its banner naming your app', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paycheck-own-'));
  try {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '', env: OWN };
    const status = await main(['load', '--profile', 'smoke', '--duration-scale', '0.2', '-q', '--report-dir', dir], io);
    assert.equal(status, 0, [...out, ...err].join('\n'));
    assert.match(err[0] ?? '', /^paycheck load: target the embedded mock http:\/\/127\.0\.0\.1:\d+, app myshop-app-2026, sign encoding base64$/);
    assert.match(out.join('\n'), /codes +1000 ×\d+/);
    assert.doesNotMatch([...out, ...err].join('\n'), /myshop-secret/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the contract suite on the mocks it starts passes with your own credentials, its banners naming your app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paycheck-own-'));
  try {
    const run = spawnSync('npx', ['playwright', 'test', '--reporter=line', 'signature'], {
      encoding: 'utf8',
      env: { ...process.env, ...OWN, PAYCHECK_TARGETS: 'msw,mock', PAYCHECK_MOCK_PORT: '4127', PAYCHECK_SUMMARY_FILE: join(dir, 'summary.json'), PAYCHECK_OUTPUT_DIR: join(dir, 'results') },
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /\[msw\] msw target .*, app myshop-app-2026, sign encoding base64/);
    assert.match(run.stdout, /\[mock\] mock target http:\/\/127\.0\.0\.1:4127, app myshop-app-2026/);
    assert.doesNotMatch(run.stdout + run.stderr, /myshop-secret/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
