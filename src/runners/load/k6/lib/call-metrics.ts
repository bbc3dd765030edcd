/**
 * The k6 scripts' custom metrics: one counter per answer code for each call (`pay_code_1000`,
 * `get_code_1000`, `cancel_code_1005` … — k6's summary keeps no per-tag counts unless a threshold
 * names the tag), requests never answered per call, and for the pay call its signing time and the
 * non-1000 share the pay scenarios' thresholds read.
 */
import { Counter, Rate, Trend } from 'k6/metrics';
import { CODES } from '../../../../kernel/codes.ts';
import { NO_CODE } from '../../../../checks/load/outcomes.ts';
import type { Endpoint } from '../../../../checks/load/thresholds.ts';
import { bucketOf, LAST_BUCKET } from '../../../../checks/load/latency-histogram.ts';

export const codeMetricPrefix = (endpoint: Endpoint): string => `${endpoint}_code_`;
export const noAnswerMetric = (endpoint: Endpoint): string => `${endpoint}_no_answer`;
/** One counter per latency bucket (latency-histogram.ts): a VU cannot keep a histogram, but k6 adds up counters across VUs. */
export const latencyBucketPrefix = (endpoint: Endpoint): string => `${endpoint}_latency_b`;
/** Codes the registry does not know. */
const OTHER_CODE = 'other';

/** Counts one call's answers by code; `status` 0: k6 got no answer (connection error or timeout). */
export function createCallMetrics(endpoint: Endpoint) {
  const perCode = new Map<string, Counter>();
  for (const key of [...CODES.map((c) => String(c.code)), NO_CODE, OTHER_CODE]) perCode.set(key, new Counter(codeMetricPrefix(endpoint) + key));
  const noAnswer = new Counter(noAnswerMetric(endpoint));
  // k6 takes metrics declared in the init context only, so every bucket is declared up front.
  const buckets = Array.from({ length: LAST_BUCKET + 1 }, (_, i) => new Counter(latencyBucketPrefix(endpoint) + i));
  return {
    /** `durationMs`: k6's `res.timings.duration`, counted for an answered call. */
    record(status: number, code: number | undefined, durationMs: number): void {
      if (status === 0) noAnswer.add(1);
      else buckets[bucketOf(durationMs)].add(1);
      const key = code === undefined ? NO_CODE : String(code);
      (perCode.get(key) ?? perCode.get(OTHER_CODE))?.add(1);
    },
  };
}

export function createPayMetrics() {
  const calls = createCallMetrics('pay');
  const signDuration = new Trend('pay_sign_duration', true);
  const nonSuccess = new Rate('pay_non_success');
  return {
    record(status: number, code: number | undefined, durationMs: number, signMs: number): void {
      signDuration.add(signMs);
      nonSuccess.add(code !== 1000);
      calls.record(status, code, durationMs);
    },
  };
}
