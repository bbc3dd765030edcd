/**
 * What the suite is aimed at, from the Playwright project and the environment:
 *   msw   — in-process interception of the production URL (nothing leaves the machine)
 *   mock  — the loopback mock that Playwright's webServer starts
 *   live  — PAY_BASE_URL with PAY_APP_ID / PAY_APP_SECRET; without PAY_BASE_URL the config aims a
 *           `live-loopback` project at a second loopback mock instead
 * A target offers the mock's controls (X-Mock-Scenario, /__mock/*) only if it answers
 * /__mock/health; a non-loopback target may be charged only with PAY_LIVE_PAY_CODES, and its
 * orders cancelled or refunded only with PAY_LIVE_LIFECYCLE=1.
 */
import { appCredentialsFrom, isLoopbackUrl, PRODUCTION_BASE_URL, signEncodingFrom, type AppCredentials, type Env } from '../../../kernel/settings.ts';
import { readingDemands, READINGS, type ReadingName } from '../../../checks/contract/readings.ts';
import type { SignEncoding } from '../../../kernel/signing/encoding.ts';
import { describeRoute, parseOutcomes, type OutcomeMap } from './outcomes.ts';
import { hasMockControls } from '../../../checks/preflight/preflight.ts';

export type TargetKind = 'msw' | 'mock' | 'live';

export interface ContractTarget {
  kind: TargetKind;
  baseUrl: string;
  app: AppCredentials;
  encoding: SignEncoding;
  loopback: boolean;
  /** Answers X-Mock-Scenario and /__mock/* (probed). */
  controls: boolean;
  /** May be sent requests that reach the pay step. */
  moneyAllowed: boolean;
  /** May be sent cancels and refunds of orders it holds (loopback, MSW, or PAY_LIVE_LIFECYCLE=1). */
  lifecycleWrites: boolean;
  /** PAY_LIVE_PAY_CODES: real test codes for a non-loopback target, single use. */
  livePayCodes: readonly string[];
  /** The readings demanded (PAY_ERROR_CODES, PAY_REPEAT_PAID, … — readings.ts); unset ones accept either. */
  demands: ReadonlyMap<ReadingName, string>;
  /** PAY_STRICT=1: paycheck's own limits where the seed is silent must hold. */
  strict: boolean;
  /** PAY_OUTCOMES: how outcomes are reached without the mock's controls (outcomes.ts). */
  outcomes: OutcomeMap;
}

export const PLAYWRIGHT_MOCK_PORT = 4110;
export const PLAYWRIGHT_LIVE_STANDIN_PORT = 4111;
/**
 * How long a USER_PAYING order stays paying on the suite's own mocks (`--pending-ms`): long enough
 * for a repeat or a cancel sent at once to meet it paying, short enough to poll it to its end.
 */
export const CONTRACT_PENDING_MS = 1_000;

export function targetFrom(kind: TargetKind, baseUrl: string | undefined, env: Env): Omit<ContractTarget, 'controls'> {
  const encoding = signEncodingFrom(env);
  const demands = readingDemands(env);
  const strict = strictFrom(env);
  const outcomes = parseOutcomes(env.PAY_OUTCOMES);
  // Every target is driven with the configured application; the embedded mocks know it (embeddedMockApps).
  const app = appCredentialsFrom(env);
  if (kind === 'msw') return { kind, baseUrl: PRODUCTION_BASE_URL, app, encoding, loopback: false, moneyAllowed: true, lifecycleWrites: true, livePayCodes: [], demands, strict, outcomes };
  if (!baseUrl) throw new RangeError(`the ${kind} target needs a base URL`);
  const loopback = isLoopbackUrl(baseUrl);
  const livePayCodes = loopback ? [] : (env.PAY_LIVE_PAY_CODES ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const lifecycleWrites = loopback || env.PAY_LIVE_LIFECYCLE === '1';
  return { kind, baseUrl, app, encoding, loopback, moneyAllowed: loopback || livePayCodes.length > 0, lifecycleWrites, livePayCodes, demands, strict, outcomes };
}

/** One line for the console: where the suite is aimed and what it will and will not run. */
export function describeTarget(name: string, t: Omit<ContractTarget, 'controls'> & { controls?: boolean }): string {
  const limits: string[] = [];
  if (t.controls === undefined) limits.push(`mock controls (@mock-controls) if /__mock/health answers, else outcomes by PAY_OUTCOMES: ${outcomeLine(t.outcomes)}`);
  else if (!t.controls) limits.push(`no mock controls: @mock-controls tests are skipped; outcomes by PAY_OUTCOMES: ${outcomeLine(t.outcomes)}`);
  if (!t.moneyAllowed) limits.push('not loopback and no PAY_LIVE_PAY_CODES: only tests that cannot move money run (@moves-money skipped)');
  else if (t.livePayCodes.length > 0) limits.push(`${t.livePayCodes.length} PAY_LIVE_PAY_CODES for @moves-money tests, each used once`);
  if (!t.lifecycleWrites) limits.push('not loopback and PAY_LIVE_LIFECYCLE is not 1: no cancel or refund of a real order (@lifecycle-writes skipped)');
  else if (!t.loopback && t.kind === 'live') limits.push('PAY_LIVE_LIFECYCLE=1: @lifecycle-writes tests cancel and refund real orders on this target');
  const where = t.kind === 'msw' ? `${t.baseUrl} intercepted in-process by MSW` : t.baseUrl;
  const demanded = [...t.demands].map(([reading, value]) => `${READINGS[reading].env}=${value}`);
  return `[${name}] ${t.kind} target ${where}, app ${t.app.appId}, sign encoding ${t.encoding}, readings ${demanded.length ? `demanded: ${demanded.join(', ')}, else either` : 'either'}, ` +
    `strict limits ${t.strict ? 'must hold (PAY_STRICT=1)' : 'reported'}` +
    (limits.length ? ` — ${limits.join('; ')}` : ' — full suite');
}

/** `PAY_STRICT`: `1` demands paycheck's own limits; unset, empty or `0` reports them. */
function strictFrom(env: Env): boolean {
  const value = env.PAY_STRICT ?? '';
  if (value !== '' && value !== '0' && value !== '1') throw new RangeError(`PAY_STRICT must be 1 (paycheck's own limits must hold) or 0; got "${value}"`);
  return value === '1';
}

/** Does the target offer the mock's controls? Only loopback and MSW targets are asked. */
export async function probeControls(t: Omit<ContractTarget, 'controls'>): Promise<boolean> {
  return (t.kind === 'msw' || t.loopback) && hasMockControls(t.baseUrl);
}

function outcomeLine(outcomes: OutcomeMap): string {
  if (outcomes.size === 0) return 'none mapped';
  return [...outcomes].map(([name, m]) => `${name} ${describeRoute(m.route)}${typeof m.confirmed === 'string' ? ` (not shown: ${m.confirmed})` : ''}`).join(', ');
}
