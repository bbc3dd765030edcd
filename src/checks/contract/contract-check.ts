/**
 * The whole contract for one exchange: transport; the readings the answer shows (readings.ts),
 * after which it is read in paycheck's own reading; the schema of its call and code; the
 * business rules of its call (the pay call's, or the lifecycle calls'); a strict limit the case
 * names. Afterwards the answer is noted in the run's order ledger, for the rules judging the
 * order's later answers. Returns the findings, the rules that applied and what was observed
 * (readings, strict limits); never throws.
 */
import { describeRedirect } from '../../adapters/client/outbound.ts';
import { compileSchemas, type SchemaSet } from '../../kernel/spec/schemas.ts';
import { shown, type Finding } from './finding.ts';
import { type CheckContext, type Expectation, type Rule, type RunState } from './check-context.ts';
import { asRecord } from './answer-data.ts';
import { recordExchange } from './order-ledger.ts';
import type { RuleName } from './rule-names.ts';
import { createSchemaCheck, type SpecDocument } from './schema-check.ts';
import { codeOrderStatus, orderIdEcho, payTypeChannel, realAmountUnpaid } from './rules/order-rules.ts';
import { amountFormat, amountOrder, totalAmountEcho, voucherSum } from './rules/amount-rules.ts';
import { voucherChannelFields } from './rules/voucher-rules.ts';
import { tradeNoPresent, tradeNoUnique } from './rules/trade-no-rules.ts';
import { expectedOutcome, strictLimit, type StrictObservation } from './rules/outcome-rules.ts';
import { judgeReadings, normalised, readingsShown, type ShownReading } from './readings.ts';
import { lifecycleEcho, queryAgreesWithPay } from './rules/query-rules.ts';
import { refundWithinPaid } from './rules/refund-rules.ts';
import { cancelFinal, statusTransitionLegal, unknownOrder } from './rules/status-rules.ts';
import { timeFormat, timeOrder } from './rules/time-rules.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { apiPathEndingOf } from '../../kernel/spec/api-url.ts';

const EVERY_CALL: readonly Rule[] = [expectedOutcome, statusTransitionLegal];

const PAY_RULES: readonly Rule[] = [
  ...EVERY_CALL, codeOrderStatus, realAmountUnpaid, amountFormat, amountOrder, totalAmountEcho,
  voucherSum, voucherChannelFields, payTypeChannel, orderIdEcho, tradeNoPresent, tradeNoUnique,
];

const LIFECYCLE_RULES: readonly Rule[] = [
  ...EVERY_CALL, lifecycleEcho, queryAgreesWithPay, refundWithinPaid, cancelFinal, unknownOrder, timeFormat, timeOrder,
];

/** What the checks need of an exchange (the pay client's `Exchange` fits). */
export interface CheckInput {
  /** `url` says which call it was; without one, the pay call. */
  request?: { json?: unknown; url?: string };
  response?: { status: number; headers: Readonly<Record<string, string>>; body?: unknown; parseError?: string };
  transportError?: string;
}

export interface ContractResult {
  findings: Finding[];
  /** Each rule that applied to this exchange, once. */
  checked: RuleName[];
  /** The readings it showed and the strict limit it tested, for the summary. */
  observed: Observed;
  /** The answer as the rules read it: in paycheck's own reading where the target took another. */
  read?: unknown;
}

export interface Observed {
  readings: ShownReading[];
  strict: StrictObservation[];
}

export function createContractCheck(document: SpecDocument, schemas: SchemaSet = compileSchemas(document)) {
  const checkSchema = createSchemaCheck(schemas, document);

  return function checkExchange(input: CheckInput, expectation?: Expectation, state?: RunState): ContractResult {
    const transport = transportFindings(input);
    const raw = input.response?.body;
    if (raw === undefined) return { findings: transport, checked: ['transport'], observed: { readings: [], strict: [] } };
    const call = callOf(input.request?.url);
    const request = asRecord(input.request?.json);
    const readings = readingsShown({ call, request, body: raw, expectation });
    const body = normalised(raw, call, readings);
    const findings = [...transport, ...judgeReadings(readings, state), ...checkSchema(body, call)];
    const checked: RuleName[] = ['transport', ...(readings.length > 0 ? ['reading' as const] : []), 'schema'];
    const ctx: CheckContext = { call, request, body, expectation, state };
    for (const rule of call === API_PATHS.pay ? PAY_RULES : LIFECYCLE_RULES) {
      const result = rule.check(ctx);
      if (result === undefined) continue;
      checked.push(rule.name);
      findings.push(...result);
    }
    const strict = strictLimit(ctx);
    if (strict) {
      checked.push('strict-limit');
      findings.push(...strict.findings);
    }
    if (state) recordExchange(state.orders, ctx);
    return { findings, checked, observed: { readings, strict: strict ? [strict.observed] : [] }, read: body };
  };
}

/** The call of the URL called, whatever prefix its base URL has; the pay call when there is none. */
function callOf(url: string | undefined): string {
  if (url === undefined) return API_PATHS.pay;
  const call = apiPathEndingOf(url);
  if (call !== undefined) return call;
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export type ContractCheck = ReturnType<typeof createContractCheck>;

function transportFindings({ response, transportError }: CheckInput): Finding[] {
  const finding = (path: string, expected: string, actual: string, message: string): Finding => ({ rule: 'transport', path, expected, actual, message, severity: 'error' });
  if (transportError !== undefined || !response) return [finding('$', 'an HTTP answer', transportError ?? '(none)', `no answer: ${transportError ?? 'no response'}`)];
  const out: Finding[] = [];
  if (response.status !== 200) {
    const redirect = describeRedirect({ status: response.status, redirectedTo: response.headers.location });
    out.push(finding('HTTP status', '200', String(response.status), redirect ?? 'every answer is HTTP 200 with the {code, msg, data} envelope'));
  }
  const type = response.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) out.push({ ...finding('Content-Type', 'application/json', shown(type), 'the body must be declared as JSON'), severity: 'warning' });
  if (response.parseError !== undefined) out.push(finding('$', 'a JSON body', response.parseError, 'the body is not JSON'));
  return out;
}
