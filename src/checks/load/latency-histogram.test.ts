import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { percentile } from '../report/load-summary.ts';
import { bucketOf, bucketValue, emptyHistogram, histogramDistribution, LAST_BUCKET, mergeHistograms, quantileOf, recordLatency, RELATIVE_ERROR, type LatencyHistogram } from './latency-histogram.ts';

const of = (values: readonly number[]): LatencyHistogram => {
  const h = emptyHistogram();
  for (const v of values) recordLatency(h, v);
  return h;
};
/** A single run's percentile of its exact samples, which a quantile read from the histogram is within RELATIVE_ERROR of. */
const runs = (values: readonly number[], q: number): number => percentile(Float64Array.from(values).sort(), q);
const latency = fc.double({ min: 0.011, max: 60_000, noNaN: true });

test('every value lies in a bucket whose reading is within the stated relative error of it', () => {
  assert.ok(RELATIVE_ERROR < 0.01);
  fc.assert(
    fc.property(latency, (ms) => {
      const read = bucketValue(bucketOf(ms));
      return Math.abs(read - ms) / ms <= RELATIVE_ERROR + 1e-12;
    }),
    { numRuns: 20_000 },
  );
  assert.equal(bucketOf(0), 0);
  assert.equal(bucketOf(-1), 0);
  assert.equal(bucketOf(1e12), LAST_BUCKET);
});

test("each percentile read is within the error of a single run's own, by the same rule", () => {
  fc.assert(
    fc.property(fc.array(latency, { minLength: 1, maxLength: 400 }), fc.constantFrom(0, 0.5, 0.9, 0.95, 0.99, 1), (values, q) => {
      const read = quantileOf(of(values), q) as number;
      const exact = runs(values, q);
      return Math.abs(read - exact) / exact <= RELATIVE_ERROR + 1e-12;
    }),
  );
});

test('merging is exact, associative and commutative, and equals the histogram of all the samples', () => {
  fc.assert(
    fc.property(fc.array(fc.array(latency, { maxLength: 50 }), { minLength: 1, maxLength: 5 }), (parts) => {
      const all = of(parts.flat());
      const merged = mergeHistograms(parts.map(of));
      const reversed = mergeHistograms([...parts].reverse().map(of));
      const nested = mergeHistograms([mergeHistograms(parts.slice(0, 1).map(of)), mergeHistograms(parts.slice(1).map(of))]);
      for (const h of [merged, reversed, nested]) {
        assert.deepEqual(h.buckets, all.buckets);
        assert.equal(h.count, all.count);
        assert.equal(h.minMs, all.minMs);
        assert.equal(h.maxMs, all.maxMs);
        assert.ok(Math.abs(h.sumMs - all.sumMs) <= 1e-6 * Math.max(1, all.sumMs));
      }
    }),
  );
});

test('empty and single-sample histograms, and a summary round trip through JSON', () => {
  assert.equal(quantileOf(emptyHistogram(), 0.5), undefined);
  assert.equal(histogramDistribution(emptyHistogram()), undefined);
  assert.deepEqual(mergeHistograms([emptyHistogram(), of([5])]), of([5]));
  const one = histogramDistribution(of([12.5]));
  assert.deepEqual(one, { mean: 12.5, p50: 12.5, p90: 12.5, p95: 12.5, p99: 12.5, max: 12.5 }, 'clamped to the one sample seen');
  const h = of([1, 2, 3, 400]);
  assert.deepEqual(JSON.parse(JSON.stringify(h)), h);
  assert.throws(() => mergeHistograms([{ ...h, scheme: 'other' as never }]), /scheme/);
});

test('fewer than 100 samples with one outlier: the p99 is interpolated below it, as the run reads it, not the outlier itself', () => {
  const values = [...Array.from({ length: 60 }, (_, i) => 200 + ((i * 37) % 200)), 623.1];
  const sorted = Float64Array.from(values).sort();
  const read = quantileOf(of(values), 0.99) as number;
  assert.ok(read < 500, `p99 ${read}`);
  assert.ok(Math.abs(read - percentile(sorted, 0.99)) / percentile(sorted, 0.99) <= RELATIVE_ERROR);
  assert.equal(quantileOf(of(values), 1), 623.1);
  assert.equal(quantileOf(of(values), 0), sorted[0]);
});
