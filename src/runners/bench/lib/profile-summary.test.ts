import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeProfile } from './profile-summary.ts';
import { formatSpread, spreadOf } from './bench-result.ts';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });

test('a profile is read over the measured window only, idle apart, per request, by module and by function', () => {
  const profile = {
    startTime: 1_000,
    nodes: [
      { id: 1, callFrame: frame('(idle)') },
      { id: 2, callFrame: frame('readJsonBody', 'file:///x/src/engine/request-body.ts') },
      { id: 3, callFrame: frame('writev') },
      { id: 4, callFrame: frame('stringify', 'file:///x/node_modules/fast-json/index.js') },
    ],
    // Samples at 1 010 (start-up: outside), then 2 000 … 2 300 inside, 9 000 outside.
    samples: [2, 2, 3, 1, 4, 2],
    timeDeltas: [10, 990, 100, 100, 100, 6_700],
  };
  const summary = summarizeProfile(profile, 10, { fromUs: 1_500, toUs: 5_000 });
  // Inside: 990 µs of readJsonBody, 100 of writev, 100 idle, 100 of the dependency; over 10 requests.
  assert.equal(summary.totalUsPerRequest, 129);
  assert.equal(summary.busyUsPerRequest, 119);
  assert.deepEqual(
    summary.byModule.map((r) => [r.name.replace(/^.*\/src\//, 'src/'), r.usPerRequest]),
    [
      ['src/engine/request-body.ts', 99],
      ['(writev)', 10],
      ['dependency fast-json', 10],
    ],
  );
  assert.equal(summary.byFunction[0].name.split(' ')[0], 'readJsonBody');
  assert.ok(Math.abs(summary.byFunction.reduce((n, r) => n + r.share, 0) - 1) < 1e-9, 'the busy shares add up to 1');
  assert.throws(() => summarizeProfile(profile, 10, { fromUs: 20_000, toUs: 30_000 }), /no samples inside the measured run/);
});

test('a spread is the median and the range of the rounds, printed as median (min–max)', () => {
  const spread = spreadOf([0.8, 0.9, 0.7]);
  assert.deepEqual(spread, { median: 0.8, min: 0.7, max: 0.9, rounds: [0.8, 0.9, 0.7] });
  assert.equal(formatSpread(spread), '0.80 (0.70–0.90)');
  assert.equal(spreadOf([1, 4, 2, 3]).median, 2.5, 'an even count: the mean of the middle two');
  assert.equal(formatSpread(spreadOf([5])), '5.00 (5.00–5.00)');
});
