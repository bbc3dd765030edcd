import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrivalFilter, parseSegment, parseSequence } from '../../../checks/load/execution-segment.ts';
import { arrivalSlots, arrivalsUntil, plannedArrivals, rateAt, segmentSlots } from './arrival-schedule.ts';
import { scaleDurations, PROFILES, type LoadProfile } from './profiles.ts';

const smoke = PROFILES[0];

test('the rate ramps linearly from startRate through each stage, like k6 ramping-arrival-rate', () => {
  assert.equal(rateAt(smoke, 0), 2);
  assert.equal(rateAt(smoke, 2.5), 6);
  assert.equal(rateAt(smoke, 5), 10);
  assert.equal(rateAt(smoke, 14.9), 10);
  assert.equal(rateAt(smoke, 15), 0);
});

test('arrivals are the integral of the rate: smoke plans 5 × (2 + 10) / 2 + 10 × 10 = 130', () => {
  assert.equal(arrivalsUntil(smoke, 5), 30);
  assert.equal(arrivalsUntil(smoke, 15), 130);
  assert.equal(arrivalsUntil(smoke, 99), 130);
  assert.equal(plannedArrivals(smoke), 130);
});

test('slots number the planned arrivals 0, 1, 2 … in time order, for every scenario and a scaled one', () => {
  for (const s of [...PROFILES, scaleDurations(smoke, 0.2)] as LoadProfile[]) {
    let next = 0;
    let last = -1;
    for (const slot of arrivalSlots(s, 100)) {
      assert.ok(slot.atMs > last && slot.atMs % 100 === 0 && slot.arrivals.length > 0);
      last = slot.atMs;
      for (const arrival of slot.arrivals) assert.equal(arrival, next++, s.name);
    }
    assert.equal(next, plannedArrivals(s), s.name);
  }
});

test("a segment's slots keep each arrival's index in the whole run, so the runners of a sequence share out the whole run's serials", () => {
  const whole = () => arrivalSlots(smoke, 10);
  const sequence = parseSequence('0,1/3,1');
  const parts = ['0:1/3', '1/3:1'].map((text) => [...segmentSlots(whole(), arrivalFilter(parseSegment(text), sequence))]);
  const serials = parts.flatMap((slots) => slots.flatMap((slot) => slot.arrivals));
  assert.equal(serials.length, plannedArrivals(smoke));
  assert.deepEqual([...serials].sort((a, b) => a - b), [...whole()].flatMap((slot) => slot.arrivals));
  // Each arrival leaves in its own slot whichever runner sends it.
  const at = new Map([...whole()].flatMap((slot) => slot.arrivals.map((a) => [a, slot.atMs] as const)));
  for (const slot of parts.flat()) for (const a of slot.arrivals) assert.equal(slot.atMs, at.get(a));
});

test('a constant 10/s in 100 ms slots releases one arrival per slot', () => {
  const steady: LoadProfile = { ...smoke, startRate: 10, stages: [{ durationS: 2, target: 10 }] };
  const slots = [...arrivalSlots(steady, 100)];
  assert.equal(slots.length, 20);
  assert.ok(slots.every((s) => s.arrivals.length === 1 && s.rate === 10));
});

test('a ramp releases more per slot as the rate rises', () => {
  const ramp: LoadProfile = { ...smoke, startRate: 0, stages: [{ durationS: 10, target: 100 }] };
  const slots = [...arrivalSlots(ramp, 1000)];
  assert.deepEqual(slots.map((s) => s.arrivals.length), [5, 15, 25, 35, 45, 55, 65, 75, 85, 95]);
});
