/**
 * The executor's measurements of one kind of call: every latency and signing time kept (exact
 * percentiles; 8 bytes a request, ~30 MB for an hour at 1000/s), counts per code, check tallies
 * (by the position of each check in `checkNames`), and a window for the once-a-second progress line.
 */
import { inspectPayAnswer, PAY_CHECKS } from '../request/pay-answer-checks.ts';
import type { SignedOrder } from '../request/signed-order-stream.ts';
import { distributionOf, type CheckTally, type Distribution, type SecondOfRun } from '../../../checks/report/load-summary.ts';
import { NO_CODE, type NoCodeCause } from '../../../checks/load/outcomes.ts';
import type { CallRecorder } from './call-pool.ts';
import { emptyHistogram, quantileOf, recordLatency, type LatencyHistogram } from '../../../checks/load/latency-histogram.ts';

/** What the recorder needs of an answer: its code, and one pass/fail per check name. */
interface Inspection {
  code?: number;
  /** Why an answer without a code has none. */
  cause?: NoCodeCause;
  passed: readonly boolean[];
}

/** A growable list of numbers in a Float64Array (a plain array of a million doubles is far larger). */
class Samples {
  private data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

export interface Measurements {
  sent: number;
  answered: number;
  /** Sent and never answered: connection error or timeout. */
  noAnswer: number;
  /** No answer, or an HTTP status outside 200–399 (k6's http_req_failed). */
  failed: number;
  /** Sent and not answered with 1000. */
  nonSuccess: number;
  codes: Record<string, number>;
  /** The requests counted under `none` in `codes`, by why they have no code. */
  noCodeCauses: Partial<Record<NoCodeCause, number>>;
  checks: CheckTally & { byName: Record<string, CheckTally> };
  latencyMs?: Distribution;
  /** The same latencies in mergeable buckets (a distributed run's runners add theirs up). */
  histogram: LatencyHistogram;
  /** Second by second since the recorder was made. */
  series: SecondOfRun[];
  signingUs?: Distribution;
}

export interface ProgressWindow {
  sent: number;
  answered: number;
  inFlight: number;
  failed: number;
  /** Answers since the previous window. */
  windowAnswered: number;
  /** p95 of the answers since the previous window, ms. */
  windowP95Ms?: number;
  codes: Record<string, number>;
}

export interface Recorder {
  /** A request sent; `signMs` is the time it took to build and sign. */
  sent(signMs: number): void;
  answered(latencyMs: number, status: number, inspection: Inspection): void;
  /** No answer, and why. */
  failed(cause: NoCodeCause): void;
  inFlight(): number;
  /** Counts so far, and the latencies since the last call. */
  window(): ProgressWindow;
  /** Running rates for early-abort rules. */
  failedRate(): number | undefined;
  /** The running counts, cheaply. */
  totals(): { sent: number; answered: number; noAnswer: number; failed: number };
  measurements(): Measurements;
  /** Every latency so far, ms, ascending. */
  sortedLatencies(): Float64Array;
}

const increment = <K>(counts: Map<K, number>, key: K): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1);
};

/** One second's counts as the recorder keeps them. */
interface Second {
  sent: number;
  answered: number;
  failed: number;
  codes: Map<string, number>;
  latency: LatencyHistogram;
}

function secondOfRun(t: number, s: Second): SecondOfRun {
  const q = (p: number) => quantileOf(s.latency, p);
  const latency = s.latency.count === 0 ? {} : { p50: q(0.5), p95: q(0.95), p99: q(0.99) };
  return { t, sent: s.sent, answered: s.answered, failed: s.failed, codes: Object.fromEntries(s.codes), ...latency, buckets: { ...s.latency.buckets } };
}

/** `now`: ms on a monotonic clock; the series counts seconds from the recorder's making. */
export function createRecorder(checkNames: readonly string[] = PAY_CHECKS, now: () => number = () => performance.now()): Recorder {
  const latencies = new Samples();
  const histogram = emptyHistogram();
  const t0 = now();
  const seconds: Second[] = [];
  const second = (): Second => {
    const t = Math.max(0, Math.floor((now() - t0) / 1000));
    for (let i = seconds.length; i <= t; i++) seconds.push({ sent: 0, answered: 0, failed: 0, codes: new Map(), latency: emptyHistogram() });
    return seconds[t];
  };
  const signing = new Samples();
  let window: number[] = [];
  let sent = 0;
  let answered = 0;
  let noAnswer = 0;
  let failed = 0;
  let nonSuccess = 0;
  let lastAnswered = 0;
  const codes = new Map<string, number>();
  const causes = new Map<NoCodeCause, number>();
  const passes = checkNames.map(() => 0);
  const fails = checkNames.map(() => 0);

  const count = (code: string) => increment(codes, code);
  const noCode = (cause: NoCodeCause) => {
    count(NO_CODE);
    increment(causes, cause);
  };
  const tally = (passed: readonly boolean[]): void =>
    passed.forEach((ok, i) => {
      if (ok) passes[i]++;
      else fails[i]++;
    });

  return {
    sent(signMs) {
      sent++;
      second().sent++;
      signing.push(signMs * 1000);
    },
    answered(latencyMs, status, inspection) {
      answered++;
      latencies.push(latencyMs);
      recordLatency(histogram, latencyMs);
      window.push(latencyMs);
      const thisSecond = second();
      thisSecond.answered++;
      recordLatency(thisSecond.latency, latencyMs);
      increment(thisSecond.codes, inspection.code === undefined ? NO_CODE : String(inspection.code));
      if (status < 200 || status >= 400) {
        failed++;
        thisSecond.failed++;
      }
      if (inspection.code !== 1000) nonSuccess++;
      if (inspection.code === undefined) noCode(inspection.cause ?? 'notEnvelope');
      else count(String(inspection.code));
      tally(inspection.passed);
    },
    failed(cause) {
      noAnswer++;
      failed++;
      const thisSecond = second();
      thisSecond.failed++;
      increment(thisSecond.codes, NO_CODE);
      nonSuccess++;
      noCode(cause);
      tally(checkNames.map(() => false));
    },
    inFlight: () => sent - answered - noAnswer,
    window() {
      const sortedWindow = Float64Array.from(window).sort();
      const result: ProgressWindow = {
        sent,
        answered,
        inFlight: sent - answered - noAnswer,
        failed,
        windowAnswered: answered - lastAnswered,
        windowP95Ms: distributionOf(sortedWindow)?.p95,
        codes: Object.fromEntries(codes),
      };
      window = [];
      lastAnswered = answered;
      return result;
    },
    failedRate: () => (answered + noAnswer === 0 ? undefined : failed / (answered + noAnswer)),
    totals: () => ({ sent, answered, noAnswer, failed }),
    measurements() {
      const byName = Object.fromEntries(checkNames.map((name, i) => [name, { passes: passes[i], fails: fails[i] }]));
      return {
        sent,
        answered,
        noAnswer,
        failed,
        nonSuccess,
        codes: Object.fromEntries(codes),
        noCodeCauses: Object.fromEntries(causes),
        checks: { passes: passes.reduce((a, b) => a + b, 0), fails: fails.reduce((a, b) => a + b, 0), byName },
        latencyMs: distributionOf(latencies.sorted()),
        histogram: { ...histogram, buckets: { ...histogram.buckets } },
        series: seconds.map((s, t) => secondOfRun(t, s)),
        signingUs: distributionOf(signing.sorted()),
      };
    },
    sortedLatencies: () => latencies.sorted(),
  };
}

/** The pay calls of a run into one recorder: each answer inspected by the pay call's checks. */
export function payRecording(recorder: Recorder): CallRecorder<SignedOrder> {
  return {
    sent: (order) => recorder.sent(order.signMs),
    answered: (order, latencyMs, status, body) => recorder.answered(latencyMs, status, inspectPayAnswer(status, body, order.orderId)),
    failed: (_order, cause) => recorder.failed(cause),
  };
}
