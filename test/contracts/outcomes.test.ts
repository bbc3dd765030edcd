/**
 * Outcomes on a server without the mock's controls: a sandbox that picks the outcome by amount
 * (the mock's engine behind a front that ignores X-Mock-* and has no /__mock/*). With a
 * PAY_OUTCOMES mapping the unpaid and voucher tests run there — and catch a sandbox that breaks
 * their rules; unmapped or unshown outcomes are skipped with the reason, never failed.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockServer } from '../../src/adapters/http/server.ts';
import { PAY_OUTCOME_CASES } from '../../src/runners/contracts/cases/pay-outcomes.ts';
import { variantByName } from '../../src/runners/contracts/broken/variants.ts';
import { startBrokenServer } from '../../src/runners/contracts/broken/server.ts';
import { runCasesAgainst } from '../../src/runners/contracts/support/suite-runner.ts';

const MAPPING = 'USER_PAYING:0.30,FAILED:0.32,VOUCHER:0.02';
const servers: MockServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
async function sandbox(variant?: string): Promise<MockServer> {
  const server = await startBrokenServer(variant ? variantByName(variant) : undefined, { controls: false });
  servers.push(server);
  return server;
}
const titled = (titles: readonly string[], pattern: RegExp) => titles.filter((t) => pattern.test(t));

test('with a mapping, the unpaid and voucher tests run on a sandbox without controls and pass; unmapped ones are skipped, named', async () => {
  const server = await sandbox();
  const run = await runCasesAgainst(server.url, PAY_OUTCOME_CASES, { controls: false, outcomes: MAPPING });
  assert.deepEqual(run.failures, []);
  assert.equal(titled(run.ran, /user still paying|payment failed|repeat of an order still paying|repeat of a failed order/).length, 4, run.ran.join('\n'));
  assert.equal(titled(run.ran, /wechat, VOUCHER: paid with 1 voucher/).length, 1);
  const skipped = Object.fromEntries(run.skipped.map((s) => [s.case, s.reason]));
  assert.match(skipped['member discount: payable_amount below total_amount'] ?? '', /PAY_OUTCOMES maps no amount or header to MEMBER_DISCOUNT/);
  assert.match(skipped['wechat, TWO_VOUCHERS: paid with 2 voucher(s), channel fields and sums hold'] ?? '', /TWO_VOUCHERS/);
});

test('a sandbox that reports real_amount > 0 on an unpaid order fails, named', async () => {
  const variant = variantByName('real-amount-when-unpaid')!;
  const run = await runCasesAgainst((await sandbox(variant.name)).url, PAY_OUTCOME_CASES, { controls: false, outcomes: MAPPING });
  for (const rule of variant.caughtBy) assert.ok(run.brokenRules.has(rule), `broke ${[...run.brokenRules].join(', ')}`);
});

test('a sandbox whose voucher contributions do not sum fails, named', async () => {
  const variant = variantByName('voucher-sum-off')!;
  const run = await runCasesAgainst((await sandbox(variant.name)).url, PAY_OUTCOME_CASES, { controls: false, outcomes: MAPPING });
  for (const rule of variant.caughtBy) assert.ok(run.brokenRules.has(rule), `broke ${[...run.brokenRules].join(', ')}`);
});

test('without the mapping those rules go unchecked there — skipped with the reason, not passed silently', async () => {
  const variant = variantByName('real-amount-when-unpaid')!;
  const run = await runCasesAgainst((await sandbox(variant.name)).url, PAY_OUTCOME_CASES, { controls: false, outcomes: 'none' });
  assert.deepEqual(run.failures, []);
  assert.ok(run.skipped.some((s) => s.case.startsWith('user still paying') && /maps no amount or header to USER_PAYING/.test(s.reason)));
});

test('a mapped outcome the sandbox does not show is skipped, saying what it answered instead', async () => {
  const run = await runCasesAgainst((await sandbox()).url, PAY_OUTCOME_CASES, { controls: false, outcomes: 'FAILED:0.50' });
  const failed = run.skipped.find((s) => s.case.startsWith('payment failed'));
  assert.match(failed?.reason ?? '', /PAY_OUTCOMES maps FAILED to amount 0.50, but the target answered code 1000, not 1001 there/);
});

test('the Playwright suite on such a sandbox with PAY_OUTCOMES: the outcome tests run, and the banner names the mapping', async () => {
  const server = await sandbox();
  const work = mkdtempSync(join(tmpdir(), 'paycheck-outcomes-'));
  try {
    const env = {
      ...process.env,
      PAYCHECK_TARGETS: 'live', PAY_BASE_URL: server.url, PAY_APP_ID: '', PAY_APP_SECRET: '', PAY_OUTCOMES: MAPPING,
      PAYCHECK_REPORTERS: 'json', PLAYWRIGHT_JSON_OUTPUT_NAME: join(work, 'run.json'),
      PAYCHECK_SUMMARY_FILE: join(work, 'summary.json'), PAYCHECK_OUTPUT_DIR: join(work, 'results'),
    };
    let out = '';
    const status = await new Promise<number | null>((resolve) => {
      const child = spawn('npx', ['playwright', 'test', 'pay-outcomes'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('close', resolve);
    });
    assert.equal(status, 0, out);
    assert.match(out, /outcomes by PAY_OUTCOMES: USER_PAYING amount 0\.30, FAILED amount 0\.32, VOUCHER amount 0\.02/);
    const { stats } = JSON.parse(readFileSync(env.PLAYWRIGHT_JSON_OUTPUT_NAME, 'utf8')) as { stats: { expected: number; skipped: number } };
    // Both channels paid, one voucher, still paying, failed, and the three repeats; the discounts and two vouchers unmapped.
    assert.deepEqual([stats.expected, stats.skipped], [8, 4]);
    assert.match(out, /skipped 2: live: the target offers no mock controls, and PAY_OUTCOMES maps no amount or header to TWO_VOUCHERS/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
