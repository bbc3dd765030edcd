/**
 * The one percentile rule of every latency figure paycheck reports — a single run's exact samples,
 * a histogram's, a merge's — so that a merged run is judged as the run itself was. It is k6's
 * (a Trend's `p(N)`): the value at rank (n−1)·q, interpolated linearly between the two closest
 * ranks. (Nearest rank, ⌈q·n⌉, made the p99 of fewer than 100 samples their maximum.)
 */

/** `sampleAt(k)`: the k-th smallest sample (0-based) of `count ≥ 1`; `q` in [0, 1]. */
export function quantileAt(count: number, q: number, sampleAt: (rank: number) => number): number {
  const at = (count - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, count - 1);
  const low = sampleAt(lo);
  return hi === lo ? low : low + (sampleAt(hi) - low) * (at - lo);
}
