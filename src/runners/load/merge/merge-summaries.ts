/**
 * One answer for a run split over runners (k6-operator's `parallelism`, or executors started with
 * `--execution-segment`): their summaries added up exactly — counts summed, latency histograms
 * summed bucket by bucket, percentiles read from the sum (within the histogram's 1 %), never
 * averaged — and the profile's thresholds evaluated on the whole run with the same code as a
 * single run. So a p95 that every runner meets on its own slice and the run as a whole does not
 * fails here. Summaries of different profiles, executors, targets or plans (stages, duration and
 * time scale), started apart, without histograms or with overlapping segments are refused.
 */
import { PaycheckError } from '../../../kernel/errors.ts';
import { CASHIER_OUTCOMES, isSettled, type CashierOutcome } from '../../../kernel/lifecycle/cashier.ts';
import { coverage, fractionText, isWhole, parseSegment, segmentText, WHOLE_RUN, type ExecutionSegment } from '../../../checks/load/execution-segment.ts';
import { histogramDistribution, histogramOfBuckets, mergeHistograms, quantileOf, type LatencyHistogram } from '../../../checks/load/latency-histogram.ts';
import { outcomeTotals, type NoCodeCause } from '../../../checks/load/outcomes.ts';
import { ENDPOINTS, profileRules, type Endpoint } from '../../../checks/load/thresholds.ts';
import { judgedSummary, type EndpointSummary, type LoadSummary, type OrdersSummary, type RunPlan, type SecondOfRun } from '../../../checks/report/load-summary.ts';
import { profileByName } from '../profiles/profiles.ts';

export interface MergeResult {
  summary: LoadSummary;
  /** The share of the whole run the summaries cover, e.g. `3/4`; `1` when whole. */
  share: string;
  runners: number;
}

/**
 * Runners of one run start together: k6-operator starts its pods at once, and executors started
 * by hand on several machines start within seconds. A start further apart is another run.
 */
const START_SPREAD_S = 10;

/** Each part of a plan as it reads in a refusal, in the order they are compared. */
const PLAN_PARTS: readonly ((p: RunPlan) => string)[] = [
  (p) => `duration scale ${p.durationScale}`,
  (p) => `stages ${p.stages.map((s) => `${s.durationS} s → ${s.target}/s`).join(', ')}`,
  (p) => `${p.plannedArrivals} arrivals planned`,
  (p) => (p.timeScale === undefined ? 'no time scale' : `time scale ${p.timeScale}`),
];

/** Where two plans first differ, as each reads; undefined when they are one. */
function planDifference(a: RunPlan, b: RunPlan): [string, string] | undefined {
  for (const part of PLAN_PARTS) if (part(a) !== part(b)) return [part(a), part(b)];
  return undefined;
}

/** Refuses summaries that are not of one run: another target, another plan, or a start too far apart. */
function refuseOtherRuns(named: readonly { name: string; summary: LoadSummary }[]): void {
  const [first] = named;
  for (const { name, summary } of named) {
    if (summary.target !== first.summary.target) refuse(`${name} was aimed at ${summary.target}, ${first.name} at ${first.summary.target}: one run's summaries only`);
    const differs = planDifference(summary.run, first.summary.run);
    if (differs) refuse(`${name} is a run of ${differs[0]}, ${first.name} of ${differs[1]}: one run's summaries only`);
  }
  const byStart = [...named].sort((x, y) => Date.parse(x.summary.startedAt) - Date.parse(y.summary.startedAt));
  const [earliest, latest] = [byStart[0], byStart[byStart.length - 1]];
  const spreadS = (Date.parse(latest.summary.startedAt) - Date.parse(earliest.summary.startedAt)) / 1000;
  if (spreadS > START_SPREAD_S) refuse(`${latest.name} started ${spreadS.toFixed(0)} s after ${earliest.name}: the runners of one run start together (within ${START_SPREAD_S} s)`);
}

const refuse = (message: string): never => {
  throw new PaycheckError('PAYCHECK_INPUT_NOT_SUMMARY', message);
};

function sumCounts<K extends string>(parts: readonly (Partial<Record<K, number>> | undefined)[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const part of parts) for (const [key, n] of Object.entries(part ?? {}) as [K, number][]) out[key] = (out[key] ?? 0) + n;
  return out;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const rate = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

function segmentOf(s: LoadSummary, name: string): ExecutionSegment {
  try {
    return s.segment === undefined ? WHOLE_RUN : parseSegment(s.segment);
  } catch (error) {
    return refuse(`${name}: ${(error as Error).message}`);
  }
}

function mergedEndpoint(parts: readonly EndpointSummary[], histogram: LatencyHistogram): EndpointSummary {
  const sent = sum(parts.map((p) => p.sent));
  const failed = sum(parts.map((p) => p.failedRequests.count));
  const causes = sumCounts<NoCodeCause>(parts.map((p) => p.noCodeCauses));
  return {
    sent,
    answered: sum(parts.map((p) => p.answered)),
    failedRequests: { count: failed, rate: rate(failed, sent) },
    latencyMs: histogramDistribution(histogram),
    codes: sumCounts(parts.map((p) => p.codes)) as Record<string, number>,
    ...(Object.keys(causes).length > 0 ? { noCodeCauses: causes } : {}),
  };
}

/** The runners' seconds added up, second by second from each runner's own start (they start together). */
function mergedSeries(parts: readonly (readonly SecondOfRun[])[]): SecondOfRun[] {
  const out: SecondOfRun[] = [];
  for (const part of parts) {
    for (const s of part) {
      const into = (out[s.t] ??= { t: s.t, sent: 0, answered: 0, failed: 0, codes: {}, buckets: {} });
      into.sent += s.sent;
      into.answered += s.answered;
      into.failed += s.failed;
      into.codes = sumCounts([into.codes, s.codes]) as Record<string, number>;
      into.buckets = sumCounts([into.buckets, s.buckets]) as Record<string, number>;
    }
  }
  return Array.from(out, (s, t) => {
    const second = s ?? { t, sent: 0, answered: 0, failed: 0, codes: {}, buckets: {} };
    const h = histogramOfBuckets(second.buckets);
    if (h.count === 0) return second;
    return { ...second, p50: quantileOf(h, 0.5), p95: quantileOf(h, 0.95), p99: quantileOf(h, 0.99) };
  });
}

function mergedOrders(parts: readonly OrdersSummary[]): OrdersSummary {
  const outcomes = Object.fromEntries(CASHIER_OUTCOMES.map((o) => [o, sum(parts.map((p) => p.outcomes[o] ?? 0))])) as Record<CashierOutcome, number>;
  const finished = sum(CASHIER_OUTCOMES.map((o) => outcomes[o]));
  const unsettled = sum(CASHIER_OUTCOMES.filter((o) => !isSettled(o)).map((o) => outcomes[o]));
  return {
    started: sum(parts.map((p) => p.started)),
    finished,
    outcomes,
    unsettled: { count: unsettled, rate: rate(unsettled, finished) },
    repaid: sum(parts.map((p) => p.repaid)),
    mix: sumCounts(parts.map((p) => p.mix)) as Record<string, number>,
  };
}

/** `named`: each summary with the name (file) it is reported by. */
export function mergeSummaries(named: readonly { name: string; summary: LoadSummary }[]): MergeResult {
  if (named.length === 0) refuse('no summary to merge');
  const summaries = named.map((n) => n.summary);
  const [first] = summaries;
  for (const { name, summary } of named) {
    if (summary.scenario !== first.scenario) refuse(`${name} is a run of profile ${summary.scenario}, ${named[0].name} of ${first.scenario}: one run's summaries only`);
    if (summary.tool !== first.tool) refuse(`${name} was written by ${summary.tool}, ${named[0].name} by ${first.tool}: merge one executor's summaries`);
  }
  refuseOtherRuns(named);
  const profile = profileByName(first.scenario) ?? refuse(`unknown profile "${first.scenario}" in ${named[0].name}`);
  const endpoints: readonly Endpoint[] = profile.kind === 'checkout' ? ENDPOINTS : ['pay'];
  for (const { name, summary } of named) {
    if (summary.histograms === undefined) refuse(`${name} has no latency histograms (written by an older paycheck?): percentiles cannot be merged from it`);
    const lacking = endpoints.filter((e) => summary.histograms?.[e] === undefined);
    if (lacking.length > 0) refuse(`${name} has no latency histogram of the ${lacking.join(', ')} call (histograms.${lacking[0]}): percentiles cannot be merged from it`);
  }
  const cover = coverage(named.map((n) => segmentOf(n.summary, n.name)));
  if (cover.overlap !== undefined) refuse(`the segments ${cover.overlap}: the same arrivals would be counted twice`);

  const histograms = Object.fromEntries(endpoints.map((e) => [e, mergeHistograms(summaries.map((s) => s.histograms?.[e]).filter((h): h is LatencyHistogram => h !== undefined))])) as Record<Endpoint, LatencyHistogram>;
  const sent = sum(summaries.map((s) => s.requests.sent));
  const payEnded = profile.kind === 'checkout' ? sum(summaries.map((s) => s.endpoints?.pay?.sent ?? 0)) : sent;
  const failed = sum(summaries.map((s) => s.failedRequests.count));
  const nonSuccess = sum(summaries.map((s) => Math.round(s.nonSuccessShare * (profile.kind === 'checkout' ? (s.endpoints?.pay?.sent ?? 0) : s.requests.sent))));
  const passes = sum(summaries.map((s) => s.checks.passes));
  const fails = sum(summaries.map((s) => s.checks.fails));
  const codes = sumCounts(summaries.map((s) => s.codes)) as Record<string, number>;
  const causes = sumCounts<NoCodeCause>(summaries.map((s) => s.noCodeCauses));
  const durationS = Math.max(...summaries.map((s) => s.durationS));
  const planned = summaries.every((s) => s.requests.planned !== undefined) ? sum(summaries.map((s) => s.requests.planned ?? 0)) : undefined;
  const aborted = named.filter((n) => n.summary.abortedBy !== undefined).map((n) => `${n.name}: ${n.summary.abortedBy}`);
  const interrupted = summaries.filter((s) => s.interrupted !== undefined);
  // A runner that ran to its end reached all of its planned arrivals.
  const reached = sum(summaries.map((s) => s.interrupted?.arrivals ?? s.requests.planned ?? 0));

  const partial: Omit<LoadSummary, 'thresholds' | 'passed'> = {
    tool: first.tool,
    scenario: first.scenario,
    run: first.run,
    target: first.target,
    startedAt: summaries.map((s) => s.startedAt).sort()[0],
    durationS,
    segment: isWhole(cover.share) ? segmentText(WHOLE_RUN) : named.map((n) => segmentText(segmentOf(n.summary, n.name))).join(','),
    histograms,
    ...(summaries.every((s) => s.series !== undefined)
      ? { series: Object.fromEntries(endpoints.map((e) => [e, mergedSeries(summaries.map((s) => s.series?.[e] ?? []))])) }
      : {}),
    requests: { ...(planned === undefined ? {} : { planned }), sent, answered: sum(summaries.map((s) => s.requests.answered)), dropped: sum(summaries.map((s) => s.requests.dropped)) },
    achievedRatePerS: rate(sum(summaries.map((s) => s.achievedRatePerS * s.durationS)), durationS),
    latencyMs: histogramDistribution(mergeHistograms(Object.values(histograms))),
    codes,
    ...(Object.keys(causes).length > 0 ? { noCodeCauses: causes } : {}),
    outcomes: outcomeTotals(codes),
    failedRequests: { count: failed, rate: rate(failed, sent) },
    nonSuccessShare: rate(nonSuccess, payEnded),
    checks: { passes, fails, rate: rate(passes, passes + fails), byName: sumChecks(summaries) },
    ...(profile.kind === 'checkout'
      ? {
          endpoints: Object.fromEntries(ENDPOINTS.map((e) => [e, mergedEndpoint(summaries.map((s) => s.endpoints?.[e]).filter((p): p is EndpointSummary => p !== undefined), histograms[e])])),
          orders: mergedOrders(summaries.map((s) => s.orders).filter((o): o is OrdersSummary => o !== undefined)),
        }
      : {}),
    ...(aborted.length > 0 ? { abortedBy: aborted.join('; ') } : {}),
    ...(interrupted.length > 0 ? { interrupted: { signal: [...new Set(interrupted.map((s) => s.interrupted?.signal))].join(', '), arrivals: reached } } : {}),
  };
  return { summary: judgedSummary(partial, profileRules(profile)), share: fractionText(cover.share), runners: named.length };
}

function sumChecks(summaries: readonly LoadSummary[]): LoadSummary['checks']['byName'] {
  const out: LoadSummary['checks']['byName'] = {};
  for (const s of summaries) {
    for (const [name, t] of Object.entries(s.checks.byName)) {
      const into = (out[name] ??= { passes: 0, fails: 0 });
      into.passes += t.passes;
      into.fails += t.fails;
    }
  }
  return out;
}
