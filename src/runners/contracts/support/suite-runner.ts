/**
 * Runs contract cases outside Playwright against a loopback target with the mock's controls —
 * what the broken-variant self-test uses to show which rules a target breaks. The target should
 * settle USER_PAYING orders soon (CONTRACT_PENDING_MS), as the suite's own mocks do.
 */
import { DEMO_APP } from '../../../kernel/settings.ts';
import { createPayClient } from '../../../adapters/client/pay-client.ts';
import { nodeDataFactory } from '../../../adapters/node/node-data-factory.ts';
import type { SignEncoding } from '../../../kernel/signing/encoding.ts';
import { loadSpec } from '../../../adapters/node/spec-file.ts';
import { createContractCheck } from '../../../checks/contract/contract-check.ts';
import { createRunState } from '../../../checks/contract/check-context.ts';
import type { Finding } from '../../../checks/contract/finding.ts';
import type { ReadingName } from '../../../checks/contract/readings.ts';
import { runCase, type ContractCase } from './case-context.ts';
import type { ContractTarget } from './target.ts';
import { confirmOutcomes, parseOutcomes } from './outcomes.ts';
import { countObserved, type ReadingCounts, type StrictCounts } from './verdicts.ts';

/** A case ended as skipped: only a target without the mock's controls may skip one. */
class CaseSkipped extends Error {}

let check: ReturnType<typeof createContractCheck> | undefined;
const CONCURRENCY = 8;

export interface SuiteRun {
  /** Error findings, with the title of the case that met them. */
  failures: (Finding & { case: string })[];
  brokenRules: Set<string>;
  /** Cases that skipped themselves, with the reason (a target without controls). */
  skipped: { case: string; reason: string }[];
  /** Titles of the cases that ran to the end. */
  ran: string[];
  /** What the summary would say: the readings the target showed, the strict limits it held or not. */
  readings: ReadingCounts;
  strict: StrictCounts;
}

export interface SuiteRunOptions {
  encoding?: SignEncoding;
  /** The readings demanded, as the suite reads them from each reading's variable. */
  demands?: ReadonlyMap<ReadingName, string>;
  /** PAY_STRICT=1. */
  strict?: boolean;
  seed?: number;
  /** False for a target without the mock's controls: outcomes are then reached by `outcomes`. */
  controls?: boolean;
  /** PAY_OUTCOMES, as the suite reads it. */
  outcomes?: string;
}

export async function runCasesAgainst(baseUrl: string, cases: readonly ContractCase[], options: SuiteRunOptions = {}): Promise<SuiteRun> {
  const { encoding = 'base64', demands = new Map(), strict = false, seed = 1, controls = true } = options;
  const checkExchange = (check ??= createContractCheck(loadSpec()));
  const target: ContractTarget = {
    kind: 'live', baseUrl, app: { ...DEMO_APP }, encoding, loopback: true, controls, moneyAllowed: true, lifecycleWrites: true, livePayCodes: [], demands, strict,
    outcomes: parseOutcomes(options.outcomes),
  };
  const state = createRunState({ demands, strict });
  const factory = nodeDataFactory({ seed, app: target.app, encoding, orderIdPrefix: `ST${Date.now().toString(36)}` });
  const client = createPayClient({ baseUrl, app: target.app, encoding });
  await confirmOutcomes(target, client, factory);
  const skipped: SuiteRun['skipped'] = [];
  const perCase: SuiteRun['failures'][] = [];
  const observed = { readings: {} as ReadingCounts, strict: {} as StrictCounts };
  const ran: string[] = [];
  let next = 0;
  // A few cases at a time, as Playwright's workers would: the lifecycle ones mostly wait on the target's clock.
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const title = cases[index].title;
      try {
        const verdicts = await runCase(cases[index], {
          target, client, factory, check: checkExchange, state,
          skip: (reason) => {
            throw new CaseSkipped(reason);
          },
        });
        countObserved(verdicts, observed);
        perCase[index] = verdicts.flatMap((v) => v.findings.filter((f) => f.severity === 'error').map((f) => ({ ...f, case: title })));
        ran.push(title);
      } catch (error) {
        if (!(error instanceof CaseSkipped) || controls) throw error;
        skipped.push({ case: title, reason: error.message });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const failures = perCase.flat();
  return { failures, brokenRules: new Set(failures.map((f) => f.rule)), skipped, ran, ...observed };
}
