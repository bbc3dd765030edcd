/** A run's plan as its summary carries it (RunPlan), the same for the executor and k6. Runtime-neutral. */
import type { RunPlan } from '../../../checks/report/load-summary.ts';
import { plannedArrivals } from './arrival-schedule.ts';
import type { LoadProfile } from './profiles.ts';

/** `scenario`: the profile with its stages already scaled by `durationScale`. */
export function runPlanOf(scenario: LoadProfile, durationScale: number, timeScale: number): RunPlan {
  return {
    durationScale,
    stages: scenario.stages.map((s) => ({ durationS: s.durationS, target: s.target })),
    plannedArrivals: plannedArrivals(scenario),
    ...(scenario.kind === 'checkout' ? { timeScale } : {}),
  };
}
