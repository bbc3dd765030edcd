/**
 * The load scenarios, as data: open-model arrival rates with stages, and the thresholds a run
 * must meet. The only definition: the k6 script and the in-repo executor both read this module,
 * so it stays runtime-neutral (no `node:*`, no npm packages) — k6 imports it by relative path.
 */

/** Rates ramp linearly from the previous stage's target (or `startRate`) to `target`. */
export interface Stage {
  durationS: number;
  /** Arrivals per second at the end of the stage. */
  target: number;
}

export interface Thresholds {
  /** `http_req_duration` p(95) below this, ms. */
  p95Ms: number;
  /** `http_req_duration` p(99) below this, ms. */
  p99Ms: number;
  /** `http_req_failed` rate below this: no answer, or HTTP status outside 200–399. */
  failedRate: number;
  /** `pay_non_success` rate below this: requests not answered with code 1000. */
  nonSuccessShare: number;
  /** `checks` rate above this. */
  checksRate: number;
  /** Stop the run early once `http_req_failed` breaks its threshold (after `abortDelayS`). */
  abortOnFailedRate?: boolean;
  abortDelayS?: number;
}

export interface Scenario {
  name: string;
  purpose: string;
  /** Arrivals per second when the first stage begins. */
  startRate: number;
  stages: readonly Stage[];
  /** k6's ramping-arrival-rate VUs; the executor caps requests in flight at `maxVUs`. */
  preAllocatedVUs: number;
  maxVUs: number;
  thresholds: Thresholds;
}

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

export const SCENARIOS = [
  {
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
] as const satisfies readonly Scenario[];

export type ScenarioName = (typeof SCENARIOS)[number]['name'];
export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIOS.map((s) => s.name);

export function scenarioByName(name: string): Scenario | undefined {
  return (SCENARIOS as readonly Scenario[]).find((s) => s.name === name);
}

/** Every stage `factor` times as long (tests and quick tries); rates and thresholds unchanged. */
export function scaleDurations(scenario: Scenario, factor: number): Scenario {
  if (!(factor > 0)) throw new RangeError(`duration scale must be above 0; got ${factor}`);
  return { ...scenario, stages: scenario.stages.map((s) => ({ ...s, durationS: s.durationS * factor })) };
}

export function totalDurationS(scenario: Scenario): number {
  return scenario.stages.reduce((sum, s) => sum + s.durationS, 0);
}
