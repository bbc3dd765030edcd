/** k6 `options` for a shared scenario: one ramping-arrival-rate scenario and its thresholds (per call, by the `endpoint` tag, for the checkout). */
import type { Options, Threshold } from 'k6/options';
import { REQUEST_TIMEOUT_S, type LoadProfile } from '../../profiles/profiles.ts';
import type { ThresholdRule } from '../../../../checks/load/thresholds.ts';

/** p(99) is not in k6's default summary statistics; the thresholds and the report need it, and the latency histogram its count (for the mean). */
const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'];

const duration = (seconds: number): string => `${Number(seconds.toFixed(3))}s`;

function k6Thresholds(rules: readonly ThresholdRule[]): Record<string, Threshold[]> {
  const out: Record<string, Threshold[]> = {};
  for (const r of rules) {
    const entry: Threshold = r.abortOnFail ? { threshold: r.expression, abortOnFail: true, delayAbortEval: duration(r.abortDelayS ?? 0) } : r.expression;
    (out[r.key] ??= []).push(entry);
  }
  return out;
}

/** `iterationS`: how long one iteration may take beyond its requests' timeout (a checkout's follow-ups). */
export function k6Options(scenario: LoadProfile, rules: readonly ThresholdRule[], iterationS = 0): Options {
  return {
    scenarios: {
      [scenario.name]: {
        executor: 'ramping-arrival-rate',
        startRate: scenario.startRate,
        timeUnit: '1s',
        preAllocatedVUs: scenario.preAllocatedVUs,
        maxVUs: scenario.maxVUs,
        stages: scenario.stages.map((s) => ({ duration: duration(s.durationS), target: s.target })),
        // Iterations still running at the end get one request timeout (and their follow-ups' time) to finish.
        gracefulStop: duration(REQUEST_TIMEOUT_S + iterationS),
      },
    },
    thresholds: k6Thresholds(rules),
    summaryTrendStats: SUMMARY_TREND_STATS,
    // k6 follows up to 10 redirects by default: a target could send the signed load anywhere.
    // A redirect is an answer here (not 200, not the envelope), as in every other paycheck call.
    maxRedirects: 0,
  };
}
