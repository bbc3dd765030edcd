/** The pay scenarios' workload: one fresh signed pay call per arrival, all in one recorder. */
import { outcomeTotals } from '../../../checks/load/outcomes.ts';
import type { SignedOrderStream } from '../request/signed-order-stream.ts';
import { REQUEST_TIMEOUT_S } from '../profiles/profiles.ts';
import { createCallPool } from './call-pool.ts';
import { createRecorder, payRecording, type Measurements } from './recorder.ts';
import { checksOf, failedOf, nonSuccessOf, type Workload, type WorkloadFigures } from './workload.ts';

/** `keep`: the connections kept open between calls (the scenario's in-flight cap). */
export function createPayWorkload(payUrl: string, stream: SignedOrderStream, keep: number): Workload {
  const recorder = createRecorder();
  const pool = createCallPool({ url: payUrl, timeoutS: REQUEST_TIMEOUT_S, keep, recorder: payRecording(recorder) });
  return {
    fire(arrivals) {
      let i = 0;
      return pool.fire(() => stream.order(arrivals[i++]), arrivals.length);
    },
    cutOff: () => pool.cutOff(),
    close: () => pool.close(),
    inFlight: () => recorder.inFlight(),
    window: () => recorder.window(),
    failedRate: () => recorder.failedRate(),
    followUps: async () => {},
    figures: () => payFigures(recorder.measurements()),
  };
}

/** A pay run's figures from its one recorder's measurements. */
export function payFigures(m: Measurements): WorkloadFigures {
  return {
    sent: m.sent,
    answered: m.answered,
    noAnswer: m.noAnswer,
    latencyMs: m.latencyMs,
    histograms: { pay: m.histogram },
    series: { pay: m.series },
    signingUs: m.signingUs,
    codes: m.codes,
    noCodeCauses: m.noCodeCauses,
    outcomes: outcomeTotals(m.codes),
    failedRequests: failedOf(m),
    nonSuccessShare: nonSuccessOf(m),
    checks: checksOf(m),
  };
}
