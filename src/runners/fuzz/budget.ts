/**
 * How much a fuzz run does: so many runs of each property, or a duration shared by them. Light to
 * import (the command's description reads the default), without fast-check.
 */

/** Runs per property when no budget is given: enough to find each fuzz-only broken variant, quick on loopback. */
export const DEFAULT_RUNS = 100;

export type FuzzBudget = { runs: number } | { durationMs: number };

export function describeBudget(budget: FuzzBudget): string {
  return 'runs' in budget ? `${budget.runs} runs per property` : `${Math.round(budget.durationMs / 1000)} s in all`;
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `30s`, `10m`, `1h`, `500ms` → milliseconds; RangeError otherwise. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2]] : Number.NaN;
  if (!(ms >= 1_000 && ms <= 24 * UNIT_MS.h)) throw new RangeError(`--duration "${text}" is not a duration from 1s to 24h (e.g. 30s, 10m)`);
  return Math.round(ms);
}
