/**
 * The whole contract for one exchange: transport, the schema of its code, then every business
 * rule. Returns the findings and the rules that applied; never throws.
 */
import type { SchemaSet } from '../spec/schemas.ts';
import { shown, type Finding } from './finding.ts';
import { asRecord, type Expectation, type Rule, type RunState } from './check-context.ts';
import type { RuleName } from './rule-names.ts';
import { createSchemaCheck } from './schema-check.ts';
import { codeOrderStatus, orderIdEcho, payTypeChannel, realAmountUnpaid } from './rules/order-rules.ts';
import { amountFormat, amountOrder, totalAmountEcho, voucherSum } from './rules/amount-rules.ts';
import { voucherChannelFields } from './rules/voucher-rules.ts';
import { tradeNoPresent, tradeNoUnique } from './rules/trade-no-rules.ts';
import { errorDialect, expectedOutcome } from './rules/outcome-rules.ts';

export const BUSINESS_RULES: readonly Rule[] = [
  expectedOutcome, errorDialect, codeOrderStatus, realAmountUnpaid, amountFormat, amountOrder, totalAmountEcho,
  voucherSum, voucherChannelFields, payTypeChannel, orderIdEcho, tradeNoPresent, tradeNoUnique,
];

/** What the checks need of an exchange (the pay client's `Exchange` fits). */
export interface CheckInput {
  request?: { json?: unknown };
  response?: { status: number; headers: Readonly<Record<string, string>>; body?: unknown; parseError?: string };
  transportError?: string;
}

export interface ContractResult {
  findings: Finding[];
  /** Each rule that applied to this exchange, once. */
  checked: RuleName[];
}

export function createContractCheck(schemas: SchemaSet, rules: readonly Rule[] = BUSINESS_RULES) {
  const checkSchema = createSchemaCheck(schemas);

  return function checkExchange(input: CheckInput, expectation?: Expectation, state?: RunState): ContractResult {
    const transport = transportFindings(input);
    const body = input.response?.body;
    if (body === undefined) return { findings: transport, checked: ['transport'] };
    const findings = [...transport, ...checkSchema(body)];
    const checked: RuleName[] = ['transport', 'schema'];
    const ctx = { request: asRecord(input.request?.json), body, expectation, state };
    for (const rule of rules) {
      const result = rule.check(ctx);
      if (result === undefined) continue;
      checked.push(rule.name);
      findings.push(...result);
    }
    return { findings, checked };
  };
}

export type ContractCheck = ReturnType<typeof createContractCheck>;

function transportFindings({ response, transportError }: CheckInput): Finding[] {
  const finding = (path: string, expected: string, actual: string, message: string): Finding => ({ rule: 'transport', path, expected, actual, message, severity: 'error' });
  if (transportError !== undefined || !response) return [finding('$', 'an HTTP answer', transportError ?? '(none)', `no answer: ${transportError ?? 'no response'}`)];
  const out: Finding[] = [];
  if (response.status !== 200) out.push(finding('HTTP status', '200', String(response.status), 'every answer is HTTP 200 with the {code, msg, data} envelope'));
  const type = response.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) out.push({ ...finding('Content-Type', 'application/json', shown(type), 'the body must be declared as JSON'), severity: 'warning' });
  if (response.parseError !== undefined) out.push(finding('$', 'a JSON body', response.parseError, 'the body is not JSON'));
  return out;
}
