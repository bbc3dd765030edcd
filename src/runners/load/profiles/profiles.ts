/**
 * The load scenarios, as data: open-model arrival rates with stages, and the thresholds a run
 * must meet. The only definition: the k6 scripts and the in-repo executor both read this module,
 * so it stays runtime-neutral (no `node:*`, no npm packages) — k6 imports it by relative path.
 * A `pay` scenario sends one pay call per arrival; the `checkout` scenario carries each arrival
 * through the whole pay-code practice (pay, queries, cancel) with a mix of outcomes.
 */
import type { CheckoutPlan } from './checkout-mix.ts';
import type { CheckoutThresholds, Thresholds } from '../../../checks/load/thresholds.ts';

/** Rates ramp linearly from the previous stage's target (or `startRate`) to `target`. */
interface Stage {
  durationS: number;
  /** Arrivals per second at the end of the stage. */
  target: number;
}

interface ScenarioBase {
  name: string;
  purpose: string;
  /** Arrivals per second when the first stage begins. */
  startRate: number;
  stages: readonly Stage[];
  /** k6's ramping-arrival-rate VUs; the executor caps requests in flight at `maxVUs`. */
  preAllocatedVUs: number;
  maxVUs: number;
}

/** Each arrival is one pay call. */
interface PayProfile extends ScenarioBase {
  kind: 'pay';
  thresholds: Thresholds;
}

/** Each arrival is one order carried to its end: pay, then queries and a cancel as its answers call for. */
export interface CheckoutProfile extends ScenarioBase {
  kind: 'checkout';
  thresholds: CheckoutThresholds;
  checkout: CheckoutPlan;
}

export type LoadProfile = PayProfile | CheckoutProfile;

/** One request's timeout, both executors (a cashier gives up long before 60 s). */
export const REQUEST_TIMEOUT_S = 10;

const STEADY: Thresholds = { p95Ms: 300, p99Ms: 800, failedRate: 0.01, nonSuccessShare: 0.02, checksRate: 0.99 };
const BREAKING: Thresholds = {
  p95Ms: 1000,
  p99Ms: 2500,
  failedRate: 0.05,
  nonSuccessShare: 0.1,
  checksRate: 0.95,
  abortOnFailedRate: true,
  abortDelayS: 30,
};

/**
 * Per 100 orders: a plausible shop, not measured figures — most pay-code payments are small and
 * password-free; a password prompt (1002) comes with larger amounts and risk checks; a few
 * customers walk away, a few payments are declined, and a few answers never say (5001).
 * The mock settles every paying order after one pending delay, so a walked-away order is found
 * closed by the platform (4) by a query; the cancels come from the unknown results.
 */
const CHECKOUT_PLAN: CheckoutPlan = {
  mix: [
    { scenario: 'SUCCESS', weight: 80, meaning: '1000 at once: paid' },
    { scenario: 'USER_PAYING', weight: 10, meaning: '1002, the customer enters a password: queried until found paid' },
    { scenario: 'USER_PAYING_ABANDONED', weight: 4, meaning: '1002, the customer walks away: queried until found closed (4)' },
    { scenario: 'FAILED', weight: 3, meaning: '1001 at once: declined' },
    { scenario: 'UNKNOWN_SLOW', weight: 3, meaning: '5001, no result: queried to the deadline, then cancelled (5)' },
  ],
  // 5 s polls → 250 ms, the 30 s deadline → 1.5 s, the customer's 12 s → 600 ms.
  timeScale: 0.05,
  confirmMs: 12_000,
};

export const PROFILES = [
  {
    kind: 'pay',
    name: 'smoke',
    purpose: 'CI: the pay path answers a trickle of signed orders correctly and fast (15 s)',
    startRate: 2,
    stages: [
      { durationS: 5, target: 10 },
      { durationS: 10, target: 10 },
    ],
    preAllocatedVUs: 5,
    maxVUs: 20,
    thresholds: { p95Ms: 250, p99Ms: 500, failedRate: 0.01, nonSuccessShare: 0.01, checksRate: 0.99 },
  },
  {
    kind: 'pay',
    name: 'load',
    purpose: 'expected busy-hour traffic: ramp to 100 orders/s, hold 5 min',
    startRate: 5,
    stages: [
      { durationS: 60, target: 100 },
      { durationS: 300, target: 100 },
      { durationS: 30, target: 0 },
    ],
    preAllocatedVUs: 50,
    maxVUs: 200,
    thresholds: STEADY,
  },
  {
    kind: 'pay',
    name: 'stress',
    purpose: 'where it breaks: steps of 100, 300 and 600 orders/s, 2 min each',
    startRate: 10,
    stages: [
      { durationS: 60, target: 100 },
      { durationS: 120, target: 100 },
      { durationS: 60, target: 300 },
      { durationS: 120, target: 300 },
      { durationS: 60, target: 600 },
      { durationS: 120, target: 600 },
      { durationS: 60, target: 0 },
    ],
    preAllocatedVUs: 100,
    maxVUs: 1000,
    thresholds: BREAKING,
  },
  {
    kind: 'pay',
    name: 'spike',
    purpose: 'a sudden rush (a shop-wide promotion): 10 → 600 orders/s in 10 s, 1 min, back',
    startRate: 10,
    stages: [
      { durationS: 30, target: 10 },
      { durationS: 10, target: 600 },
      { durationS: 60, target: 600 },
      { durationS: 10, target: 10 },
      { durationS: 60, target: 10 },
    ],
    preAllocatedVUs: 100,
    maxVUs: 1000,
    thresholds: { ...BREAKING, abortDelayS: 45 },
  },
  {
    kind: 'pay',
    name: 'soak',
    purpose: 'an hour at 60 orders/s: leaks, growing stores, slow drift',
    startRate: 5,
    stages: [
      { durationS: 120, target: 60 },
      { durationS: 3600, target: 60 },
      { durationS: 120, target: 0 },
    ],
    preAllocatedVUs: 30,
    maxVUs: 200,
    thresholds: STEADY,
  },
  {
    kind: 'checkout',
    name: 'checkout',
    purpose: 'a shop at 20 orders/s: pays, queries after 1002 or an unknown result, cancels after the deadline',
    startRate: 2,
    stages: [
      { durationS: 10, target: 20 },
      { durationS: 40, target: 20 },
      { durationS: 10, target: 0 },
    ],
    preAllocatedVUs: 20,
    maxVUs: 200,
    thresholds: {
      endpoints: {
        pay: { p95Ms: 250, p99Ms: 500, failedRate: 0.01 },
        // A query reads one order: it should be quicker than a pay, which waits for the channel.
        get: { p95Ms: 200, p99Ms: 400, failedRate: 0.01 },
        cancel: { p95Ms: 300, p99Ms: 600, failedRate: 0.01 },
      },
      unsettledShare: 0.01,
      checksRate: 0.99,
    },
    checkout: CHECKOUT_PLAN,
  },
] as const satisfies readonly LoadProfile[];

export type ProfileName = (typeof PROFILES)[number]['name'];
export const PROFILE_NAMES: readonly ProfileName[] = PROFILES.map((s) => s.name);

export function profileByName(name: string): LoadProfile | undefined {
  return (PROFILES as readonly LoadProfile[]).find((s) => s.name === name);
}

/** Every stage `factor` times as long (tests and quick tries); rates, thresholds and the checkout's time scale unchanged. */
export function scaleDurations<S extends LoadProfile>(scenario: S, factor: number): S {
  if (!(factor > 0)) throw new RangeError(`duration scale must be above 0; got ${factor}`);
  return { ...scenario, stages: scenario.stages.map((s) => ({ ...s, durationS: s.durationS * factor })) };
}

export function totalDurationS(scenario: LoadProfile): number {
  return scenario.stages.reduce((sum, s) => sum + s.durationS, 0);
}
