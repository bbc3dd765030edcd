/**
 * The contract suite is itself tested: against the real mock it finds nothing; against each
 * deliberately broken variant it fails, naming the rule that caught it. Two variants are run
 * through the real Playwright suite in a child process, aimed there with PAY_BASE_URL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { ALL_CASES } from '../../src/runners/contracts/cases/all-cases.ts';
import { BROKEN_VARIANTS, variantByName } from '../../src/runners/contracts/broken/variants.ts';
import { startBrokenServer } from '../../src/runners/contracts/broken/server.ts';
import { runCasesAgainst } from '../../src/runners/contracts/support/suite-runner.ts';
import { CONTRACT_PENDING_MS } from '../../src/runners/contracts/support/target.ts';

const servers: MockServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
async function serve(start: Promise<MockServer>): Promise<MockServer> {
  const server = await start;
  servers.push(server);
  return server;
}

test('against the real mock (either dialect) the suite finds nothing', async () => {
  for (const dialect of ['flowchart', 'table'] as const) {
    const mock = await serve(startMockServer({ port: 0, dialect, selfCheck: true, pendingMs: CONTRACT_PENDING_MS }));
    const { failures } = await runCasesAgainst(mock.url, ALL_CASES, { demands: new Map([['error-codes', dialect]]) });
    assert.deepEqual(failures, [], `${dialect}: ${JSON.stringify(failures.slice(0, 3), null, 1)}`);
  }
});

describe('each broken variant fails the suite, named by the rule that caught it', () => {
  for (const variant of BROKEN_VARIANTS) {
    test(`${variant.name}: ${variant.breaks}`, async () => {
      const server = await serve(startBrokenServer(variant));
      const { brokenRules, failures } = await runCasesAgainst(server.url, ALL_CASES);
      for (const rule of variant.caughtBy) assert.ok(brokenRules.has(rule), `${variant.name} should break ${rule}; broke ${[...brokenRules].join(', ')}`);
      assert.ok(failures.every((f) => f.path && f.expected && f.actual), 'every finding says where, expected and actual');
    });
  }
});

test('PAY_ERROR_CODES demands a dialect: a table-dialect target fails a flowchart demand on reading', async () => {
  const table = await serve(startMockServer({ port: 0, dialect: 'table', selfCheck: true, pendingMs: CONTRACT_PENDING_MS }));
  const { brokenRules } = await runCasesAgainst(table.url, ALL_CASES, { demands: new Map([['error-codes', 'flowchart']]) });
  assert.deepEqual([...brokenRules], ['reading']);
});

describe('the Playwright suite itself, aimed at a broken target with PAY_BASE_URL', () => {
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'paycheck-selftest-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  async function playwright(name: string, baseUrl: string, extraEnv: Record<string, string> = {}, args: string[] = []) {
    const env = {
      ...process.env,
      PAYCHECK_TARGETS: 'live',
      PAY_BASE_URL: baseUrl,
      PAY_APP_ID: '',
      PAY_APP_SECRET: '',
      PAYCHECK_REPORTERS: 'json,junit',
      PLAYWRIGHT_JSON_OUTPUT_NAME: join(work, `${name}.json`),
      PLAYWRIGHT_JUNIT_OUTPUT_NAME: join(work, `${name}.xml`),
      PAYCHECK_SUMMARY_FILE: join(work, `${name}-summary.json`),
      PAYCHECK_OUTPUT_DIR: join(work, `${name}-results`),
      ...extraEnv,
    };
    // Asynchronous on purpose: the broken server answering the child lives in this process.
    const status = await new Promise<number | null>((resolve) => {
      const child = spawn('npx', ['playwright', 'test', ...args], { env, stdio: 'ignore' });
      child.on('close', resolve);
    });
    const summary = JSON.parse(readFileSync(env.PAYCHECK_SUMMARY_FILE, 'utf8')) as { projects: { live: { rulesFailed: string[]; tests: { failed: number } } } };
    const junit = readFileSync(env.PLAYWRIGHT_JUNIT_OUTPUT_NAME, 'utf8');
    const count = (name: string) => Number(/<testsuites [^>]*>/.exec(junit)?.[0].match(new RegExp(` ${name}="(\\d+)"`))?.[1] ?? Number.NaN);
    return { status, summary: summary.projects.live, report: readFileSync(env.PLAYWRIGHT_JSON_OUTPUT_NAME, 'utf8'), junit: { failures: count('failures'), errors: count('errors') } };
  }

  test('pay_type as a word: the run fails naming schema and pay-type-channel, with a curl reproduction', async () => {
    const server = await serve(startBrokenServer(variantByName('pay-type-word')!));
    // The pay-path tests only: every lifecycle test pays too and would fail the same way, only slower.
    const { status, summary, report, junit } = await playwright('pay-type-word', server.url, {}, ['--grep-invert', 'lifecycle:']);
    assert.equal(status, 1);
    assert.ok(summary.tests.failed > 0);
    // A broken contract is a failed check, not a broken test: JUnit <failure>, never <error>.
    assert.ok(junit.failures > 0 && junit.errors === 0, JSON.stringify(junit));
    assert.ok(summary.rulesFailed.includes('pay-type-channel') && summary.rulesFailed.includes('schema'), summary.rulesFailed.join(','));
    assert.match(report, /\[pay-type-channel\] \$\.data\.pay_type: expected [01] \((wechat|alipay) pay code\), actual \\"(weixin|alipay)\\"/);
    assert.match(report, /curl -sS -X POST/);
  });

  test('refunds beyond what was paid: the lifecycle tests fail naming refund-within-paid', async () => {
    const server = await serve(startBrokenServer(variantByName('refund-beyond-paid')!));
    const { status, summary, report } = await playwright('refund-beyond-paid', server.url, {}, ['--grep', 'lifecycle: cancel and refund']);
    assert.equal(status, 1);
    assert.ok(summary.rulesFailed.includes('refund-within-paid'), summary.rulesFailed.join(','));
    assert.match(report, /\[refund-within-paid\] \$\.data\.refunded_total: expected ≤ 10\.00 paid, actual 1\d\.\d\d/);
  });

  test('a flowchart demand against a table-dialect target: the run fails naming reading', async () => {
    const table = await serve(startMockServer({ port: 0, dialect: 'table', selfCheck: true, pendingMs: CONTRACT_PENDING_MS }));
    const { status, summary } = await playwright('dialect', table.url, { PAY_ERROR_CODES: 'flowchart' }, ['--grep', 'signature|AppID', '--grep-invert', 'lifecycle:']);
    assert.equal(status, 1);
    assert.deepEqual(summary.rulesFailed, ['reading']);
  });
});
