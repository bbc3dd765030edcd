/** Bench output: one aligned row per server, and ratios against the baseline of the same run. */
import type autocannon from 'autocannon';

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export function figuresOf(result: autocannon.Result): LoadFigures {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function figureRow(name: string, figures: LoadFigures, extra = ''): string {
  return [
    name.padEnd(16),
    `${Math.round(figures.rps).toLocaleString('en-US').padStart(8)} req/s`,
    `p50 ${String(figures.p50).padStart(3)} ms`,
    `p99 ${String(figures.p99).padStart(3)} ms`,
    `${figures.requests.toLocaleString('en-US').padStart(9)} requests`,
    figures.errors + figures.non2xx > 0 ? `(${figures.errors} errors, ${figures.non2xx} non-2xx)` : '',
    extra,
  ]
    .filter(Boolean)
    .join('  ');
}

export function ratio(subject: LoadFigures, baseline: LoadFigures): number {
  return baseline.rps === 0 ? 0 : subject.rps / baseline.rps;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
