/**
 * The k6 script's custom metrics: signing time, the non-1000 share the thresholds read, requests
 * never answered, and one counter per answer code (k6's summary keeps no per-tag counts unless a
 * threshold names the tag).
 */
import { Counter, Rate, Trend } from 'k6/metrics';
import { CODES } from '../../../src/codes.ts';
import { NO_CODE } from '../../report/outcomes.ts';

export const CODE_METRIC_PREFIX = 'pay_code_';
/** Codes the registry does not know. */
export const OTHER_CODE = 'other';
export const NO_ANSWER_METRIC = 'pay_no_answer';

export function createPayMetrics() {
  const perCode = new Map<string, Counter>();
  for (const key of [...CODES.map((c) => String(c.code)), NO_CODE, OTHER_CODE]) perCode.set(key, new Counter(CODE_METRIC_PREFIX + key));
  const signDuration = new Trend('pay_sign_duration', true);
  const nonSuccess = new Rate('pay_non_success');
  const noAnswer = new Counter(NO_ANSWER_METRIC);
  return {
    /** `status` 0: k6 got no answer (connection error or timeout). */
    record(status: number, code: number | undefined, signMs: number): void {
      signDuration.add(signMs);
      nonSuccess.add(code !== 1000);
      if (status === 0) noAnswer.add(1);
      const key = code === undefined ? NO_CODE : String(code);
      (perCode.get(key) ?? perCode.get(OTHER_CODE))?.add(1);
    },
  };
}
