/**
 * Latencies in fixed logarithmic buckets, so that the summaries of runners that each sent a share
 * of one run add up exactly (percentiles cannot be averaged; bucket counts can be summed). Bucket
 * `i ≥ 1` holds the values in (MIN·γ^(i−1), MIN·γ^i] with γ = 1.02, bucket 0 everything up to MIN
 * (0.01 ms), the last everything above. A sample is read as its bucket's point
 * 2·MIN·γ^i/(γ+1), which is within (γ−1)/(γ+1) < 1 % of every value in it; percentiles follow the
 * single run's rule on those readings (quantile.ts), so every percentile read from a histogram —
 * one runner's or a merge's — is within 1 % of the one the run reads from its exact samples.
 * (The log-bucket scheme of DDSketch; HDR histograms are its log-linear cousin.) Runtime-neutral:
 * the k6 scripts keep one counter per bucket and build the same histogram in handleSummary.
 */

import { quantileAt } from './quantile.ts';

const HISTOGRAM_SCHEME = 'log-1.02-0.01ms' as const;
const GAMMA = 1.02;
const MIN_MS = 0.01;
const LOG_GAMMA = Math.log(GAMMA);
/** Bucket of the largest value told apart: above ~10 minutes everything is one bucket. */
export const LAST_BUCKET = Math.ceil(Math.log(600_000 / MIN_MS) / LOG_GAMMA);
/** Every quantile read is within this of the samples at its rank. */
export const RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);

/** One histogram as a summary's JSON holds it: bucket index → count, only the non-empty ones. */
export interface LatencyHistogram {
  scheme: typeof HISTOGRAM_SCHEME;
  count: number;
  /** For the mean, which buckets cannot give exactly. */
  sumMs: number;
  /** 0 while empty. */
  minMs: number;
  maxMs: number;
  buckets: Record<string, number>;
}

export function bucketOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  return Math.min(LAST_BUCKET, Math.ceil(Math.log(ms / MIN_MS) / LOG_GAMMA - 1e-9));
}

/** The value a bucket's samples are read as. */
export function bucketValue(index: number): number {
  return index === 0 ? MIN_MS : (2 * MIN_MS * GAMMA ** index) / (GAMMA + 1);
}

export function emptyHistogram(): LatencyHistogram {
  return { scheme: HISTOGRAM_SCHEME, count: 0, sumMs: 0, minMs: 0, maxMs: 0, buckets: {} };
}

export function recordLatency(h: LatencyHistogram, ms: number): void {
  const key = String(bucketOf(ms));
  h.buckets[key] = (h.buckets[key] ?? 0) + 1;
  if (h.count === 0 || ms < h.minMs) h.minMs = ms;
  h.count++;
  h.sumMs += ms;
  if (ms > h.maxMs) h.maxMs = ms;
}

/** The sum of histograms: exact, associative and commutative. */
export function mergeHistograms(parts: readonly LatencyHistogram[]): LatencyHistogram {
  const out = emptyHistogram();
  for (const part of parts) {
    if (part.scheme !== HISTOGRAM_SCHEME) throw new RangeError(`a histogram of scheme ${String(part.scheme)} cannot be merged with ${HISTOGRAM_SCHEME}`);
    if (part.count === 0) continue;
    out.minMs = out.count === 0 ? part.minMs : Math.min(out.minMs, part.minMs);
    out.count += part.count;
    out.sumMs += part.sumMs;
    out.maxMs = Math.max(out.maxMs, part.maxMs);
    for (const [key, n] of Object.entries(part.buckets)) out.buckets[key] = (out.buckets[key] ?? 0) + n;
  }
  return out;
}

/**
 * The value at quantile `q` (0 ≤ q ≤ 1) by the same rule as a single run's exact samples
 * (quantile.ts): the samples of the two closest ranks, each read as its bucket's value clamped to
 * the smallest and largest sample seen — and the smallest and largest as themselves. Each is within
 * RELATIVE_ERROR of the sample it stands for, so their interpolation is within it of the run's.
 */
export function quantileOf(h: LatencyHistogram, q: number): number | undefined {
  if (h.count === 0) return undefined;
  const indices = Object.keys(h.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  const sampleAt = (rank: number): number => {
    if (rank === 0) return h.minMs;
    if (rank === h.count - 1) return h.maxMs;
    let seen = 0;
    for (const index of indices) {
      seen += h.buckets[String(index)];
      if (seen > rank) return Math.min(h.maxMs, Math.max(h.minMs, bucketValue(index)));
    }
    return h.maxMs;
  };
  return quantileAt(h.count, q, sampleAt);
}

/** A histogram of bare bucket counts (a second of a run): its extremes are read from its buckets too. */
export function histogramOfBuckets(buckets: Record<string, number>): LatencyHistogram {
  const indices = Object.keys(buckets).map(Number);
  const count = Object.values(buckets).reduce((a, b) => a + b, 0);
  if (count === 0) return emptyHistogram();
  return { ...emptyHistogram(), count, buckets, minMs: bucketValue(Math.min(...indices)), maxMs: bucketValue(Math.max(...indices)) };
}

/** A summary's latency figures from a histogram. */
export function histogramDistribution(h: LatencyHistogram): { mean: number; p50: number; p90: number; p95: number; p99: number; max: number } | undefined {
  if (h.count === 0) return undefined;
  const q = (p: number) => quantileOf(h, p) as number;
  return { mean: h.sumMs / h.count, p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99), max: h.maxMs };
}
