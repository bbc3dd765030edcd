import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrivalFilter, coverage, isWhole, parseSegment, parseSequence, segmentText, WHOLE_RUN } from './execution-segment.ts';

test("k6's segment and sequence syntax, exact fractions, and clear refusals", () => {
  assert.equal(segmentText(parseSegment('0:1/2')), '0:1/2');
  assert.equal(segmentText(parseSegment('1/2')), '0:1/2');
  assert.equal(segmentText(parseSegment('0.25:0.5')), '1/4:1/2');
  assert.equal(segmentText(parseSegment('2/4:1')), '1/2:1');
  for (const bad of ['1/2:1/4', '1:1', '0:3/2', 'a:b', '0:1:2', '0:1/0']) assert.throws(() => parseSegment(bad), /--execution-segment/, bad);
  assert.deepEqual(parseSequence('0,1/4,1/2,1').length, 4);
  for (const bad of ['0,1/2', '1/4,1', '0,1/2,1/4,1', '0']) assert.throws(() => parseSequence(bad), /--execution-segment-sequence/, bad);
});

test('the runners of one sequence take every arrival exactly once, each its exact share', () => {
  for (const text of ['0,1', '0,1/2,1', '0,1/4,1/2,3/4,1', '0,1/3,1/2,1', '0,1/10,7/10,1']) {
    const sequence = parseSequence(text);
    const runners = sequence.slice(1).map((to, i) => arrivalFilter({ from: sequence[i], to }, sequence));
    const counts = runners.map(() => 0);
    for (let arrival = 0; arrival < 600; arrival++) {
      const takers = runners.map((take, i) => (take(arrival) ? i : -1)).filter((i) => i >= 0);
      assert.equal(takers.length, 1, `${text}: arrival ${arrival} taken by ${takers.length}`);
      counts[takers[0]]++;
    }
    sequence.slice(1).forEach((to, i) => {
      const share = to.n / to.d - sequence[i].n / sequence[i].d;
      assert.equal(counts[i], Math.round(600 * share), `${text}: runner ${i}`);
    });
  }
  assert.throws(() => arrivalFilter(parseSegment('0:1/3'), parseSequence('0,1/2,1')), /not a segment of the sequence/);
  assert.equal(arrivalFilter(WHOLE_RUN)(7), true);
});

test('coverage: the share of a set of segments, and the overlap that makes them no one run', () => {
  const halves = coverage([parseSegment('1/2:1'), parseSegment('0:1/2')]);
  assert.ok(isWhole(halves.share));
  assert.equal(halves.overlap, undefined);
  assert.deepEqual(coverage([parseSegment('0:1/4'), parseSegment('1/2:3/4')]).share, { n: 1, d: 2 });
  assert.match(coverage([parseSegment('0:1/2'), parseSegment('1/4:3/4')]).overlap ?? '', /0:1\/2 and 1\/4:3\/4 overlap/);
});
