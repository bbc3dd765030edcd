/**
 * The open model's arithmetic: the arrival rate at any moment of a scenario, the arrivals due up
 * to that moment, and the scenario cut into fixed slots — how the executor releases requests on
 * a wall-clock schedule whatever the target's answers do. Same ramp semantics as k6's
 * ramping-arrival-rate (linear from the previous target).
 */
import { totalDurationS, type LoadProfile } from './profiles.ts';

/** Arrivals per second at `tS` seconds into the scenario (0 after its end). */
export function rateAt(scenario: LoadProfile, tS: number): number {
  let from = scenario.startRate;
  let start = 0;
  for (const stage of scenario.stages) {
    if (tS < start + stage.durationS) return from + ((stage.target - from) * (tS - start)) / stage.durationS;
    from = stage.target;
    start += stage.durationS;
  }
  return 0;
}

/** Arrivals due in [0, tS): the integral of the rate, piece by piece (each piece is a trapezium). */
export function arrivalsUntil(scenario: LoadProfile, tS: number): number {
  let from = scenario.startRate;
  let start = 0;
  let total = 0;
  for (const stage of scenario.stages) {
    const span = Math.min(Math.max(tS - start, 0), stage.durationS);
    if (span > 0) total += span * (from + (from + ((stage.target - from) * span) / stage.durationS)) / 2;
    from = stage.target;
    start += stage.durationS;
  }
  return total;
}

export interface Slot {
  /** Offset from the start of the run, ms. */
  atMs: number;
  /**
   * The arrivals released at `atMs`, by their index in the whole run: each one's serial (its
   * order_id, pay code and mix entry), so that the runners of a split run send between them
   * exactly what one runner of the whole run sends — as k6's `iterationInTest` is global.
   */
  arrivals: readonly number[];
  /** The scheduled rate at `atMs`, per second (for the progress line). */
  rate: number;
}

// Rounding the running total, not each slot, keeps the sum exact over any number of slots.
const whole = (x: number): number => Math.floor(x + 1e-9);

/** The scenario cut into `slotMs` slots; slots with no arrival are left out. */
export function* arrivalSlots(scenario: LoadProfile, slotMs: number): Generator<Slot> {
  const endMs = totalDurationS(scenario) * 1000;
  let due = 0;
  for (let atMs = 0; atMs < endMs; atMs += slotMs) {
    const next = whole(arrivalsUntil(scenario, Math.min(atMs + slotMs, endMs) / 1000));
    if (next > due) yield { atMs, arrivals: Array.from({ length: next - due }, (_, i) => due + i), rate: rateAt(scenario, atMs / 1000) };
    due = next;
  }
}

/** One runner's share of the slots: the arrivals `take` keeps, by their index in the whole run. */
export function* segmentSlots(slots: Iterable<Slot>, take: (arrival: number) => boolean): Generator<Slot> {
  for (const slot of slots) {
    const arrivals = slot.arrivals.filter(take);
    if (arrivals.length > 0) yield { ...slot, arrivals };
  }
}

/** Every arrival the scenario plans, as k6 would start them. */
export function plannedArrivals(scenario: LoadProfile): number {
  return whole(arrivalsUntil(scenario, totalDurationS(scenario)));
}
