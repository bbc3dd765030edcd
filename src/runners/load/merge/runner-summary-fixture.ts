/**
 * A smoke runner's summary as the executor makes it, from latencies alone — its recorder's
 * figures judged by the run's own code — for the merge's tests, which may open no port.
 */
import { profileRules } from '../../../checks/load/thresholds.ts';
import { judgedSummary, type LoadSummary } from '../../../checks/report/load-summary.ts';
import { PAY_CHECKS } from '../request/pay-answer-checks.ts';
import { createRecorder } from '../executor/recorder.ts';
import { payFigures } from '../executor/pay-workload.ts';
import { profileByName } from '../profiles/profiles.ts';
import { runPlanOf } from '../profiles/run-plan.ts';

const SMOKE = profileByName('smoke')!;
const allPass = { code: 1000, passed: PAY_CHECKS.map(() => true) };

export function runnerSummary(latencies: readonly number[], segment = '0:1'): LoadSummary {
  const recorder = createRecorder(PAY_CHECKS, () => 0);
  for (const ms of latencies) {
    recorder.sent(0.002);
    recorder.answered(ms, 200, allPass);
  }
  const { sent, answered, noAnswer, ...figures } = payFigures(recorder.measurements());
  return judgedSummary(
    {
      tool: 'paycheck-load',
      scenario: SMOKE.name,
      run: runPlanOf(SMOKE, 1, 1),
      target: 'http://127.0.0.1:4010/pay/qrcode',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationS: 15,
      seed: 7,
      segment,
      requests: { planned: sent + noAnswer, sent, answered, dropped: 0 },
      achievedRatePerS: answered / 15,
      ...figures,
    },
    profileRules(SMOKE),
  );
}
