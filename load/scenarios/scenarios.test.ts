import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { k6Options } from '../k6/lib/k6-options.ts';
import { scaleDurations, scenarioByName, SCENARIOS, SCENARIO_NAMES, totalDurationS } from './scenarios.ts';
import { thresholdRules } from './thresholds.ts';

test('the five scenarios exist, once each', () => {
  assert.deepEqual([...SCENARIO_NAMES], ['smoke', 'load', 'stress', 'spike', 'soak']);
  assert.equal(scenarioByName('stress')?.name, 'stress');
  assert.equal(scenarioByName('STRESS'), undefined);
});

for (const s of SCENARIOS) {
  test(`scenario ${s.name} is a well-formed open model with sane thresholds`, () => {
    assert.ok(s.startRate >= 0);
    assert.ok(s.stages.length > 0);
    for (const stage of s.stages) assert.ok(stage.durationS > 0 && stage.target >= 0, JSON.stringify(stage));
    assert.ok(s.preAllocatedVUs >= 1 && s.maxVUs >= s.preAllocatedVUs);
    const t = s.thresholds;
    assert.ok(t.p95Ms > 0 && t.p99Ms > t.p95Ms);
    for (const rate of [t.failedRate, t.nonSuccessShare, t.checksRate]) assert.ok(rate > 0 && rate < 1);
  });
}

test('smoke stays well under a minute, so CI can run it on every change', () => {
  assert.ok(totalDurationS(SCENARIOS[0]) <= 20);
});

test('scaleDurations stretches or shrinks stages and keeps rates; a scale of 0 or less is refused', () => {
  const smoke = SCENARIOS[0];
  const quick = scaleDurations(smoke, 0.2);
  assert.equal(totalDurationS(quick), totalDurationS(smoke) * 0.2);
  assert.deepEqual(quick.stages.map((s) => s.target), smoke.stages.map((s) => s.target));
  assert.throws(() => scaleDurations(smoke, 0), RangeError);
  assert.throws(() => scaleDurations(smoke, Number.NaN), RangeError);
});

test('k6 options carry the same stages and thresholds as the data', () => {
  const stress = scenarioByName('stress');
  assert.ok(stress);
  const options = k6Options(stress, thresholdRules(stress.thresholds));
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
  const docs = readFileSync(new URL('../../docs/load.md', import.meta.url), 'utf8');
  for (const s of SCENARIOS) {
    const row = docs.split('\n').find((line) => line.startsWith(`| \`${s.name}\` |`));
    assert.ok(row, `a row for ${s.name}`);
    const stages = s.stages.map((st) => `${st.durationS} s → ${st.target}`).join(', ');
    assert.ok(row.includes(`| ${stages} | ${s.startRate} | ${s.preAllocatedVUs} / ${s.maxVUs} |`), `${s.name} stages: ${row}`);
    assert.ok(row.includes(`< ${s.thresholds.p95Ms} ms | < ${s.thresholds.p99Ms} ms |`), `${s.name} latency: ${row}`);
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    assert.ok(row.includes(`< ${pct(s.thresholds.failedRate)}`) && row.includes(`< ${pct(s.thresholds.nonSuccessShare)} |`) && row.includes(`> ${pct(s.thresholds.checksRate)} |`), `${s.name} rates: ${row}`);
  }
});
