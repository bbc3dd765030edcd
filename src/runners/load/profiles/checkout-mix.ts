/**
 * The checkout scenario's mix: which outcome each order is steered to, and at what time scale
 * the cashier's practice runs. The outcome is chosen per order by the mock's `X-Mock-Scenario`
 * header (a real platform ignores it and answers what it answers; the cashier follows whatever
 * comes). Orders are dealt out by a smooth weighted round robin over the serial number, so every
 * run — also a few seconds long — gets each kind early and in proportion, and a replay is the same.
 * Runtime-neutral: k6 loads it.
 */

export interface MixEntry {
  /** The mock scenario the pay call asks for (`X-Mock-Scenario`). */
  scenario: string;
  /** Orders of this kind in every `Σ weight` orders. */
  weight: number;
  /** What the cashier meets, for docs and reports. */
  meaning: string;
}

export interface CheckoutPlan {
  mix: readonly MixEntry[];
  /**
   * Multiplies the documented practice (src/kernel/lifecycle/policy.ts: a query every 5 s, at most 30 s,
   * a cancel no sooner than 15 s after paying) and `confirmMs`: 0.05 → 250 ms, 1.5 s, 750 ms.
   */
  timeScale: number;
  /** How long a paying customer takes to confirm, before the time scale: the embedded mock's `pendingMs` is this × `timeScale`. */
  confirmMs: number;
}

/** The mix's kinds dealt out over one cycle of `Σ weight` serials (smooth weighted round robin). */
export function mixCycle(mix: readonly MixEntry[]): readonly string[] {
  const total = mix.reduce((sum, e) => sum + e.weight, 0);
  if (!(total > 0) || mix.some((e) => !Number.isInteger(e.weight) || e.weight < 0)) throw new RangeError('mix weights must be whole numbers ≥ 0 with a positive sum');
  const current = mix.map(() => 0);
  const cycle: string[] = [];
  for (let n = 0; n < total; n++) {
    let best = 0;
    for (let i = 0; i < mix.length; i++) {
      current[i] += mix[i].weight;
      if (current[i] > current[best]) best = i;
    }
    current[best] -= total;
    cycle.push(mix[best].scenario);
  }
  return cycle;
}

/** The mock scenario for order `serial` (k6: `exec.scenario.iterationInTest`). */
export function mixPicker(mix: readonly MixEntry[]): (serial: number) => string {
  const cycle = mixCycle(mix);
  return (serial) => cycle[serial % cycle.length];
}

/** The embedded mock's pending delay for a plan, ms. */
export function pendingMsOf(plan: CheckoutPlan): number {
  return Math.round(plan.confirmMs * plan.timeScale);
}
