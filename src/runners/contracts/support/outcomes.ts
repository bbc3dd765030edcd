/**
 * How the suite reaches an outcome on a target without the mock's controls. The mock picks an
 * outcome by `X-Mock-Scenario`; a real sandbox picks it by the amount (WeChat's pay-code sandbox:
 * 0.30 still paying, 0.32 failed, 0.02 a voucher) or by a header of its own. `PAY_OUTCOMES` maps
 * the mock's scenario names to those — `USER_PAYING:0.30,FAILED:0.32,VOUCHER:0.02`, or
 * `FAILED:Wechatpay-Negative-Test=PAY_FAIL` for a header — and the mock's own table (its
 * scenarios' amounts) is the mapping when it is unset; `none` maps nothing.
 *
 * A mapping is a claim about someone else's server, so each mapped outcome is confirmed once with
 * one pay before the tests lean on it; an outcome that is unmapped or did not show is skipped
 * with the reason, never failed.
 */
import { parseAmount } from '../../../kernel/money/money.ts';
import { SCENARIOS, scenarioByName, type Scenario } from '../../../engine/index.ts';
import type { PayClient } from '../../../adapters/client/pay-client.ts';
import type { DataFactory } from '../../../kernel/factories/data-factory.ts';

export type OutcomeRoute = { amount: string } | { header: readonly [name: string, value: string] };

/** A mapped outcome, and whether one pay showed it (`confirmed: true`) or why not. */
export interface OutcomeMapping {
  route: OutcomeRoute;
  confirmed?: true | string;
}

export type OutcomeMap = ReadonlyMap<string, OutcomeMapping>;

/** `PAY_OUTCOMES`: unset = the mock's table; `none` = nothing; else `NAME:AMOUNT|NAME:Header=Value`, comma-separated. */
export function parseOutcomes(text: string | undefined): Map<string, OutcomeMapping> {
  const map = new Map<string, OutcomeMapping>();
  if (text === undefined || text.trim() === '') {
    for (const s of SCENARIOS as readonly Scenario[]) if (s.amount !== undefined && s.name !== 'SUCCESS' && !s.slow) map.set(s.name, { route: { amount: s.amount } });
    return map;
  }
  if (text.trim() === 'none') return map;
  for (const item of text.split(',').map((i) => i.trim()).filter(Boolean)) {
    const colon = item.indexOf(':');
    const name = colon < 0 ? '' : item.slice(0, colon).trim().replaceAll('-', '_');
    const value = colon < 0 ? '' : item.slice(colon + 1).trim();
    const scenario = scenarioByName(name);
    if (!scenario) throw new RangeError(`PAY_OUTCOMES: "${item}" names no outcome; use NAME:AMOUNT or NAME:Header=Value with NAME one of ${SCENARIOS.map((s) => s.name).join(', ')}`);
    const eq = value.indexOf('=');
    if (eq > 0) {
      map.set(scenario.name, { route: { header: [value.slice(0, eq).trim(), value.slice(eq + 1).trim()] } });
    } else {
      const amount = parseAmount(value);
      if (!amount.ok) throw new RangeError(`PAY_OUTCOMES: "${item}": ${amount.reason}`);
      map.set(scenario.name, { route: { amount: value } });
    }
  }
  return map;
}

export function describeRoute(route: OutcomeRoute): string {
  return 'amount' in route ? `amount ${route.amount}` : `header ${route.header[0]}: ${route.header[1]}`;
}

interface PayAnswer {
  code?: unknown;
  data?: { voucher_list?: unknown; total_amount?: unknown; payable_amount?: unknown };
}

const CODE_OF_OUTCOME = { paid: 1000, paying: 1002, failed: 1001, unknown: 5001 } as const;

/** Undefined when the answer shows the scenario's outcome; else what it showed instead. */
export function outcomeMismatch(scenarioName: string, answer: unknown): string | undefined {
  const scenario = scenarioByName(scenarioName);
  if (!scenario) return `no outcome ${scenarioName}`;
  const body = (answer ?? {}) as PayAnswer;
  const want = CODE_OF_OUTCOME[scenario.outcome];
  if (Number(body.code) !== want) return `answered code ${String(body.code ?? 'none')}, not ${want}`;
  const vouchers = Array.isArray(body.data?.voucher_list) ? body.data.voucher_list.length : 0;
  if (scenario.vouchers.length > 0 && vouchers === 0) return 'paid without a voucher';
  if (scenario.memberDiscount) {
    const total = parseAmount(body.data?.total_amount);
    const payable = parseAmount(body.data?.payable_amount, { allowZero: true });
    if (!total.ok || !payable.ok || payable.fen >= total.fen) return 'paid without a discount (payable_amount not below total_amount)';
  }
  return undefined;
}

/**
 * Pays once at each mapped outcome of a loopback target without the mock's controls and records
 * whether the answer showed it. Elsewhere a mapping is taken on trust: confirming it there would
 * spend a real pay code. A target that gives no answer to one is not asked the rest: each would
 * wait its whole timeout for the same silence.
 */
export async function confirmOutcomes(
  target: { outcomes: OutcomeMap; controls: boolean; loopback: boolean },
  client: Pick<PayClient, 'pay'>,
  factory: Pick<DataFactory, 'unsignedRequest'>,
): Promise<void> {
  if (target.controls || !target.loopback) return;
  for (const [name, mapping] of target.outcomes) {
    if (mapping.confirmed !== undefined) continue;
    const { route } = mapping;
    const { goods_list: _goods, ...request } = factory.unsignedRequest({ goodsCount: 1 });
    const body = 'amount' in route ? { ...request, total_amount: route.amount } : request;
    const exchange = await client.pay(body, { headers: 'header' in route ? { [route.header[0]]: route.header[1] } : {} });
    if (exchange.transportError !== undefined) {
      for (const [, unconfirmed] of target.outcomes) unconfirmed.confirmed ??= `gave no answer (${exchange.transportError})`;
      return;
    }
    mapping.confirmed = outcomeMismatch(name, exchange.response?.body) ?? true;
  }
}
