/**
 * One exchange through the proxy, judged from both sides and journalled as the mock journals it:
 * the request by the mock's own first four steps (src/engine/request-gate.ts: presence, format,
 * app, signature — the client's side), the answer by the contract suite's rules with the run's
 * order ledger (src/checks/contract/: the server's side, cross-call rules included), and the
 * `JournalEntry` that `paycheck audit` reads. The request's verdict is also the contract's
 * expectation: a request the flowchart refuses at a step must be answered with that step's code.
 */
import { createRequestGate, type MockRequest, type RequestVerdict } from '../../engine/index.ts';
import type { AppConfig } from '../../engine/apps.ts';
import type { JournalEntry } from '../../kernel/journal-entry.ts';
import type { SignEncoding } from '../../kernel/signing/encoding.ts';
import { diagnosisLines } from '../../kernel/signing/mistakes.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { nodeSigner } from '../../adapters/node/node-digests.ts';
import type { OpenApiDocument } from '../../adapters/node/spec-file.ts';
import { createContractCheck, type CheckInput } from '../../checks/contract/contract-check.ts';
import { createRunState, type Expectation, type RunDemands, type RunState } from '../../checks/contract/check-context.ts';
import { codeOf, lifecycleData, orderData } from '../../checks/contract/answer-data.ts';
import { lastStatus, recordOf } from '../../checks/contract/order-ledger.ts';
import { shown, type Finding } from '../../checks/contract/finding.ts';
import { excusedBy, PROBE_HEADER, type ProbeFault } from '../../kernel/probe.ts';

/** Whose mistake a finding is: the cashier's request, or the server's answer. */
type Side = 'client' | 'server';

export interface ProxyFinding extends Finding {
  /** The journal `seq` of the exchange. */
  exchange: number;
  /** The path called. */
  call: string;
  side: Side;
}

/** What came back from the upstream: an answer, or why none. */
export type UpstreamAnswer = { status: number; headers: Readonly<Record<string, string>>; text: string } | { error: string };

/** What the request's verdict says of a signature, for `--record` (a replay re-signs only what was signed right). */
export type SignVerdict = 'valid' | 'invalid' | 'not-judged';

export interface ExchangeJudgeOptions {
  spec: OpenApiDocument;
  /** The applications whose requests are judged in full (app and signature). */
  apps: readonly AppConfig[];
  encoding: SignEncoding;
  /** The readings the server must take (PAY_ERROR_CODES, PAY_REPEAT_PAID, …: readingDemands); unset accepts either. */
  demands?: RunDemands;
  /** The proxy's clock: a second of it is a second of the sign diagnoses' budget. */
  now: () => number;
}

export interface Judged {
  /** The journal entry's fields (its `seq` and `at_ms` are the proxy's). */
  journal: Omit<JournalEntry, 'seq' | 'at_ms' | 'method' | 'path'>;
  findings: Finding[];
  sides: Side[];
  /** The fault of a deliberate probe of paycheck's that was not charged to the cashier. */
  probe?: ProbeFault;
}

/** Repeat of an order the run saw answered: 1003 (paid) or 1007 (any other; the table dialect says 1003). */
const REPEAT: Expectation = { codes: [1003, 1007] };

/**
 * Orders the cross-call rules remember (the mock's default store cap). Past it the ledger starts
 * afresh: a forgotten order is judged like one the proxy never saw — rules pass it by, none
 * misfires — and a proxy left running for days holds bounded memory.
 */
const LEDGER_CAP = 100_000;

const CLIENT_RULE = { presence: 'request-presence', format: 'request-format', app: 'request-app', signature: 'request-signature' } as const;

export function createExchangeJudge(options: ExchangeJudgeOptions) {
  const gate = createRequestGate({ spec: options.spec, apps: options.apps, signer: nodeSigner, encoding: options.encoding, now: options.now });
  const check = createContractCheck(options.spec);
  let state: RunState = createRunState(options.demands);

  /** The verdict on a request before it is forwarded (undefined: no API call). */
  function judgeRequest(request: MockRequest): RequestVerdict | undefined {
    return gate(request);
  }

  /**
   * A request marked as one of paycheck's deliberate probes (X-Paycheck-Probe) is not charged the
   * fault it declares, and only that one: any other mistake in it is, and a marked request that is
   * valid is charged for the mark, so a cashier that marks its traffic hides nothing and shows.
   */
  function clientFindings(verdict: RequestVerdict, probe: ReadonlySet<ProbeFault> | undefined): { findings: Finding[]; excused?: ProbeFault } {
    const refused = verdict.refused;
    const declared = probe === undefined ? '' : [...probe].join(', ') || 'no fault it knows';
    if (!refused) {
      if (probe === undefined) return { findings: [] };
      return {
        findings: [{
          rule: 'request-probe',
          path: '$',
          expected: `no ${PROBE_HEADER} header, or a request refused with what it declares (${declared})`,
          actual: 'a valid request',
          message: `${PROBE_HEADER} marks a request paycheck spoils on purpose, whose declared fault the proxy does not charge; this one is valid, so the mark is not paycheck's: remove it from the cashier`,
          severity: 'error',
        }],
      };
    }
    if (excusedBy(probe, refused.fault)) return { findings: [], excused: refused.fault };
    const charged = requestFindings(verdict, refused);
    if (probe === undefined) return { findings: charged };
    return { findings: charged.map((f) => ({ ...f, message: `${f.message} | marked ${PROBE_HEADER}: ${declared}, but refused for ${refused.fault}: charged` })) };
  }

  function requestFindings(verdict: RequestVerdict, refused: NonNullable<RequestVerdict['refused']>): Finding[] {
    const rule = CLIENT_RULE[refused.step];
    const params = verdict.params ?? {};
    if (refused.step === 'signature') {
      const app = options.apps.find((a) => a.appId === params.app_id)!;
      // The signing mistake that reproduces the sign, as `paycheck verify` words it (its texts hold semicolons).
      const diagnosis = refused.signDiagnosis ? diagnosisLines(refused.signDiagnosis).map((line) => line.trim()) : [];
      return [{ rule, path: '$.sign', expected: `the sign of these parameters with ${app.appId}'s secret (${options.encoding})`, actual: shown(params.sign), message: [refused.reason, ...diagnosis].join(' | '), severity: 'error' }];
    }
    if (refused.step === 'app') {
      return [{ rule, path: '$.app_id', expected: `an application the proxy knows (${options.apps.map((a) => a.appId).join(', ')})`, actual: shown(params.app_id), message: `${refused.reason}: set PAY_APP_ID / PAY_APP_SECRET to the cashier's application`, severity: 'error' }];
    }
    return [{ rule, path: '$', expected: refused.step === 'presence' ? 'every required field' : "the call's request schema", actual: refused.reason, message: refused.reason, severity: 'error' }];
  }

  function expectation(path: string, verdict: RequestVerdict): Expectation | undefined {
    if (verdict.refused) return { fault: verdict.refused.fault };
    if (path !== API_PATHS.pay) return undefined;
    return recordOf(state.orders, { call: path, body: undefined, request: verdict.params })?.pay ? REPEAT : undefined;
  }

  /** The whole exchange, once the answer (or its absence) is known. */
  function judge(path: string, verdict: RequestVerdict, answer: UpstreamAnswer, probe?: ReadonlySet<ProbeFault>): Judged {
    const params = verdict.params;
    const { findings: client, excused } = clientFindings(verdict, probe);
    const input: CheckInput = { request: { json: params, url: path } };
    let scenario: string | undefined;
    let fault: string | undefined;
    if ('error' in answer) input.transportError = answer.error;
    else {
      input.response = { status: answer.status, headers: answer.headers };
      try {
        input.response.body = JSON.parse(answer.text) as unknown;
      } catch (error) {
        input.response.parseError = (error as Error).message;
      }
      scenario = answer.headers['x-mock-scenario'];
      fault = answer.headers['x-mock-fault'];
    }
    if (state.orders.orders.size >= LEDGER_CAP) state = createRunState(options.demands);
    const expected = expectation(path, verdict);
    const server = check(input, expected, state).findings.filter((f) => f.severity !== 'info');
    const body = input.response?.body;
    const data = path === API_PATHS.pay ? orderData(body) : lifecycleData({ call: path, body });
    const code = codeOf(body);
    const record = verdict.refused ? undefined : recordOf(state.orders, { call: path, body, request: params });
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const status = typeof data?.order_status === 'number' ? data.order_status : lastStatus(record);
    const journal: Judged['journal'] = {
      app_id: text(params?.app_id),
      order_id: text(data?.order_id) ?? text(params?.order_id) ?? record?.order_id,
      trade_no: text(data?.trade_no) ?? text(params?.trade_no) ?? record?.trade_no,
      refund_order_id: text(params?.refund_order_id),
      code: typeof code === 'number' ? code : undefined,
      order_status: status,
      scenario,
      fault,
      sign_diagnosis: verdict.refused?.signDiagnosis,
      probe: excused,
    };
    for (const key of Object.keys(journal) as (keyof Judged['journal'])[]) if (journal[key] === undefined) delete journal[key];
    return { journal, findings: [...client, ...server], sides: [...client.map(() => 'client' as const), ...server.map(() => 'server' as const)], ...(excused ? { probe: excused } : {}) };
  }

  return {
    judgeRequest,
    judge,
    signVerdict(verdict: RequestVerdict): SignVerdict {
      if (verdict.refused?.step === 'signature') return 'invalid';
      return verdict.refused ? 'not-judged' : 'valid';
    },
    /** A fresh ledger: `POST /__mock/reset`. */
    reset(): void {
      state = createRunState(options.demands);
    },
  };
}

