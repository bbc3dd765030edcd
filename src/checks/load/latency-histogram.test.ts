import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bucketOf, bucketValue, emptyHistogram, histogramDistribution, LAST_BUCKET, mergeHistograms, quantileOf, recordLatency, RELATIVE_ERROR, type LatencyHistogram } from './latency-histogram.ts';

const of = (values: readonly number[]): LatencyHistogram => {
  const h = emptyHistogram();
  for (const v of values) recordLatency(h, v);
  return h;
};
/** The sample of rank ⌈q·n⌉, which a quantile read from the histogram is within RELATIVE_ERROR of. */
const nearestRank = (values: readonly number[], q: number): number => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(q * values.length)) - 1];
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

test('each percentile read is within the error of the sample at its rank', () => {
  fc.assert(
    fc.property(fc.array(latency, { minLength: 1, maxLength: 400 }), fc.constantFrom(0.5, 0.9, 0.95, 0.99, 1), (values, q) => {
      const read = quantileOf(of(values), q) as number;
      const exact = nearestRank(values, q);
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
