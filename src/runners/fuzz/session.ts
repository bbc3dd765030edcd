/**
 * What every property of a fuzz run shares: the target and what it may be sent, the pay client,
 * the signing (MD5, or RSA with a key), fresh ids, the oracle, the answer checks, the coverage.
 * `attempt` is one request of a case: sent byte for byte, judged, counted, and — when a check
 * fails — thrown as a FailedCase carrying the case so far.
 */
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createPayClient, type Exchange, type PayClient } from '../../adapters/client/pay-client.ts';
import { nodeSigner } from '../../adapters/node/node-digests.ts';
import { createRunState, OUTCOME_CODES, UNKNOWN_CODES, type Expectation, type RunDemands, type RunState } from '../../checks/contract/check-context.ts';
import { acceptedCodes } from '../../checks/contract/rules/outcome-rules.ts';
import type { FuzzStep } from '../../checks/report/fuzz-report.ts';
import { channelOfPayCode } from '../../kernel/channel.ts';
import { DIALECT_CODES } from '../../kernel/codes.ts';
import { probeHeader } from '../../kernel/probe.ts';
import { DEMO_APP, type AppCredentials } from '../../kernel/settings.ts';
import type { SignEncoding } from '../../kernel/signing/encoding.ts';
import { compileSchemas } from '../../kernel/spec/schemas.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { createAnswerChecks, EXTRA_CHECKS, type AnswerCheck } from './answer-checks.ts';
import { createCoverage, type CoverageRecorder } from './coverage.ts';
import type { BadSigning, BuiltRequest, Signing } from './mutations.ts';
import { judgeRequest, type Verdict } from './oracle.ts';
import { CALL_PATHS, callSchema, type ApiPath, type CallSchema, type SpecDocument } from './spec-schema.ts';

export interface FuzzTarget {
  baseUrl: string;
  app: AppCredentials;
  encoding: SignEncoding;
  loopback: boolean;
  /** Requests that reach the pay step may be sent: loopback, or real test pay codes given. */
  moneyAllowed: boolean;
  /** Orders it holds may be cancelled and refunded: loopback, or PAY_LIVE_LIFECYCLE=1. */
  lifecycleWrites: boolean;
  /** PAY_LIVE_PAY_CODES: single-use codes for a target that is not loopback. */
  livePayCodes: readonly string[];
  /** PAY_ERROR_CODES: the dialect the target must speak. */
  /** The readings the target must take and whether paycheck's own limits are demanded (PAY_STRICT). */
  demands?: RunDemands;
  /** A key pair whose public half the target holds for the app: sign_type RSA is generated too. */
  rsa?: { privateKey: string; publicKey: string };
}

/** A failed check: the case's requests so far, the failing one last. */
export class FailedCase extends Error {
  constructor(readonly steps: FuzzStep[]) {
    super(`rule(s) broken: ${[...new Set(steps.at(-1)!.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].join(', ')}`);
    this.name = 'FailedCase';
  }
}

/** Fields naming something a target keeps: drawn anew on every run, since a target remembers them. */
const ID_FIELDS = ['order_id', 'trade_no', 'refund_order_id'] as const;

/** Every call's answer when the flowchart accepts the request: the pay call's outcomes, or unknown (never made). */
function acceptedExpectation(call: ApiPath, body: Readonly<Record<string, unknown>>): Expectation {
  if (call === API_PATHS.pay) return { codes: Object.values(OUTCOME_CODES) };
  if (call === API_PATHS.check && body.refund_order_id !== undefined) {
    // Both a refund and an order, neither ever made: which is named unknown first, the pages do not say.
    return body.order_id !== undefined || body.trade_no !== undefined ? { codes: Object.values(UNKNOWN_CODES) } : { unknown: 'refund' };
  }
  return { unknown: 'order' };
}

function describeExpectation(e: Expectation): string {
  const codes = acceptedCodes(e).join(' or ');
  if ('fault' in e) return `${codes} (${e.fault}: the flowchart refuses the request there)`;
  if ('unknown' in e) return `${codes} (the ${e.unknown} named was never made)`;
  return codes;
}

export function createSession(document: SpecDocument, target: FuzzTarget, paths: readonly ApiPath[] = CALL_PATHS) {
  const schemas = compileSchemas(document);
  const calls = new Map(paths.map((path) => [path, callSchema(document, path)] as const));
  const validators = new Map<ApiPath, ValidateFunction>([...calls].map(([path, call]) => [path, schemas.validator(call.name)]));
  const client: PayClient = createPayClient({ baseUrl: target.baseUrl, app: target.app, encoding: target.encoding, allowRemote: !target.loopback });
  const check: AnswerCheck = createAnswerChecks(document, target.app, schemas);
  const coverage: CoverageRecorder = createCoverage(document, [...calls.values()]);
  const runTag = Date.now().toString(36).toUpperCase();
  let serial = 0;
  const spentCodes = new Set<string>();

  const signing: Signing = {
    sign(params, bad?: BadSigning) {
      if (bad === undefined) {
        return nodeSigner.signed(params, { secret: target.app.secret, encoding: target.encoding, rsaPrivateKey: target.rsa?.privateKey });
      }
      // A wrong signature of either kind is an MD5 one, whatever sign_type says.
      const secret = bad === 'wrong-secret' ? `${target.app.secret}x` : target.app.secret;
      const encoding: SignEncoding = bad === 'other-encoding' ? (target.encoding === 'hex' ? 'base64' : 'hex') : target.encoding;
      return { ...params, sign: nodeSigner.signature({ ...params, sign_type: 'MD5' }, { secret, encoding }).sign };
    },
  };

  /**
   * An id of the generated shape, made unique: its tail is this run's tag and a serial. Cut by
   * characters, as the schema's maxLength counts them: a cut by UTF-16 units could split a
   * surrogate pair, or leave more characters than the shape had.
   */
  function freshId(shape: string): string {
    const tag = `${runTag}${(serial++).toString(36).toUpperCase().padStart(3, '0')}`;
    const chars = Array.from(shape);
    return chars.slice(0, Math.max(0, chars.length - tag.length)).join('') + tag;
  }

  function callOf(path: ApiPath): CallSchema {
    const found = calls.get(path);
    if (!found) throw new Error(`${path} is not fuzzed in this run`);
    return found;
  }

  function verdictOf(path: ApiPath, text: string): Verdict {
    return judgeRequest({ call: callOf(path), validate: validators.get(path)!, app: target.app, encoding: target.encoding, rsaPublicKey: target.rsa?.publicKey }, text);
  }

  return {
    document,
    target,
    client,
    signing,
    coverage,
    call: callOf,
    /** The application ids the target may know: ours, and the demo one every embedded mock keeps. */
    knownAppIds: [target.app.appId, DEMO_APP.appId],
    freshId,
    /** The draft with its ids made fresh and, on a remote target, a real test pay code in place of the generated one. */
    materialize(path: ApiPath, draft: Readonly<Record<string, unknown>>): Record<string, unknown> {
      const body = structuredClone(draft) as Record<string, unknown>;
      for (const key of ID_FIELDS) if (typeof body[key] === 'string') body[key] = freshId(body[key]);
      if (path === API_PATHS.pay && target.livePayCodes.length > 0 && typeof body.pay_code === 'string') {
        const channel = channelOfPayCode(body.pay_code);
        const code = target.livePayCodes.find((c) => !spentCodes.has(c) && channelOfPayCode(c) === channel);
        // No code of the channel left: the run cannot be made without one the user did not give.
        fc.pre(code !== undefined);
        spentCodes.add(code!);
        body.pay_code = code;
      }
      return body;
    },
    verdict: verdictOf,
    /** What the flowchart demands of a built request (a key written twice may also be refused as malformed); a request it accepts is counted in the coverage. */
    expectationFor(path: ApiPath, built: BuiltRequest, twice = false): Expectation {
      const verdict = this.verdict(path, built.text);
      const expectation = 'fault' in verdict ? { fault: verdict.fault } : acceptedExpectation(path, built.json);
      if ('accepted' in verdict) coverage.request(path, built.json);
      if (!twice) return expectation;
      return { codes: [...new Set([...acceptedCodes(expectation), ...Object.values(DIALECT_CODES.format)])] };
    },
    /** Whether a request the flowchart accepts would reach the pay step where that may not be. */
    mayNotSend(path: ApiPath, expectation: Expectation): boolean {
      return path === API_PATHS.pay && !target.moneyAllowed && !('fault' in expectation);
    },
    newRunState(): RunState {
      return createRunState(target.demands);
    },
    /** Sends one request of a case, checks the answer; throws the case on a finding. */
    async attempt(path: ApiPath, built: BuiltRequest, expectation: Expectation, state: RunState, earlier: FuzzStep[], label: string): Promise<FuzzStep> {
      // A request the oracle refuses is one the fuzzer built wrong: marked, so a proxy in front of
      // the target does not charge it to its cashier. The oracle's verdict, not the expectation: a
      // key twice widens the expectation to a set of codes, yet the request is still refused.
      const verdict = verdictOf(path, built.text);
      const sent = await client.send(built.text, { path, headers: 'fault' in verdict ? probeHeader(verdict.fault) : undefined });
      const exchange: Exchange = { ...sent, request: { ...sent.request, json: built.json } };
      const { findings } = check(exchange, expectation, state);
      coverage.answer(path, (exchange.response?.body as { code?: unknown } | undefined)?.code);
      const step: FuzzStep = { label, exchange, findings, expected: describeExpectation(expectation), done: built.done };
      if (findings.some((f) => f.severity === 'error')) throw new FailedCase([...earlier, step]);
      return step;
    },
    /** What every answer is checked for, in words for the report. */
    checkNames: ['transport', 'schema', 'expected-outcome', "the call's contract rules (src/checks/contract/rules)", ...EXTRA_CHECKS.map((c) => c.name)],
  };
}

export type FuzzSession = ReturnType<typeof createSession>;
