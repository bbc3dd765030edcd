/**
 * The JSON Schema of a load summary (load-summary.json, k6-summary*.json) as `paycheck load merge`
 * reads it. Typed as Ajv's JSONSchemaType of the writers' own LoadSummary, so the schema cannot
 * drift from what the executor and handleSummary write: a property of another type, a required
 * property left out of `required`, or one the type lacks fails the typecheck; one the type gains
 * and the schema lacks fails the writers' round trip through it (`additionalProperties: false`).
 * Counts are non-negative integers and shares lie in [0, 1]: a summary is input from another
 * machine, and a count as a string once added up as text (`{"300": "5"}`).
 */
import type { JSONSchemaType } from 'ajv/dist/2020.js';
import type { CheckTally, Distribution, EndpointSummary, LoadSummary, OrdersSummary, SecondOfRun } from '../../../checks/report/load-summary.ts';
import type { LatencyHistogram } from '../../../checks/load/latency-histogram.ts';
import type { ThresholdResult } from '../../../checks/load/thresholds.ts';
import { NAMED_NO_CODE_CAUSES, OUTCOME_CLASSES, type NoCodeCause, type OutcomeClass } from '../../../checks/load/outcomes.ts';
import { CASHIER_OUTCOMES, type CashierOutcome } from '../../../kernel/lifecycle/cashier.ts';

const count = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const ms = { type: 'number', minimum: 0 } as const;
const share = { type: 'number', minimum: 0, maximum: 1 } as const;
/** JSONSchemaType marks an optional property nullable; the compiled schema drops that (withoutNullable, read-summary.ts). */
const optional = <S extends object>(schema: S) => ({ ...schema, nullable: true }) as S & { nullable: true };

const counts: JSONSchemaType<Record<string, number>> = { type: 'object', additionalProperties: count, required: [] };
/** A histogram's buckets: bucket index → count. */
const buckets: JSONSchemaType<Record<string, number>> = { type: 'object', propertyNames: { pattern: '^(0|[1-9][0-9]{0,5})$' }, additionalProperties: count, required: [] };
const tally: JSONSchemaType<CheckTally> = { type: 'object', properties: { passes: count, fails: count }, required: ['passes', 'fails'], additionalProperties: false };
const failedShare = { type: 'object', properties: { count, rate: share }, required: ['count', 'rate'], additionalProperties: false } as const;

const distribution: JSONSchemaType<Distribution> = {
  type: 'object',
  properties: { mean: ms, p50: ms, p90: ms, p95: ms, p99: ms, max: ms },
  required: ['mean', 'p50', 'p90', 'p95', 'p99', 'max'],
  additionalProperties: false,
};

const histogram: JSONSchemaType<LatencyHistogram> = {
  type: 'object',
  properties: { scheme: { type: 'string', const: 'log-1.02-0.01ms' }, count, sumMs: ms, minMs: ms, maxMs: ms, buckets },
  required: ['scheme', 'count', 'sumMs', 'minMs', 'maxMs', 'buckets'],
  additionalProperties: false,
};

const second: JSONSchemaType<SecondOfRun> = {
  type: 'object',
  properties: { t: count, sent: count, answered: count, failed: count, codes: counts, p50: optional(ms), p95: optional(ms), p99: optional(ms), buckets },
  required: ['t', 'sent', 'answered', 'failed', 'codes', 'buckets'],
  additionalProperties: false,
};

/**
 * The named causes, and an HTTP error without the envelope under its status (httpErrorCause).
 * JSONSchemaType cannot express a key like `http${number}` beside named ones, so this one schema
 * is typed by hand; the round trip of the writers' summaries through the reader still checks it.
 */
const causes = {
  type: 'object',
  propertyNames: { pattern: `^(${NAMED_NO_CODE_CAUSES.join('|')}|http[1-9][0-9]{2})$` },
  additionalProperties: count,
  required: [],
} as unknown as JSONSchemaType<Partial<Record<NoCodeCause, number>>>;

const endpoint: JSONSchemaType<EndpointSummary> = {
  type: 'object',
  properties: { sent: count, answered: count, failedRequests: failedShare, latencyMs: optional(distribution), codes: counts, noCodeCauses: optional(causes) },
  required: ['sent', 'answered', 'failedRequests', 'codes'],
  additionalProperties: false,
};

const orders: JSONSchemaType<OrdersSummary> = {
  type: 'object',
  properties: {
    started: count,
    finished: count,
    outcomes: { type: 'object', properties: Object.fromEntries(CASHIER_OUTCOMES.map((o) => [o, count])) as Record<CashierOutcome, typeof count>, required: CASHIER_OUTCOMES, additionalProperties: false },
    unsettled: failedShare,
    repaid: count,
    mix: counts,
  },
  required: ['started', 'finished', 'outcomes', 'unsettled', 'repaid', 'mix'],
  additionalProperties: false,
};

const threshold: JSONSchemaType<ThresholdResult> = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    metric: { type: 'string', enum: ['http_req_duration', 'http_req_failed', 'pay_non_success', 'checks', 'checkout_unsettled', 'checkout_repaid'] },
    expression: { type: 'string' },
    actual: optional({ type: 'number' }),
    ok: { type: 'boolean' },
  },
  required: ['name', 'metric', 'expression', 'ok'],
  additionalProperties: false,
};

const perEndpoint = <T>(schema: JSONSchemaType<T>) => ({ type: 'object', properties: { pay: optional(schema), get: optional(schema), cancel: optional(schema) }, required: [], additionalProperties: false }) as const;

export const LOAD_SUMMARY_SCHEMA: JSONSchemaType<LoadSummary> = {
  type: 'object',
  properties: {
    tool: { type: 'string', enum: ['paycheck-load', 'k6'] },
    scenario: { type: 'string' },
    run: {
      type: 'object',
      properties: {
        durationScale: { type: 'number', exclusiveMinimum: 0 },
        stages: { type: 'array', items: { type: 'object', properties: { durationS: ms, target: ms }, required: ['durationS', 'target'], additionalProperties: false } },
        plannedArrivals: count,
        timeScale: optional({ type: 'number', exclusiveMinimum: 0 }),
      },
      required: ['durationScale', 'stages', 'plannedArrivals'],
      additionalProperties: false,
    },
    target: { type: 'string' },
    startedAt: { type: 'string' },
    durationS: ms,
    seed: optional({ type: 'integer' }),
    segment: optional({ type: 'string' }),
    interrupted: optional({ type: 'object', properties: { signal: { type: 'string', minLength: 1 }, arrivals: count }, required: ['signal', 'arrivals'], additionalProperties: false }),
    histograms: optional(perEndpoint(histogram)),
    series: optional(perEndpoint<SecondOfRun[]>({ type: 'array', items: second })),
    requests: {
      type: 'object',
      properties: { planned: optional(count), sent: count, answered: count, dropped: count },
      required: ['sent', 'answered', 'dropped'],
      additionalProperties: false,
    },
    achievedRatePerS: ms,
    latencyMs: optional(distribution),
    signingUs: optional(distribution),
    codes: counts,
    noCodeCauses: optional(causes),
    outcomes: { type: 'object', properties: Object.fromEntries(OUTCOME_CLASSES.map((o) => [o, count])) as Record<OutcomeClass, typeof count>, required: OUTCOME_CLASSES, additionalProperties: false },
    failedRequests: failedShare,
    nonSuccessShare: share,
    checks: {
      type: 'object',
      properties: { passes: count, fails: count, rate: share, byName: { type: 'object', additionalProperties: tally, required: [] } },
      required: ['passes', 'fails', 'rate', 'byName'],
      additionalProperties: false,
    },
    endpoints: optional(perEndpoint(endpoint)),
    orders: optional(orders),
    thresholds: { type: 'array', items: threshold },
    abortedBy: optional({ type: 'string' }),
    passed: { type: 'boolean' },
  },
  required: ['tool', 'scenario', 'run', 'target', 'startedAt', 'durationS', 'requests', 'achievedRatePerS', 'codes', 'outcomes', 'failedRequests', 'nonSuccessShare', 'checks', 'thresholds', 'passed'],
  additionalProperties: false,
};
