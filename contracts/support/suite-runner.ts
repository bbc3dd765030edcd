/**
 * Runs contract cases outside Playwright against a loopback target with the mock's controls —
 * what the broken-variant self-test uses to show which rules a target breaks.
 */
import { DEMO_APP } from '../../src/config/settings.ts';
import { createPayClient } from '../../src/client/pay-client.ts';
import type { ErrorDialect } from '../../src/codes.ts';
import { createDataFactory } from '../../src/factories/data-factory.ts';
import type { SignEncoding } from '../../src/signing/encoding.ts';
import { loadSpec } from '../../src/spec/document.ts';
import { createContractCheck } from '../../src/validation/contract-check.ts';
import { createRunState } from '../../src/validation/check-context.ts';
import type { Finding } from '../../src/validation/finding.ts';
import { runCase, type ContractCase } from './case-context.ts';
import type { Target } from './target.ts';

let check: ReturnType<typeof createContractCheck> | undefined;

export interface SuiteRun {
  /** Error findings, with the title of the case that met them. */
  failures: (Finding & { case: string })[];
  brokenRules: Set<string>;
}

export async function runCasesAgainst(
  baseUrl: string,
  cases: readonly ContractCase[],
  { encoding = 'base64', demand, seed = 1 }: { encoding?: SignEncoding; demand?: ErrorDialect; seed?: number } = {},
): Promise<SuiteRun> {
  check ??= createContractCheck(loadSpec());
  const target: Target = { kind: 'live', baseUrl, app: { ...DEMO_APP }, encoding, loopback: true, controls: true, moneyAllowed: true, lifecycleWrites: true, livePayCodes: [], demand };
  const state = createRunState(demand);
  const factory = createDataFactory({ seed, app: target.app, encoding, orderIdPrefix: `ST${Date.now().toString(36)}` });
  const client = createPayClient({ baseUrl, app: target.app, encoding });
  const failures: SuiteRun['failures'] = [];
  for (const contractCase of cases) {
    const verdicts = await runCase(contractCase, {
      target, client, factory, check, state,
      skip: (reason) => {
        throw new Error(`unexpected skip: ${reason}`);
      },
    });
    for (const v of verdicts) for (const f of v.findings) if (f.severity === 'error') failures.push({ ...f, case: contractCase.title });
  }
  return { failures, brokenRules: new Set(failures.map((f) => f.rule)) };
}
