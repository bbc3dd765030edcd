/**
 * `runLoad`: one profile against one target URL — the executor's whole run, callable from the CLI
 * and from tests (the CLI starts the embedded mock when no target is given). Builds the order pool and signing templates first, then
 * releases fresh signed orders on the scenario's arrival schedule over kept-alive connections, and
 * returns (and by default writes) the summary with every threshold evaluated.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PaycheckError } from '../../../kernel/errors.ts';
import { appCredentialsFrom, signEncodingFrom, type AppCredentials, type Env } from '../../../kernel/settings.ts';
import { seedFrom } from '../../../kernel/factories/random-source.ts';
import type { SignEncoding } from '../../../kernel/signing/encoding.ts';
import { nodeDigests } from '../../../adapters/node/node-digests.ts';
import { renderJUnit } from '../../../checks/report/load-junit.ts';
import { renderLoadReportHtml } from '../../../checks/report/load-html.ts';
import { failedThresholdNames, judgedSummary, type LoadSummary } from '../../../checks/report/load-summary.ts';
import { createLookupSigner } from '../request/lookup-body.ts';
import { buildOrderRecords } from '../request/order-pool.ts';
import { createSignedOrderStream, runOrderIdPrefix, type SignedOrderStream } from '../request/signed-order-stream.ts';
import { arrivalSlots, arrivalsUntil, plannedArrivals, rateAt, segmentSlots, type Slot } from '../profiles/arrival-schedule.ts';
import { arrivalFilter, firstArrivalOf, parseSegment, parseSequence, segmentText, WHOLE_RUN } from '../../../checks/load/execution-segment.ts';
import { createCashier } from '../../../kernel/lifecycle/cashier.ts';
import { pendingMsOf } from '../profiles/checkout-mix.ts';
import { runPlanOf } from '../profiles/run-plan.ts';
import { scaleDurations, profileByName, PROFILE_NAMES, REQUEST_TIMEOUT_S, totalDurationS, type LoadProfile } from '../profiles/profiles.ts';
import { evaluateRule, profileRules, type ThresholdRule } from '../../../checks/load/thresholds.ts';
import { createCheckoutWorkload } from './checkout-workload.ts';
import { createPayWorkload } from './pay-workload.ts';
import { runSchedule, type ScheduleOutcome } from './slot-scheduler.ts';
import { loadTarget, type LoadTarget } from './target.ts';
import type { Workload, WorkloadProgress } from './workload.ts';

/**
 * Arrivals are released in 10 ms slots: the executor's resolution of the open model. A slot's
 * arrivals leave together, so each slot is a small burst; 100 ms slots made bursts big enough to
 * queue at a fast server (p99 14 ms at 500 req/s against bare node:http, 3.6 ms in 10 ms slots).
 */
const SLOT_MS = 10;
/**
 * Checkout follow-ups leave at their own time, batched per 10 ms: at the scenario's time scale a
 * query is due every 250 ms and the audit's tolerance is 50 ms.
 */
const FOLLOW_UP_GRAIN_MS = 10;
/** Distinct orders cycled through; each request still gets its own order_id and pay code. */
export const ORDER_POOL_SIZE = 256;

export interface ProgressInfo extends WorkloadProgress {
  scenario: string;
  elapsedS: number;
  totalS: number;
  /** The scheduled arrival rate now, per second. */
  rate: number;
}

/** What picks the profile and its timing; `mockTimingFor` reads the same. */
export interface ProfileChoice {
  /** A profile's name, or a profile itself (the benchmarks make their own). */
  profile: string | LoadProfile;
  /** Every stage this many times as long (e.g. 0.2 for a 3 s smoke in tests). */
  durationScale?: number;
  /** Checkout: the cashier's time scale (default the profile's; 1 = the documented 5 s queries and 30 s deadline). */
  timeScale?: number;
  /** k6's `--execution-segment`: this runner's share of the arrivals (`0:1/2`); default the whole run. */
  executionSegment?: string;
  /** k6's `--execution-segment-sequence` (`0,1/4,1/2,3/4,1`), which the segment is one of. */
  executionSegmentSequence?: string;
}

export interface RunLoadOptions extends ProfileChoice {
  /** The API's base URL: a mock (the embedded one, started by the caller) or a live target. */
  baseUrl: string;
  allowRemote?: boolean;
  /** Default: PAY_SEED, else random (always reported). */
  seed?: number;
  /** PAY_APP_ID, PAY_APP_SECRET, PAY_SIGN_ENCODING, PAY_SEED. Default: process.env. */
  env?: Env;
  /** Where load-summary.json, load-junit.xml and load-report.html go; `false` writes nothing. Default `reports`. */
  reportDir?: string | false;
  /** Called once a second while the run lasts. */
  onProgress?: (info: ProgressInfo) => void;
  /** Notices (seed, warnings) — stderr in the CLI. */
  log?: (line: string) => void;
  /**
   * Aborted (its reason the signal's name, `SIGINT`), the run stops as k6's does on a first
   * Ctrl-C: no arrival or follow-up leaves after it, the calls in flight are awaited (each within
   * the request timeout), and the summary — thresholds judged on the part that ran — is marked
   * interrupted and never passes.
   */
  interrupt?: AbortSignal;
}

export interface LoadRunResult {
  summary: LoadSummary;
  passed: boolean;
  failedThresholds: string[];
  reportFiles: string[];
}

const SUMMARY_FILE = 'load-summary.json';
const JUNIT_FILE = 'load-junit.xml';
const HTML_FILE = 'load-report.html';

function resolveProfile(options: ProfileChoice): LoadProfile {
  const base = typeof options.profile === 'string' ? profileByName(options.profile) : options.profile;
  if (!base) throw new PaycheckError('PAYCHECK_UNKNOWN_PROFILE', `unknown profile "${String(options.profile)}"; known: ${PROFILE_NAMES.join(', ')}`);
  if (options.durationScale === undefined) return base;
  if (!(options.durationScale > 0)) throw new PaycheckError('PAYCHECK_BAD_SETTING', `--duration-scale must be a number above 0; got ${options.durationScale}`);
  return scaleDurations(base, options.durationScale);
}

function settingsFrom(env: Env, seed: number | undefined) {
  try {
    return { app: appCredentialsFrom(env), encoding: signEncodingFrom(env), seed: seed ?? seedFrom(env) };
  } catch (error) {
    throw new PaycheckError('PAYCHECK_BAD_SETTING', (error as Error).message);
  }
}

/** Stops the schedule once an abort-on-fail rule breaks, after its delay, on the data so far. */
function abortCheck(rules: readonly ThresholdRule[], workload: Workload, elapsedS: () => number): () => string | undefined {
  const abortable = rules.filter((r) => r.abortOnFail && r.metric === 'http_req_failed');
  return () => {
    for (const r of abortable) {
      const rate = workload.failedRate();
      if (rate === undefined || elapsedS() < (r.abortDelayS ?? 0)) continue;
      if (!evaluateRule(r, { 'http_req_failed:rate': rate }).ok) return r.name;
    }
    return undefined;
  };
}

/** Orders built and thrown away before the timed part, so that signing runs JIT-compiled from the first request. */
const WARM_UP_ORDERS = 5_000;

function buildStream(app: AppCredentials, encoding: SignEncoding, seed: number): SignedOrderStream {
  const stream = createSignedOrderStream({
    records: buildOrderRecords({ seed, count: ORDER_POOL_SIZE }),
    app,
    encoding,
    digests: nodeDigests,
    orderIdPrefix: runOrderIdPrefix(Date.now(), Math.random),
    now: () => performance.now(),
  });
  // Nothing is sent: the same serials are built again, for real, in the run.
  for (let serial = 0; serial < WARM_UP_ORDERS; serial++) stream.order(serial);
  return stream;
}

interface DrivenRun {
  schedule: ScheduleOutcome;
  startedAt: Date;
  durationS: number;
}

/** This runner's slots: the whole schedule, or its execution segment's share of it, and the index of its first arrival in the whole run. */
function runnerSlots(scenario: LoadProfile, options: ProfileChoice): { slots: () => Iterable<Slot>; segment: string; firstArrival: number } {
  const whole = () => arrivalSlots(scenario, SLOT_MS);
  if (options.executionSegment === undefined) {
    if (options.executionSegmentSequence !== undefined) throw new PaycheckError('PAYCHECK_USAGE', '--execution-segment-sequence needs --execution-segment');
    return { slots: whole, segment: segmentText(WHOLE_RUN), firstArrival: 0 };
  }
  try {
    const segment = parseSegment(options.executionSegment);
    const sequence = options.executionSegmentSequence === undefined ? undefined : parseSequence(options.executionSegmentSequence);
    const take = arrivalFilter(segment, sequence);
    return { slots: () => segmentSlots(whole(), take), segment: segmentText(segment), firstArrival: firstArrivalOf(segment, sequence) };
  } catch (error) {
    throw new PaycheckError('PAYCHECK_BAD_SETTING', (error as Error).message);
  }
}

/** A scale as the command line takes it back: plain decimal digits, never an exponent (1e-7). */
const decimalText = (x: number): string => x.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 });

/** The least duration scale, rounded up to two significant digits, at which the run plans `arrivals` arrivals: they grow in proportion to it. */
function scaleFor(arrivals: number, scenario: LoadProfile, scale: number): string {
  const perScale = arrivalsUntil(scenario, totalDurationS(scenario)) / scale;
  const least = arrivals / perScale;
  const step = 10 ** (Math.floor(Math.log10(least)) - 1);
  return decimalText(Number((Math.ceil(least / step - 1e-9) * step).toPrecision(2)));
}

/** Why a run that plans no request of its own is a bad setting, and the scale that would give it one. */
function noRequestMessage(scenario: LoadProfile, options: ProfileChoice, share: { segment: string; firstArrival: number }): string {
  const scale = options.durationScale ?? 1;
  const given = `--duration-scale ${decimalText(scale)}`;
  const whole = plannedArrivals(scenario);
  if (whole === 0) return `${given} plans no request of profile ${scenario.name}; the smallest scale that plans one is ${scaleFor(1, scenario, scale)}`;
  return `${given} plans ${whole} request${whole === 1 ? '' : 's'} of profile ${scenario.name}, none of them in --execution-segment ${share.segment}; the smallest scale that gives it one is ${scaleFor(share.firstArrival + 1, scenario, scale)}`;
}

/** What a run will do, decided from its options alone. */
export interface PlannedRun {
  scenario: LoadProfile;
  timeScale: number;
  /** This runner's slots, made afresh on each call. */
  slots: () => Iterable<Slot>;
  segment: string;
  /** The arrivals in this runner's slots. */
  planned: number;
}

/**
 * Every flag and setting of a run checked, before anything else: the CLI calls this before the
 * target's preflight, so that a usage error is exit 2 and never the target's exit 3, and a target
 * is not touched for a run that cannot start. A run that plans no request is refused here too,
 * rather than run and failed for having no data.
 */
export function planRun(options: ProfileChoice): PlannedRun {
  const scenario = resolveProfile(options);
  const timeScale = timeScaleFor(scenario, options.timeScale);
  const share = runnerSlots(scenario, options);
  let planned = 0;
  for (const slot of share.slots()) planned += slot.arrivals.length;
  if (planned === 0) throw new PaycheckError('PAYCHECK_BAD_SETTING', noRequestMessage(scenario, options, share));
  return { scenario, timeScale, slots: share.slots, segment: share.segment, planned };
}

/** A wait that an interruption ends at once, so that a stop is not held up until the next slot's time. */
function pause(ms: number, interrupt: AbortSignal | undefined): Promise<void> {
  if (interrupt === undefined) return sleep(ms);
  if (interrupt.aborted) return Promise.resolve();
  return sleep(ms, undefined, { signal: interrupt }).catch(() => {});
}

/**
 * How long a run may go on after its last arrival is due: one request timeout, and in the checkout
 * the cashier's waits on top (its deadline and the intervals of its cancel retries), so that an
 * order of the last arrival has its practice's time. Without it a target that never answers held
 * a 3 s checkout for 43.5 s: a pay timeout, then three cancel timeouts one after the other.
 */
export function drainS(scenario: LoadProfile, timeScale: number): number {
  if (scenario.kind === 'pay') return REQUEST_TIMEOUT_S;
  const { policy } = createCashier(timeScale);
  return REQUEST_TIMEOUT_S + (policy.deadlineMs + policy.maxCancelAttempts * policy.minPollIntervalMs) / 1000;
}

/** The timed part: the schedule released through the workload, its follow-ups until every order has ended or the drain deadline, a progress tick every second. */
async function drive(scenario: LoadProfile, slots: Iterable<Slot>, rules: readonly ThresholdRule[], workload: Workload, options: Pick<RunLoadOptions, 'onProgress' | 'interrupt'> & { drainS: number; log: (line: string) => void }): Promise<DrivenRun> {
  const { onProgress, interrupt } = options;
  const interrupted = () => interrupt?.aborted === true;
  const startedAt = new Date();
  const t0 = performance.now();
  const elapsedS = () => (performance.now() - t0) / 1000;
  const totalS = totalDurationS(scenario);
  const ticker = onProgress
    ? setInterval(() => onProgress({ scenario: scenario.name, elapsedS: elapsedS(), totalS, rate: rateAt(scenario, elapsedS()), ...workload.window() }), 1000)
    : undefined;
  let arrivalsDone = false;
  const followUps = workload.followUps(() => arrivalsDone, interrupted);
  // The deadline counts from the schedule's end, the latest its last arrival is due.
  const drainMs = (totalS + options.drainS) * 1000;
  const deadline = setTimeout(() => {
    const cut = workload.cutOff();
    if (cut > 0) options.log(`drain deadline (${fixedS(totalS)} s + ${fixedS(options.drainS)} s) passed: ${cut} call${cut === 1 ? '' : 's'} in flight ended as timed out, no follow-up sent after it`);
  }, drainMs);
  try {
    const schedule = await runSchedule(slots, scenario.maxVUs, {
      now: () => performance.now(),
      sleep: (ms) => pause(ms, interrupt),
      fire: (arrivals) => workload.fire(arrivals),
      inFlight: () => workload.inFlight(),
      stopReason: abortCheck(rules, workload, elapsedS),
      interrupted,
    }).finally(() => (arrivalsDone = true));
    await followUps;
    return { schedule, startedAt, durationS: elapsedS() };
  } finally {
    clearTimeout(deadline);
    if (ticker) clearInterval(ticker);
    workload.close();
  }
}

const fixedS = (s: number): string => String(Number(s.toFixed(2)));

function createWorkload(scenario: LoadProfile, target: LoadTarget, stream: SignedOrderStream, app: AppCredentials, encoding: SignEncoding, timeScale: number, interrupt: AbortSignal | undefined): Workload {
  if (scenario.kind === 'pay') return createPayWorkload(target.payUrl, stream, scenario.maxVUs);
  return createCheckoutWorkload({
    scenario,
    payUrl: target.payUrl,
    paths: target.paths,
    stream,
    keep: scenario.maxVUs,
    lookupBody: createLookupSigner(app, encoding, nodeDigests),
    timeScale,
    grainMs: FOLLOW_UP_GRAIN_MS,
    now: () => performance.now(),
    sleep: (ms) => pause(ms, interrupt),
  });
}

function timeScaleFor(profile: LoadProfile, given: number | undefined): number {
  if (given === undefined) return profile.kind === 'checkout' ? profile.checkout.timeScale : 1;
  if (!(given > 0)) throw new PaycheckError('PAYCHECK_BAD_SETTING', `--time-scale must be a number above 0; got ${given}`);
  if (profile.kind !== 'checkout') throw new PaycheckError('PAYCHECK_USAGE', '--time-scale applies to the checkout profile only');
  return given;
}

/**
 * The timing a mock needs for a profile's thresholds to hold: under checkout, paying customers
 * confirm at the cashier's time scale and an unknown result comes at once. Nothing for the others.
 */
export function mockTimingFor(options: ProfileChoice): { pendingMs: number; slowMs: number } | undefined {
  const profile = resolveProfile(options);
  const timeScale = timeScaleFor(profile, options.timeScale);
  return profile.kind === 'checkout' ? { pendingMs: pendingMsOf({ ...profile.checkout, timeScale }), slowMs: 0 } : undefined;
}

export async function runLoad(options: RunLoadOptions): Promise<LoadRunResult> {
  const log = options.log ?? (() => {});
  const plan = planRun(options);
  const { scenario, timeScale } = plan;
  const { app, encoding, seed } = settingsFrom(options.env ?? process.env, options.seed);
  const rules = profileRules(scenario);
  const target = loadTarget(options.baseUrl, { allowRemote: options.allowRemote, warn: log });
  log(`seed ${seed} (PAY_SEED=${seed} replays the same orders)`);
  const workload = createWorkload(scenario, target, buildStream(app, encoding, seed), app, encoding, timeScale, options.interrupt);
  const run = await drive(scenario, plan.slots(), rules, workload, { ...options, drainS: drainS(scenario, timeScale), log });
  // A signal during the drain counts too: the checkout's follow-ups were cut, orders left open.
  const interrupted = options.interrupt?.aborted === true;
  const { schedule, startedAt, durationS } = run;
  const { sent, answered, noAnswer, ...figures } = workload.figures();
  const partial: Omit<LoadSummary, 'thresholds' | 'passed'> = {
    tool: 'paycheck-load',
    scenario: scenario.name,
    run: runPlanOf(scenario, options.durationScale ?? 1, timeScale),
    target: target.payUrl,
    startedAt: startedAt.toISOString(),
    durationS,
    seed,
    segment: plan.segment,
    requests: { planned: plan.planned, sent, answered, dropped: schedule.dropped },
    achievedRatePerS: durationS > 0 ? (answered + noAnswer) / durationS : 0,
    ...figures,
    ...(schedule.stoppedBy ? { abortedBy: schedule.stoppedBy } : {}),
    ...(interrupted ? { interrupted: { signal: String(options.interrupt?.reason), arrivals: schedule.released + schedule.dropped } } : {}),
  };
  const summary = judgedSummary(partial, rules);
  const reportFiles = options.reportDir === false ? [] : await writeReports(summary, options.reportDir ?? 'reports');
  return { summary, passed: summary.passed, failedThresholds: failedThresholdNames(summary), reportFiles };
}

/** The summary as JSON, JUnit and the HTML report in `dir`, under the run's names or, for a merge, `merged-…`. */
export async function writeReports(summary: LoadSummary, dir: string, names: readonly [json: string, junit: string, html: string] = [SUMMARY_FILE, JUNIT_FILE, HTML_FILE]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = names.map((name) => join(dir, name));
  await writeFile(files[0], `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(files[1], renderJUnit(summary));
  await writeFile(files[2], renderLoadReportHtml(summary));
  return files;
}
