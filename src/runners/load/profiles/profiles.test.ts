import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { k6Options } from '../k6/lib/k6-options.ts';
import { mixCycle } from './checkout-mix.ts';
import { scaleDurations, profileByName, PROFILES, PROFILE_NAMES, totalDurationS, type LoadProfile } from './profiles.ts';
import { ENDPOINTS } from '../../../checks/load/thresholds.ts';
import { profileRules } from '../../../checks/load/thresholds.ts';
import { SCENARIO_NAMES as MOCK_SCENARIOS } from '../../../engine/index.ts';

test('the six scenarios exist, once each', () => {
  assert.deepEqual([...PROFILE_NAMES], ['smoke', 'load', 'stress', 'spike', 'soak', 'checkout']);
  assert.equal(profileByName('stress')?.name, 'stress');
  assert.equal(profileByName('STRESS'), undefined);
});

for (const s of PROFILES as readonly LoadProfile[]) {
  test(`scenario ${s.name} is a well-formed open model with sane thresholds`, () => {
    assert.ok(s.startRate >= 0);
    assert.ok(s.stages.length > 0);
    for (const stage of s.stages) assert.ok(stage.durationS > 0 && stage.target >= 0, JSON.stringify(stage));
    assert.ok(s.preAllocatedVUs >= 1 && s.maxVUs >= s.preAllocatedVUs);
    if (s.kind === 'pay') {
      const t = s.thresholds;
      assert.ok(t.p95Ms > 0 && t.p99Ms > t.p95Ms);
      for (const rate of [t.failedRate, t.nonSuccessShare, t.checksRate]) assert.ok(rate > 0 && rate < 1);
      return;
    }
    for (const e of ENDPOINTS) {
      const t = s.thresholds.endpoints[e];
      assert.ok(t.p95Ms > 0 && t.p99Ms > t.p95Ms && t.failedRate > 0 && t.failedRate < 1, e);
    }
    for (const rate of [s.thresholds.unsettledShare, s.thresholds.checksRate]) assert.ok(rate > 0 && rate < 1);
  });
}

test('the checkout mix asks the mock for scenarios it has, mostly paid at once, with every follow-up path in it', () => {
  const checkout = profileByName('checkout');
  assert.ok(checkout?.kind === 'checkout');
  const { mix, timeScale, confirmMs } = checkout.checkout;
  for (const e of mix) assert.ok(MOCK_SCENARIOS.includes(e.scenario), e.scenario);
  const cycle = mixCycle(mix);
  assert.equal(cycle.length, 100);
  assert.ok(cycle.filter((k) => k === 'SUCCESS').length >= 70);
  for (const kind of ['USER_PAYING', 'USER_PAYING_ABANDONED', 'UNKNOWN_SLOW', 'FAILED']) assert.ok(cycle.includes(kind), kind);
  // The customer confirms inside the cashier's 30 s deadline, so the queries find paying orders settled.
  assert.ok(confirmMs < 30_000 && timeScale > 0 && timeScale <= 1);
});

test('smoke stays well under a minute, so CI can run it on every change', () => {
  assert.ok(totalDurationS(PROFILES[0]) <= 20);
});

test('scaleDurations stretches or shrinks stages and keeps rates; a scale of 0 or less is refused', () => {
  const smoke = PROFILES[0];
  const quick = scaleDurations(smoke, 0.2);
  assert.equal(totalDurationS(quick), totalDurationS(smoke) * 0.2);
  assert.deepEqual(quick.stages.map((s) => s.target), smoke.stages.map((s) => s.target));
  assert.throws(() => scaleDurations(smoke, 0), RangeError);
  assert.throws(() => scaleDurations(smoke, Number.NaN), RangeError);
});

test('k6 options carry the same stages and thresholds as the data', () => {
  const stress = profileByName('stress');
  assert.ok(stress);
  const options = k6Options(stress, profileRules(stress));
  const scenario = options.scenarios?.stress;
  assert.ok(scenario && scenario.executor === 'ramping-arrival-rate');
  assert.equal(scenario.startRate, 10);
  assert.equal(scenario.maxVUs, 1000);
  assert.deepEqual(scenario.stages[0], { duration: '60s', target: 100 });
  assert.deepEqual(options.thresholds?.http_req_duration, ['p(95)<1000', 'p(99)<2500']);
  assert.deepEqual(options.thresholds?.http_req_failed, [{ threshold: 'rate<0.05', abortOnFail: true, delayAbortEval: '30s' }]);
  assert.deepEqual(options.thresholds?.checks, ['rate>0.95']);
  assert.ok(options.summaryTrendStats?.includes('p(99)'));
  const scaled = k6Options(scaleDurations(stress, 0.05), []);
  assert.equal(scaled.scenarios?.stress && 'stages' in scaled.scenarios.stress ? scaled.scenarios.stress.stages[0].duration : '', '3s');
});

test('docs/load.md shows every scenario with its stages, VUs and thresholds as defined here', () => {
  const docs = readFileSync(new URL('../../../../docs/load.md', import.meta.url), 'utf8');
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  for (const s of PROFILES as readonly LoadProfile[]) {
    const row = docs.split('\n').find((line) => line.startsWith(`| \`${s.name}\` |`));
    assert.ok(row, `a row for ${s.name}`);
    const stages = s.stages.map((st) => `${st.durationS} s → ${st.target}`).join(', ');
    assert.ok(row.includes(`| ${stages} | ${s.startRate} | ${s.preAllocatedVUs} / ${s.maxVUs} |`), `${s.name} stages: ${row}`);
    if (s.kind === 'pay') {
      assert.ok(row.includes(`< ${s.thresholds.p95Ms} ms | < ${s.thresholds.p99Ms} ms |`), `${s.name} latency: ${row}`);
      assert.ok(row.includes(`< ${pct(s.thresholds.failedRate)}`) && row.includes(`< ${pct(s.thresholds.nonSuccessShare)} |`) && row.includes(`> ${pct(s.thresholds.checksRate)} |`), `${s.name} rates: ${row}`);
      continue;
    }
    // Per call: `pay < 250 · get < 200 · cancel < 300` in the latency columns, the failure limits in the failed column.
    const { endpoints, unsettledShare, checksRate } = s.thresholds;
    const perCall = (pick: (e: (typeof endpoints)['pay']) => string) => ENDPOINTS.map((e) => `${e} ${pick(endpoints[e])}`).join(' · ');
    assert.ok(row.includes(`| ${perCall((t) => `< ${t.p95Ms}`)} ms | ${perCall((t) => `< ${t.p99Ms}`)} ms |`), `${s.name} latency: ${row}`);
    assert.ok(row.includes(`| ${perCall((t) => `< ${pct(t.failedRate)}`)} |`), `${s.name} failed: ${row}`);
    assert.ok(row.includes(`| unsettled < ${pct(unsettledShare)}, paid twice 0 | > ${pct(checksRate)} |`), `${s.name} outcome: ${row}`);
  }
});
