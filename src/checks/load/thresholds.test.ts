import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileByName, PROFILES } from '../../runners/load/profiles/profiles.ts';
import { evaluateThresholds, profileRules, thresholdRules } from './thresholds.ts';

const rules = thresholdRules(PROFILES[0].thresholds);

test('rules are named in k6 syntax after their metric', () => {
  assert.deepEqual(rules.map((r) => r.name), [
    'http_req_duration p(95)<250',
    'http_req_duration p(99)<500',
    'http_req_failed rate<0.01',
    'pay_non_success rate<0.01',
    'checks rate>0.99',
  ]);
  assert.ok(rules.every((r) => !r.abortOnFail));
  const stress = thresholdRules(PROFILES[2].thresholds);
  assert.deepEqual(stress.filter((r) => r.abortOnFail).map((r) => [r.name, r.abortDelayS]), [['http_req_failed rate<0.05', 30]]);
});

test('a rule passes strictly inside its limit, fails on or beyond it, and fails with no data', () => {
  const good = evaluateThresholds(rules, {
    'http_req_duration:p(95)': 249.9,
    'http_req_duration:p(99)': 10,
    'http_req_failed:rate': 0,
    'pay_non_success:rate': 0.0099,
    'checks:rate': 1,
  });
  assert.ok(good.every((r) => r.ok), JSON.stringify(good));
  const bad = evaluateThresholds(rules, { 'http_req_duration:p(95)': 250, 'http_req_failed:rate': 0.5, 'checks:rate': 0.99 });
  assert.deepEqual(bad.filter((r) => !r.ok).map((r) => r.name), rules.map((r) => r.name));
  assert.equal(bad[1].actual, undefined);
});

test('the checkout has latency and failure rules per call, on the endpoint tag, then its outcome rules', () => {
  const checkout = profileByName('checkout');
  assert.ok(checkout);
  const named = profileRules(checkout).map((r) => r.name);
  assert.deepEqual(named, [
    'http_req_duration{endpoint:pay} p(95)<250',
    'http_req_duration{endpoint:pay} p(99)<500',
    'http_req_failed{endpoint:pay} rate<0.01',
    'http_req_duration{endpoint:get} p(95)<200',
    'http_req_duration{endpoint:get} p(99)<400',
    'http_req_failed{endpoint:get} rate<0.01',
    'http_req_duration{endpoint:cancel} p(95)<300',
    'http_req_duration{endpoint:cancel} p(99)<600',
    'http_req_failed{endpoint:cancel} rate<0.01',
    'checkout_unsettled rate<0.01',
    'checkout_repaid count<1',
    'checks rate>0.99',
  ]);
  const rules = profileRules(checkout);
  const results = evaluateThresholds(rules, { 'http_req_duration{endpoint:pay}:p(95)': 300, 'http_req_duration{endpoint:get}:p(95)': 10, 'checkout_repaid:count': 1 });
  assert.deepEqual(results.filter((r) => r.actual !== undefined).map((r) => [r.name, r.ok]), [
    ['http_req_duration{endpoint:pay} p(95)<250', false],
    ['http_req_duration{endpoint:get} p(95)<200', true],
    ['checkout_repaid count<1', false],
  ]);
  assert.deepEqual(profileRules(PROFILES[0]), thresholdRules(PROFILES[0].thresholds));
});
