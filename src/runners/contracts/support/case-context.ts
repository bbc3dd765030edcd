/**
 * What a contract case works with, independent of Playwright: fresh request data, a client, and
 * `pay` / `send` that record every exchange with its contract findings. The Playwright fixtures
 * and the broken-variant self-test both drive cases through it.
 */
import { fileURLToPath } from 'node:url';
import type { Channel } from '../../../kernel/channel.ts';
import { channelOfPayCode } from '../../../kernel/channel.ts';
import type { Exchange, PayClient, Params } from '../../../adapters/client/pay-client.ts';
import type { DataFactory, PayRequestOptions, UnsignedPayRequest } from '../../../kernel/factories/data-factory.ts';
import type { ContractCheck, Observed } from '../../../checks/contract/contract-check.ts';
import type { Expectation, RunState } from '../../../checks/contract/check-context.ts';
import type { Finding } from '../../../checks/contract/finding.ts';
import type { RuleName } from '../../../checks/contract/rule-names.ts';
import { checkDuplicateGroup } from '../../../checks/contract/rules/duplicate-rules.ts';
import type { ContractTarget } from './target.ts';
import { describeRoute } from './outcomes.ts';
import { isProbeFault, probeHeader, type ProbeFault } from '../../../kernel/probe.ts';

export type CaseTag = '@mock-controls' | '@moves-money' | '@lifecycle-writes';

export interface ContractCase {
  title: string;
  tags?: readonly CaseTag[];
  run(ctx: CaseContext): Promise<void>;
}

interface CallOptions {
  expect: Expectation;
  /**
   * The outcome asked for: `X-Mock-Scenario` on a target with the mock's controls, else the
   * target's PAY_OUTCOMES route to it; a case whose outcome cannot be reached is skipped.
   */
  scenario?: string;
  headers?: Readonly<Record<string, string>>;
  /** Another call than /pay/qrcode: `/pay/get`, `/pay/check`, `/pay/cancel`, `/pay/refund`. */
  path?: string;
  /**
   * The faults a request built wrong on purpose is refused with, when the expectation is a reading
   * (either refusal is right); an expected fault of the flowchart's first four steps is one already.
   * Sent as X-Paycheck-Probe, so a proxy in front of the target does not charge it to its cashier.
   */
  probe?: readonly ProbeFault[];
}

export interface Verdict {
  /** Absent for findings about several exchanges at once. */
  exchange?: Exchange;
  findings: Finding[];
  checked: RuleName[];
  observed?: Observed;
  /** The answer as the rules read it (readings.ts): what a case's own demands look at. */
  read?: unknown;
  /** Where the case made the call (or the demand) the verdict is about. */
  location?: CaseLocation;
  /** The case ended after this exchange, its next calls not sent (`stop`): why. */
  stopped?: string;
}

/** A place in a case's source, as Playwright's `location` options take it. */
export interface CaseLocation {
  file: string;
  line: number;
  column: number;
}

const FRAME = /\(?((?:file:\/\/)?\/[^()]+?):(\d+):(\d+)\)?$/;

/**
 * Where the case's own code called in: the first frame of the stack outside this support folder,
 * Node and node_modules. Taken while the call is still synchronous, before any await loses the
 * case's frame.
 */
function callerInCase(): CaseLocation | undefined {
  for (const frame of (new Error().stack ?? '').split('\n').slice(1)) {
    const match = FRAME.exec(frame.trim());
    if (!match) continue;
    const file = match[1].startsWith('file://') ? fileURLToPath(match[1]) : match[1];
    if (file.includes('/contracts/support/') || file.includes('/node_modules/')) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

export interface CaseEnvironment {
  target: ContractTarget;
  client: PayClient;
  factory: DataFactory;
  check: ContractCheck;
  state: RunState;
  /** A real pay code for a non-loopback target (PAY_LIVE_PAY_CODES), or undefined when none is left. */
  claimLivePayCode?: (channel: Channel | undefined) => string | undefined;
  /** Ends the case as skipped, with the reason shown. */
  skip(reason: string): never;
}

/** Thrown by `stop` and caught by `runCase`: the case ends, its verdicts kept and reported. */
class CaseStopped extends Error {}

function createCaseContext(env: CaseEnvironment) {
  const verdicts: Verdict[] = [];
  const { client, factory, check, state } = env;

  /** A fresh, valid, unsigned request meant to be rejected for a defect the case adds: never a real code. */
  function draft(opts: PayRequestOptions = {}): UnsignedPayRequest {
    return factory.unsignedRequest({ withStore: true, goodsCount: 1, ...opts });
  }

  /** A fresh, valid, unsigned request meant to be paid; on a live target with real codes, one of those. */
  function request(opts: PayRequestOptions = {}): UnsignedPayRequest {
    const unsigned = factory.unsignedRequest(opts);
    if (env.target.livePayCodes.length > 0) {
      const code = env.claimLivePayCode?.(opts.channel);
      if (!code) env.skip(`PAY_LIVE_PAY_CODES has no unused ${opts.channel ?? ''} code left for this test`.replace('  ', ' '));
      unsigned.pay_code = code;
    }
    return unsigned;
  }

  function verify(exchange: Exchange, expectation: Expectation, location = callerInCase()): Verdict {
    const result = check(exchange, expectation, state);
    const verdict = { exchange, ...result, location };
    verdicts.push(verdict);
    return verdict;
  }

  /** How this target reaches an outcome without the mock's controls; skips the case when it cannot. */
  function routeTo(scenario: string) {
    const mapping = env.target.outcomes.get(scenario);
    if (!mapping) env.skip(`the target offers no mock controls, and PAY_OUTCOMES maps no amount or header to ${scenario}`);
    if (typeof mapping.confirmed === 'string') env.skip(`PAY_OUTCOMES maps ${scenario} to ${describeRoute(mapping.route)}, but the target ${mapping.confirmed} there`);
    return mapping.route;
  }

  function headersOf(options: CallOptions): Record<string, string> {
    const { scenario } = options;
    const expected = 'fault' in options.expect && isProbeFault(options.expect.fault) ? [options.expect.fault] : [];
    const faults = options.probe ?? expected;
    const own = { ...(faults.length > 0 ? probeHeader(...faults) : {}), ...options.headers };
    if (!scenario) return own;
    if (env.target.controls) return { 'X-Mock-Scenario': scenario, ...own };
    const route = routeTo(scenario);
    return { ...('header' in route ? { [route.header[0]]: route.header[1] } : {}), ...own };
  }

  async function send(body: unknown, options: CallOptions): Promise<Exchange> {
    const location = callerInCase();
    const exchange = await client.send(body, { headers: headersOf(options), path: options.path });
    verify(exchange, options.expect, location);
    return exchange;
  }

  /** Signs and sends; an outcome routed by amount sets the total (and drops the goods, which no longer sum to it). */
  function pay(params: Params, options: CallOptions): Promise<Exchange> {
    const route = options.scenario && !env.target.controls ? routeTo(options.scenario) : undefined;
    if (route && 'amount' in route) {
      const { goods_list: _goods, ...rest } = params;
      return send(client.sign({ ...rest, total_amount: route.amount }), options);
    }
    return send(client.sign(params), options);
  }

  /** The `data` of an answer as the rules read it: in paycheck's own reading where the target took another (readings.ts). */
  function dataOf(exchange: Exchange): Readonly<Record<string, unknown>> {
    const read = verdicts.findLast((v) => v.exchange === exchange)?.read ?? exchange.response?.body;
    const data = (read as { data?: unknown } | undefined)?.data;
    return data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  }

  /** A demand of this case alone (rule `case-expectation`), tied to the exchange it is about. */
  function require(ok: boolean, exchange: Exchange, finding: Omit<Finding, 'rule' | 'severity'>): void {
    const verdict = verdicts.findLast((v) => v.exchange === exchange);
    if (!verdict) throw new Error('require() needs an exchange made by this case');
    verdict.checked.push('case-expectation');
    if (!ok) {
      verdict.findings.push({ rule: 'case-expectation', severity: 'error', ...finding });
      // The demand that failed is the place to look, more than the call it is about.
      verdict.location = callerInCase() ?? verdict.location;
    }
  }

  /**
   * Ends the case after `exchange`, which did not give what the rest of the case needs (an order
   * to follow up): every call after it would only repeat that failure as findings of its own.
   * The exchange's own findings say what went wrong; `reason` says what the case needed of it.
   */
  function stop(exchange: Exchange, reason: string): never {
    const verdict = verdicts.findLast((v) => v.exchange === exchange);
    if (!verdict) throw new Error('stop() needs an exchange made by this case');
    // Stopped after an answer that broke no rule, the case would pass with its calls unsent.
    if (!verdict.findings.some((f) => f.severity === 'error')) throw new Error(`stop() after an exchange that broke no rule: ${reason}`);
    verdict.stopped = reason;
    throw new CaseStopped(reason);
  }

  /** Parallel duplicates of one order: at most one success. */
  function group(exchanges: readonly Exchange[]): void {
    judged('duplicate-single-success', checkDuplicateGroup(exchanges.map((e) => e.response?.body)));
  }

  /** Findings of a rule about more than one exchange (or none of the case's own). */
  function judged(rule: RuleName, findings: Finding[]): void {
    verdicts.push({ findings, checked: [rule], location: callerInCase() });
  }

  /** A lifecycle call of the target's application: `fields` name the order (and the refund), signed and sent. */
  function call(path: string, fields: Params, options: CallOptions): Promise<Exchange> {
    return pay({ app_id: env.target.app.appId, sign_type: 'MD5', ...fields }, { ...options, path });
  }

  const ctx = { target: env.target, factory, client, draft, request, pay, call, send, verify, dataOf, require, stop, group, judged, channelOf: channelOfPayCode };
  return { ctx, verdicts };
}

export type CaseContext = ReturnType<typeof createCaseContext>['ctx'];

export async function runCase(contractCase: ContractCase, env: CaseEnvironment): Promise<Verdict[]> {
  const { ctx, verdicts } = createCaseContext(env);
  try {
    await contractCase.run(ctx);
  } catch (error) {
    if (!(error instanceof CaseStopped)) throw error;
  }
  return verdicts;
}
