/**
 * Each benchmark's result as JSON under reports/bench/: its figures with their spread over the
 * rounds, its settings and the machine, so that a figure in the README can be traced to a run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Machine } from './machine.ts';
import { median } from './report.ts';

export interface Spread {
  median: number;
  min: number;
  max: number;
  rounds: number[];
}

export function spreadOf(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), rounds: [...values] };
}

/** `0.84 (0.81–0.86)`: the median and the range of the rounds. */
export function formatSpread(spread: Spread, digits = 2): string {
  return `${spread.median.toFixed(digits)} (${spread.min.toFixed(digits)}–${spread.max.toFixed(digits)})`;
}

const BENCH_REPORT_DIR = join('reports', 'bench');

/** Writes reports/bench/<name>.json and returns its path. */
export function writeBenchResult(name: string, result: { machine: Machine; settings: object; figures: object; pass: boolean }): string {
  mkdirSync(BENCH_REPORT_DIR, { recursive: true });
  const file = join(BENCH_REPORT_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ bench: name, ...result }, null, 2)}\n`);
  return file;
}
