/**
 * `runLoad`: one scenario against one target — the executor's whole run, callable from the CLI,
 * from the main job and from tests. Builds the order pool and signing templates first, then
 * releases fresh signed orders on the scenario's arrival schedule through autocannon, and
 * returns (and by default writes) the summary with every threshold evaluated.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { appCredentialsFrom, signEncodingFrom, type AppCredentials, type Env } from '../../src/config/settings.ts';
import { seedFrom } from '../../src/factories/random-source.ts';
import type { SignEncoding } from '../../src/signing/encoding.ts';
import { nodeDigests } from '../../src/signing/node-digests.ts';
import { renderJUnit } from '../report/junit.ts';
import { failedThresholdNames, metricStatsOf, type LoadSummary } from '../report/load-summary.ts';
import { outcomeTotals } from '../report/outcomes.ts';
import { buildOrderRecords } from '../request/order-pool.ts';
import { createSignedOrderStream, runOrderIdPrefix, type SignedOrderStream } from '../request/signed-order-stream.ts';
import { arrivalSlots, plannedArrivals, rateAt } from '../scenarios/arrival-schedule.ts';
import { REQUEST_TIMEOUT_S, scaleDurations, scenarioByName, SCENARIO_NAMES, totalDurationS, type Scenario } from '../scenarios/scenarios.ts';
import { evaluateRule, evaluateThresholds, thresholdRules, type ThresholdRule } from '../scenarios/thresholds.ts';
import { fireBatch } from './autocannon-batch.ts';
import { LoadError } from './load-error.ts';
import { createRecorder, type ProgressWindow, type Recorder } from './recorder.ts';
import { runSchedule, type ScheduleOutcome } from './slot-scheduler.ts';
import { openTarget } from './target.ts';

/** Arrivals are released in 100 ms slots: the executor's resolution of the open model. */
export const SLOT_MS = 100;
/** Distinct orders cycled through; each request still gets its own order_id and pay code. */
export const ORDER_POOL_SIZE = 256;

export interface ProgressInfo extends ProgressWindow {
  scenario: string;
  elapsedS: number;
  totalS: number;
  /** The scheduled arrival rate now, per second. */
  rate: number;
}

export interface RunLoadOptions {
  scenario: string;
  /** Absent: start the embedded loopback mock and aim at it. */
  baseUrl?: string;
  allowRemote?: boolean;
  /** Every stage this many times as long (e.g. 0.2 for a 3 s smoke in tests). */
  durationScale?: number;
  /** Embedded mock only: latency added to every pay request, `MS` or `MIN-MAX`. */
  mockLatency?: string;
  /** Default: PAY_SEED, else random (always reported). */
  seed?: number;
  /** PAY_APP_ID, PAY_APP_SECRET, PAY_SIGN_ENCODING, PAY_SEED. Default: process.env. */
  env?: Env;
  /** Where load-summary.json and load-junit.xml go; `false` writes nothing. Default `reports`. */
  reportDir?: string | false;
  /** Called once a second while the run lasts. */
  onProgress?: (info: ProgressInfo) => void;
  /** Notices (seed, warnings) — stderr in the CLI. */
  log?: (line: string) => void;
}

export interface LoadRunResult {
  summary: LoadSummary;
  passed: boolean;
  failedThresholds: string[];
  reportFiles: string[];
}

export const SUMMARY_FILE = 'load-summary.json';
export const JUNIT_FILE = 'load-junit.xml';

function resolveScenario(options: RunLoadOptions): Scenario {
  const base = scenarioByName(options.scenario);
  if (!base) throw new LoadError('LOAD_UNKNOWN_SCENARIO', `unknown scenario "${options.scenario}"; known: ${SCENARIO_NAMES.join(', ')}`);
  if (options.durationScale === undefined) return base;
  if (!(options.durationScale > 0)) throw new LoadError('LOAD_USAGE', `--duration-scale must be a number above 0; got ${options.durationScale}`);
  return scaleDurations(base, options.durationScale);
}

function settingsFrom(env: Env, seed: number | undefined) {
  try {
    return { app: appCredentialsFrom(env), encoding: signEncodingFrom(env), seed: seed ?? seedFrom(env) };
  } catch (error) {
    throw new LoadError('LOAD_BAD_SETTING', (error as Error).message);
  }
}

/** Stops the schedule once an abort-on-fail rule breaks, after its delay, on the data so far. */
function abortCheck(rules: readonly ThresholdRule[], recorder: Recorder, elapsedS: () => number): () => string | undefined {
  const abortable = rules.filter((r) => r.abortOnFail && r.metric === 'http_req_failed');
  return () => {
    for (const r of abortable) {
      const rate = recorder.failedRate();
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
  recorder: Recorder;
  startedAt: Date;
  durationS: number;
}

/** The timed part: the schedule released through autocannon, a progress tick every second. */
async function drive(scenario: Scenario, rules: readonly ThresholdRule[], payUrl: string, stream: SignedOrderStream, onProgress: RunLoadOptions['onProgress']): Promise<DrivenRun> {
  const recorder = createRecorder();
  let serial = 0;
  const nextOrder = () => stream.order(serial++);
  const startedAt = new Date();
  const t0 = performance.now();
  const elapsedS = () => (performance.now() - t0) / 1000;
  const totalS = totalDurationS(scenario);
  const ticker = onProgress
    ? setInterval(() => onProgress({ scenario: scenario.name, elapsedS: elapsedS(), totalS, rate: rateAt(scenario, elapsedS()), ...recorder.window() }), 1000)
    : undefined;
  try {
    const schedule = await runSchedule(arrivalSlots(scenario, SLOT_MS), scenario.maxVUs, {
      now: () => performance.now(),
      sleep: (ms) => sleep(ms),
      fire: (count) => fireBatch({ url: payUrl, timeoutS: REQUEST_TIMEOUT_S, connections: count, amount: count, nextOrder, recorder }),
      inFlight: () => recorder.inFlight(),
      stopReason: abortCheck(rules, recorder, elapsedS),
    });
    return { schedule, recorder, startedAt, durationS: elapsedS() };
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

export async function runLoad(options: RunLoadOptions): Promise<LoadRunResult> {
  const log = options.log ?? (() => {});
  const scenario = resolveScenario(options);
  const { app, encoding, seed } = settingsFrom(options.env ?? process.env, options.seed);
  const rules = thresholdRules(scenario.thresholds);
  const target = await openTarget({ baseUrl: options.baseUrl, allowRemote: options.allowRemote, mockLatency: options.mockLatency, warn: log });
  log(`seed ${seed} (PAY_SEED=${seed} replays the same orders)`);
  let run: DrivenRun;
  try {
    run = await drive(scenario, rules, target.payUrl, buildStream(app, encoding, seed), options.onProgress);
  } finally {
    await target.close();
  }
  const { schedule, recorder, startedAt, durationS } = run;
  const m = recorder.measurements();
  const ended = m.answered + m.noAnswer;
  const partial: Omit<LoadSummary, 'thresholds' | 'passed'> = {
    tool: 'paycheck-load',
    scenario: scenario.name,
    target: target.payUrl,
    startedAt: startedAt.toISOString(),
    durationS,
    seed,
    requests: { planned: plannedArrivals(scenario), sent: m.sent, answered: m.answered, dropped: schedule.dropped },
    achievedRatePerS: durationS > 0 ? ended / durationS : 0,
    latencyMs: m.latencyMs,
    signingUs: m.signingUs,
    codes: m.codes,
    outcomes: outcomeTotals(m.codes),
    failedRequests: { count: m.failed, rate: ended === 0 ? 0 : m.failed / ended },
    nonSuccessShare: ended === 0 ? 0 : m.nonSuccess / ended,
    checks: { ...m.checks, rate: m.checks.passes + m.checks.fails === 0 ? 0 : m.checks.passes / (m.checks.passes + m.checks.fails) },
    ...(schedule.stoppedBy ? { abortedBy: schedule.stoppedBy } : {}),
  };
  const thresholds = evaluateThresholds(rules, metricStatsOf(partial));
  const summary: LoadSummary = { ...partial, thresholds, passed: thresholds.every((t) => t.ok) && !schedule.stoppedBy };
  const reportFiles = options.reportDir === false ? [] : await writeReports(summary, options.reportDir ?? 'reports');
  return { summary, passed: summary.passed, failedThresholds: failedThresholdNames(summary), reportFiles };
}

async function writeReports(summary: LoadSummary, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = [join(dir, SUMMARY_FILE), join(dir, JUNIT_FILE)];
  await writeFile(files[0], `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(files[1], renderJUnit(summary));
  return files;
}
