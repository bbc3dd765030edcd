/**
 * What a scenario's arrivals do, seen from the run: the pay scenarios send one pay call per
 * arrival; the checkout scenario carries each arrival through the cashier's follow-ups. The run
 * (run-load.ts) releases arrivals on the schedule and asks the workload for its figures.
 */
import type { LoadSummary } from '../../../checks/report/load-summary.ts';
import type { Measurements, ProgressWindow } from './recorder.ts';

/** The summary's measured part. */
export type WorkloadFigures = Pick<
  LoadSummary,
  'latencyMs' | 'histograms' | 'series' | 'signingUs' | 'codes' | 'noCodeCauses' | 'outcomes' | 'failedRequests' | 'nonSuccessShare' | 'checks' | 'endpoints' | 'orders'
> & { sent: number; answered: number; noAnswer: number };

export interface WorkloadProgress extends ProgressWindow {
  /** Checkout: orders between their pay and their end. */
  openOrders?: number;
  /** Checkout: queries and cancels sent so far. */
  followUps?: number;
}

export interface Workload {
  /** Releases these arrivals now, each by its index in the whole run (its serial); settles when their first calls are answered or failed. */
  fire(arrivals: readonly number[]): Promise<unknown>;
  /** Ends every call in flight now, as timed out, and sends no follow-up after: the run's drain deadline has passed. Returns the calls ended. */
  cutOff(): number;
  /** Closes the connections kept for the calls, once the run has ended. */
  close(): void;
  /** What the in-flight cap (`maxVUs`) counts: requests, or open orders. */
  inFlight(): number;
  window(): WorkloadProgress;
  /** Running failure rate for early-abort rules. */
  failedRate(): number | undefined;
  /**
   * Sends follow-ups until `arrivalsDone()` holds and nothing is left open (at once when there are
   * none); once `interrupted()` holds, sends no more and ends when the calls in flight have.
   */
  followUps(arrivalsDone: () => boolean, interrupted: () => boolean): Promise<void>;
  figures(): WorkloadFigures;
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/** The checks' totals with their pass rate. */
export function checksOf(m: Pick<Measurements, 'checks'>): LoadSummary['checks'] {
  const { passes, fails } = m.checks;
  return { ...m.checks, rate: share(passes, passes + fails) };
}

/** Requests that failed over the requests that ended (answered or not). */
export function failedOf(m: Pick<Measurements, 'failed' | 'answered' | 'noAnswer'>): LoadSummary['failedRequests'] {
  return { count: m.failed, rate: share(m.failed, m.answered + m.noAnswer) };
}

export function nonSuccessOf(m: Pick<Measurements, 'nonSuccess' | 'answered' | 'noAnswer'>): number {
  return share(m.nonSuccess, m.answered + m.noAnswer);
}
