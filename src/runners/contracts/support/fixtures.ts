/**
 * The Playwright side of the suite: one target per worker (MSW started in-process for `msw`),
 * tag-based skips with the reason shown, and `contract.run(case)` which runs a case, attaches its
 * tally for the summary, and fails when a rule is broken: the findings and the curl command as the
 * message, each piece of evidence an attachment, the code frame at the case.
 */
import { readFileSync } from 'node:fs';
import { expect, test as base, type TestInfo } from '@playwright/test';
import { setupServer } from 'msw/node';
import { createMswHandlers } from '../../../adapters/msw/handlers.ts';
import { createNodeEngine } from '../../../adapters/http/build-engine.ts';
import { embeddedMockApps } from '../../../kernel/settings.ts';
import { parseErrorDialect } from '../../../kernel/codes.ts';
import { createPayClient } from '../../../adapters/client/pay-client.ts';
import { nodeDataFactory } from '../../../adapters/node/node-data-factory.ts';
import { loadSpec } from '../../../adapters/node/spec-file.ts';
import { createContractCheck, type ContractCheck } from '../../../checks/contract/contract-check.ts';
import { createRunState, type RunState } from '../../../checks/contract/check-context.ts';
import { runCase, type CaseLocation, type CaseTag, type ContractCase, type Verdict } from './case-context.ts';
import { CONTRACT_PENDING_MS, probeControls, targetFrom, type ContractTarget, type TargetKind } from './target.ts';
import { testSeed } from './run-identity.ts';
import { createLivePayCodes } from './live-pay-codes.ts';
import { contractAttachment, failureReport, type ContractAttachment } from './verdicts.ts';
import { appendRecord, recordsDir } from './run-records.ts';
import { confirmOutcomes } from './outcomes.ts';

export interface TargetOptions {
  targetKind: TargetKind;
  targetUrl: string | undefined;
  /** The project's own mocks must offer their controls: a failed probe is an error, not a skip. */
  requireControls: boolean;
}

interface WorkerFixtures extends TargetOptions {
  target: ContractTarget;
  runState: RunState;
  contractCheck: ContractCheck;
}

interface TestFixtures {
  record: void;
  gate: void;
  contract: { run(contractCase: ContractCase): Promise<Verdict[]> };
}

/** Why a tagged test cannot run on this target; undefined when it can. */
export function skipReason(tags: readonly string[], target: ContractTarget): string | undefined {
  if (tags.includes('@mock-controls') && !target.controls) return 'the target offers no mock controls (X-Mock-Scenario, /__mock/health)';
  if (tags.includes('@moves-money') && !target.moneyAllowed) return 'the target is not loopback and PAY_LIVE_PAY_CODES is not set: this test would move money';
  if (tags.includes('@lifecycle-writes') && !target.lifecycleWrites) return 'the target is not loopback and PAY_LIVE_LIFECYCLE is not 1: this test would cancel or refund a real order';
  if (tags.includes('@loopback-http') && (target.kind === 'msw' || !target.loopback)) return 'needs a loopback HTTP target that a curl child process can reach';
  return undefined;
}

/** A confirmation pay without an answer in this time is none: the worker's setup must not take the fixture's whole 20 s. */
const CONFIRM_TIMEOUT_MS = 5_000;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  targetKind: ['mock', { option: true, scope: 'worker' }],
  targetUrl: [undefined, { option: true, scope: 'worker' }],
  requireControls: [false, { option: true, scope: 'worker' }],
  target: [
    async ({ targetKind, targetUrl, requireControls }, use, workerInfo) => {
      const partial = targetFrom(targetKind, targetUrl, process.env);
      // MSW intercepts the production URL in this worker; unhandled requests fail, so nothing leaves.
      const engine = () => createNodeEngine({ apps: embeddedMockApps(process.env), signEncoding: partial.encoding, dialect: parseErrorDialect(partial.demands.get('error-codes'), 'PAY_ERROR_CODES'), selfCheck: true, pendingMs: CONTRACT_PENDING_MS });
      const msw = targetKind === 'msw' ? setupServer(...createMswHandlers(engine(), { baseUrl: partial.baseUrl })) : undefined;
      msw?.listen({ onUnhandledRequest: 'error' });
      const controls = await probeControls(partial);
      if (requireControls && !controls) throw new Error(`${partial.baseUrl}: the embedded mock does not answer /__mock/health — it failed to start or is not the mock`);
      const target = { ...partial, controls };
      const seed = Number(process.env.PAY_SEED);
      await confirmOutcomes(
        target,
        createPayClient({ baseUrl: target.baseUrl, app: target.app, encoding: target.encoding, allowRemote: targetKind !== 'mock', timeoutMs: CONFIRM_TIMEOUT_MS }),
        nodeDataFactory({ seed, app: target.app, encoding: target.encoding, orderIdPrefix: `PO${process.env.PAYCHECK_RUN_TAG ?? ''}${workerInfo.project.name.slice(0, 1)}${workerInfo.workerIndex}` }),
      );
      await use(target);
      msw?.close();
    },
    { scope: 'worker' },
  ],
  runState: [async ({ target }, use) => use(createRunState(target)), { scope: 'worker' }],
  contractCheck: [async ({}, use) => use(createContractCheck(loadSpec())), { scope: 'worker' }],
  // Before the gate, so a test the gate skips is recorded too.
  record: [
    async ({}, use, testInfo) => {
      await use();
      const contract = testInfo.attachments.find((a) => a.name === 'contract')?.body;
      appendRecord(recordsDir(), {
        project: testInfo.project.name,
        status: testInfo.status ?? 'passed',
        skip: testInfo.annotations.find((a) => a.type === 'skip')?.description,
        contract: contract ? (JSON.parse(contract.toString('utf8')) as ContractAttachment) : undefined,
      });
    },
    { auto: true },
  ],
  gate: [
    async ({ target }, use, testInfo) => {
      const reason = skipReason(testInfo.tags, target);
      testInfo.skip(reason !== undefined, `${testInfo.project.name}: ${reason}`);
      await use();
    },
    { auto: true },
  ],
  contract: async ({ target, runState, contractCheck }, use, testInfo) => {
    const seed = Number(process.env.PAY_SEED);
    const factory = nodeDataFactory({
      seed: testSeed(seed, testInfo.project.name, ...testInfo.titlePath),
      app: target.app,
      encoding: target.encoding,
      orderIdPrefix: `PC${process.env.PAYCHECK_RUN_TAG ?? ''}${testInfo.project.name.slice(0, 1)}`,
    });
    const client = createPayClient({ baseUrl: target.baseUrl, app: target.app, encoding: target.encoding, allowRemote: target.kind !== 'mock' });
    const livePayCodes = createLivePayCodes(target.livePayCodes);
    await use({
      async run(contractCase) {
        const verdicts = await runCase(contractCase, {
          target, client, factory, check: contractCheck, state: runState,
          claimLivePayCode: livePayCodes.claim,
          skip: (reason) => skipNow(testInfo, reason),
        });
        await testInfo.attach('contract', contractAttachment(verdicts, target));
        const report = failureReport(verdicts, seed, target.app.secret);
        if (report) {
          for (const { name, body } of report.attachments) await testInfo.attach(name, { body, contentType: 'text/plain' });
          const broken = brokenRules(verdicts);
          const location = caseLocation(contractCase, report.location);
          await base.step(`contract broken: ${broken.join(', ')}`, () => failAt(location, () => expect(broken, report.message).toEqual([])), { location });
        }
        return verdicts;
      },
    });
  },
});

/**
 * Where a failing case is shown: the line of its title in the file it made its call from (a case
 * made by a helper is found by its own row), else that call's line.
 */
function caseLocation(contractCase: ContractCase, call: CaseLocation | undefined): CaseLocation | undefined {
  if (!call) return undefined;
  let source: string;
  try {
    source = readFileSync(call.file, 'utf8');
  } catch {
    return call;
  }
  const lines = source.split('\n');
  for (const quote of ["'", '"', '`']) {
    const line = lines.findIndex((text) => text.includes(`${quote}${contractCase.title}${quote}`));
    if (line !== -1) return { file: call.file, line: line + 1, column: lines[line].indexOf(contractCase.title) + 1 };
  }
  return call;
}

/**
 * Fails through expect, not a bare throw: a broken contract is a failed check, which JUnit records
 * as <failure> (a thrown Error would be an <error>, a broken test). The error's stack is made to
 * start at the case, so the report's code frame shows the case that failed, not this file.
 */
function failAt(location: CaseLocation | undefined, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (location && error instanceof Error) error.stack = `${error.name}: ${error.message}\n    at ${location.file}:${location.line}:${location.column}`;
    throw error;
  }
}

function brokenRules(verdicts: readonly Verdict[]): string[] {
  return [...new Set(verdicts.flatMap((v) => v.findings.filter((f) => f.severity === 'error').map((f) => f.rule)))];
}

function skipNow(testInfo: TestInfo, reason: string): never {
  testInfo.skip(true, `${testInfo.project.name}: ${reason}`);
  throw new Error('unreachable: testInfo.skip ends the test');
}

/** A case's tags as Playwright test details. */
export function detailsOf(contractCase: ContractCase): { tag: CaseTag[] } {
  return { tag: [...(contractCase.tags ?? [])] };
}
