/**
 * The contract suite, the same tests on every target (docs/contracts.md):
 *   msw            in-process MSW interception of the production URL
 *   mock           the loopback mock, started here by webServer
 *   live           PAY_BASE_URL (with PAY_APP_ID / PAY_APP_SECRET) — only when PAY_BASE_URL is set
 *   live-loopback  when PAY_BASE_URL is not set: the live code path aimed at a second loopback
 *                  mock that speaks the seed table's error dialect (unless PAY_ERROR_CODES says
 *                  otherwise), so CI exercises all three modes and both dialects
 * PAYCHECK_TARGETS (comma list of msw, mock, live) keeps only those projects and their servers.
 * Reporters: PAYCHECK_REPORTERS (comma list of list, line, dot, html, junit, json), default
 * list,html,junit under reports/. The seed line, the target lines and the contract summary do not
 * depend on the reporters (global setup and teardown), so Playwright's own --reporter keeps them.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import type { TargetOptions } from './support/fixtures.ts';
import { CONTRACT_PENDING_MS } from './support/target.ts';
import { fixRunIdentity } from './support/run-identity.ts';
import { fixRecordsDir } from './support/run-records.ts';
import { endQuietlyWhenReaderLeaves, outliveReader } from '../../adapters/node/reader-gone.ts';
import { demandedDialectFrom, reportersFrom, suitePortsFrom, targetsFrom } from './support/suite-settings.ts';

// The suite runs from a checkout (TypeScript, through the root playwright.config.ts) and from the
// installed package (dist/, through `paycheck contracts`): its own files are found beside this
// one, its reports land in the directory it was started from.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const BIN = here('../../../bin/paycheck.js');

// `paycheck contracts | head`: this process writes the seed line, the targets and the reporters'
// output, and its exit code is the suite's verdict, so it runs on to the end without them.
endQuietlyWhenReaderLeaves();
outliveReader('contracts', 'judging');
fixRunIdentity(process.env);
const outputDir = resolve(process.env.PAYCHECK_OUTPUT_DIR ?? 'test-results');
fixRecordsDir(process.env, outputDir);

const { mock: mockPort, standIn: standInPort } = suitePortsFrom(process.env);
const liveUrl = process.env.PAY_BASE_URL || undefined;
const wanted = targetsFrom(process.env);

// PAY_ERROR_CODES demands a dialect of the target; the embedded mocks are made to speak it, so the
// demand passes on them. Unset, the second mock speaks the table dialect to show detection.
const demanded = demandedDialectFrom(process.env);

// The mocks know PAY_APP_ID / PAY_APP_SECRET (and the demo application); the mock's own settings stay out.
const mockEnv = { MOCK_FAULTS: '', MOCK_LATENCY_MS: '', MOCK_SCENARIO: '', MOCK_PENDING_MS: '', MOCK_APPS_FILE: '' };
const mockServer = (port: number, extra: string) => ({
  command: `"${process.execPath}" "${BIN}" mock --port ${port} --quiet --self-check --pending-ms ${CONTRACT_PENDING_MS}${extra}`,
  port,
  reuseExistingServer: false,
  timeout: 30_000,
  env: mockEnv,
  stdout: 'ignore' as const,
});

export default defineConfig<TargetOptions, TargetOptions>({
  testDir: here('.'),
  testMatch: `**/*.spec.${ext}`,
  outputDir,
  // The seed, the targets and the contract summary come from these, not from a reporter, so any --reporter keeps them.
  globalSetup: here(`./support/global-setup.${ext}`),
  globalTeardown: here(`./support/global-teardown.${ext}`),
  fullyParallel: true,
  workers: 2,
  timeout: 20_000,
  forbidOnly: !!process.env.CI,
  reporter: reportersFrom(process.env),
  webServer: [
    ...(wanted.has('mock') ? [mockServer(mockPort, ` --error-codes ${demanded ?? 'flowchart'}`)] : []),
    ...(wanted.has('live') && !liveUrl ? [mockServer(standInPort, ` --error-codes ${demanded ?? 'table'}`)] : []),
  ],
  projects: [
    { name: 'msw', use: { targetKind: 'msw' as const, requireControls: true } },
    { name: 'mock', use: { targetKind: 'mock' as const, targetUrl: `http://127.0.0.1:${mockPort}`, requireControls: true } },
    liveUrl
      ? { name: 'live', use: { targetKind: 'live' as const, targetUrl: liveUrl } }
      : { name: 'live-loopback', use: { targetKind: 'live' as const, targetUrl: `http://127.0.0.1:${standInPort}`, requireControls: true } },
  ].filter((p) => wanted.has(p.use.targetKind)),
});
