/**
 * A scenario's thresholds as rules over named metric statistics, written in k6's own threshold
 * syntax (`p(95)<250`, on `http_req_duration{endpoint:pay}` for one call of the checkout). k6
 * evaluates them itself; the executor evaluates the same rules over its own measurements, so a
 * threshold is named the same way in both executors' reports.
 */
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

/** The calls a scenario sends, as k6 tags them (`endpoint:pay`) and reports list them. */
export const ENDPOINTS = ['pay', 'get', 'cancel'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** One call's budget in the checkout scenario. */
interface EndpointLimits {
  /** `http_req_duration{endpoint:…}` p(95) below this, ms. */
  p95Ms: number;
  /** `http_req_duration{endpoint:…}` p(99) below this, ms. */
  p99Ms: number;
  /** `http_req_failed{endpoint:…}` rate below this. */
  failedRate: number;
}

export interface CheckoutThresholds {
  endpoints: Readonly<Record<Endpoint, EndpointLimits>>;
  /** `checkout_unsettled` rate below this: orders the cashier could not carry to a final status. */
  unsettledShare: number;
  /** `checks` rate above this (every call's answer checks). */
  checksRate: number;
}

/** What a load profile's thresholds are judged by: a pay profile's or the checkout's. */
export type ProfileThresholds = { kind: 'pay'; thresholds: Thresholds } | { kind: 'checkout'; thresholds: CheckoutThresholds };

/**
 * The metrics thresholds speak of. `pay_non_success` (pay scenarios), `checkout_unsettled` and
 * `checkout_repaid` (checkout) are this project's custom metrics.
 */
export type ThresholdMetric = 'http_req_duration' | 'http_req_failed' | 'pay_non_success' | 'checks' | 'checkout_unsettled' | 'checkout_repaid';
type ThresholdStat = 'p(95)' | 'p(99)' | 'rate' | 'count';
/** A metric, or its sub-metric for one endpoint, as k6 names it in `thresholds`. */
export type MetricKey = ThresholdMetric | `${ThresholdMetric}{endpoint:${Endpoint}}`;

export interface ThresholdRule {
  metric: ThresholdMetric;
  /** The sub-metric of one call (k6 tag `endpoint`). */
  endpoint?: Endpoint;
  /** `http_req_duration{endpoint:pay}`: the key of k6's `thresholds` option. */
  key: MetricKey;
  stat: ThresholdStat;
  op: '<' | '>';
  limit: number;
  /** k6's expression, e.g. `p(95)<250`. */
  expression: string;
  /** `http_req_duration{endpoint:pay} p(95)<250`: how reports and errors name the rule. */
  name: string;
  abortOnFail: boolean;
  abortDelayS?: number;
  unit: 'ms' | 'ratio' | 'count';
}

const UNITS: Record<ThresholdMetric, ThresholdRule['unit']> = {
  http_req_duration: 'ms',
  http_req_failed: 'ratio',
  pay_non_success: 'ratio',
  checks: 'ratio',
  checkout_unsettled: 'ratio',
  checkout_repaid: 'count',
};

export const metricKey = (metric: ThresholdMetric, endpoint?: Endpoint): MetricKey => (endpoint ? `${metric}{endpoint:${endpoint}}` : metric);

function rule(metric: ThresholdMetric, stat: ThresholdStat, op: '<' | '>', limit: number, extra: Partial<ThresholdRule> = {}): ThresholdRule {
  const expression = `${stat}${op}${limit}`;
  const key = metricKey(metric, extra.endpoint);
  return { metric, key, stat, op, limit, expression, name: `${key} ${expression}`, abortOnFail: false, unit: UNITS[metric], ...extra };
}

export function thresholdRules(t: Thresholds): ThresholdRule[] {
  const abort = t.abortOnFailedRate ? { abortOnFail: true, abortDelayS: t.abortDelayS ?? 0 } : {};
  return [
    rule('http_req_duration', 'p(95)', '<', t.p95Ms),
    rule('http_req_duration', 'p(99)', '<', t.p99Ms),
    rule('http_req_failed', 'rate', '<', t.failedRate, abort),
    rule('pay_non_success', 'rate', '<', t.nonSuccessShare),
    rule('checks', 'rate', '>', t.checksRate),
  ];
}

/** Latency and failures per call, then the orders' outcome: none left unsettled, none paid twice. */
function checkoutThresholdRules(t: CheckoutThresholds): ThresholdRule[] {
  const perCall = ENDPOINTS.flatMap((endpoint) => {
    const limits = t.endpoints[endpoint];
    return [
      rule('http_req_duration', 'p(95)', '<', limits.p95Ms, { endpoint }),
      rule('http_req_duration', 'p(99)', '<', limits.p99Ms, { endpoint }),
      rule('http_req_failed', 'rate', '<', limits.failedRate, { endpoint }),
    ];
  });
  return [...perCall, rule('checkout_unsettled', 'rate', '<', t.unsettledShare), rule('checkout_repaid', 'count', '<', 1), rule('checks', 'rate', '>', t.checksRate)];
}

export function profileRules(scenario: ProfileThresholds): ThresholdRule[] {
  return scenario.kind === 'checkout' ? checkoutThresholdRules(scenario.thresholds) : thresholdRules(scenario.thresholds);
}

/** Observed statistics keyed `metric:stat` (`http_req_duration{endpoint:get}:p(95)`); absent = no data. */
export type MetricStats = Partial<Record<`${MetricKey}:${ThresholdStat}`, number>>;

export interface ThresholdResult {
  name: string;
  metric: ThresholdMetric;
  expression: string;
  /** Undefined when nothing was measured, which fails the rule: no evidence is no pass. */
  actual?: number;
  ok: boolean;
}

export function evaluateRule(r: ThresholdRule, stats: MetricStats): ThresholdResult {
  const actual = stats[`${r.key}:${r.stat}`];
  const ok = actual !== undefined && Number.isFinite(actual) && (r.op === '<' ? actual < r.limit : actual > r.limit);
  return { name: r.name, metric: r.metric, expression: r.expression, actual, ok };
}

export function evaluateThresholds(rules: readonly ThresholdRule[], stats: MetricStats): ThresholdResult[] {
  return rules.map((r) => evaluateRule(r, stats));
}
