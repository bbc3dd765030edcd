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
  /** Requests released at `atMs`. */
  count: number;
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
    if (next > due) yield { atMs, count: next - due, rate: rateAt(scenario, atMs / 1000) };
    due = next;
  }
}

/** One runner's share of the slots: the arrivals `take` keeps, by their index in the whole run. */
export function* segmentSlots(slots: Iterable<Slot>, take: (arrival: number) => boolean): Generator<Slot> {
  let arrival = 0;
  for (const slot of slots) {
    let count = 0;
    for (let i = 0; i < slot.count; i++) if (take(arrival++)) count++;
    if (count > 0) yield { ...slot, count };
  }
}

/** Every arrival the scenario plans, as k6 would start them. */
export function plannedArrivals(scenario: LoadProfile): number {
  return whole(arrivalsUntil(scenario, totalDurationS(scenario)));
}
