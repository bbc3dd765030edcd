import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPaycheckError } from '../../../kernel/errors.ts';
import { PROFILE_NAMES } from '../profiles/profiles.ts';
import { planRun, type ProfileChoice } from './run-load.ts';

/** The scale a refusal names, or the refusal's own error when it names none. */
function refusedScale(choice: ProfileChoice): number {
  try {
    planRun(choice);
  } catch (error) {
    assert.ok(isPaycheckError(error) && error.code === 'PAYCHECK_BAD_SETTING', String(error));
    const named = / is (\d+(?:\.\d+)?)$/.exec(error.message);
    assert.ok(named, error.message);
    return Number(named[1]);
  }
  assert.fail(`${JSON.stringify(choice)} was planned`);
}

test('a duration scale that plans no request is refused, naming the least scale that plans one (rounded up to two digits)', () => {
  for (const profile of PROFILE_NAMES) {
    const least = refusedScale({ profile, durationScale: 1e-9 });
    assert.ok(planRun({ profile, durationScale: least }).planned >= 1, `${profile} at ${least}`);
    // Two significant digits rounded up are within 11 % of the least scale.
    assert.throws(() => planRun({ profile, durationScale: least / 1.11 }), /plans no request/, profile);
  }
});

test("a segment that gets none of a run's few arrivals is refused, naming the scale that gives it one", () => {
  const choice = { profile: 'smoke', executionSegment: '2/3:1', executionSegmentSequence: '0,1/3,2/3,1' };
  const least = refusedScale({ ...choice, durationScale: 0.01 });
  assert.equal(planRun({ ...choice, durationScale: least }).planned, 1);
  assert.throws(() => planRun({ ...choice, durationScale: least / 1.11 }), /none of them in --execution-segment 2\/3:1/);
});

test('every flag of a run is checked by planRun alone, with no target named', () => {
  assert.throws(() => planRun({ profile: 'nope' }), (e: unknown) => isPaycheckError(e) && e.code === 'PAYCHECK_UNKNOWN_PROFILE');
  assert.throws(() => planRun({ profile: 'smoke', executionSegment: 'abc' }), (e: unknown) => isPaycheckError(e) && e.code === 'PAYCHECK_BAD_SETTING');
  assert.throws(() => planRun({ profile: 'smoke', timeScale: 1 }), (e: unknown) => isPaycheckError(e) && e.code === 'PAYCHECK_USAGE');
  assert.equal(planRun({ profile: 'smoke' }).planned, 130);
});
