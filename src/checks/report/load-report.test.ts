import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAY_CHECKS } from '../../runners/load/request/pay-answer-checks.ts';
import { PROFILES } from '../../runners/load/profiles/profiles.ts';
import { evaluateThresholds, profileRules, thresholdRules } from '../load/thresholds.ts';
import { renderJUnit, xmlEscape } from './load-junit.ts';
import { distributionOf, metricStatsOf, percentile, type LoadSummary } from './load-summary.ts';
import { NO_CODE, outcomeOf, outcomeTotals } from '../load/outcomes.ts';
import { renderTextSummary } from './load-text.ts';

test('codes fall into outcome classes; 5002 is rate limiting, apart from rejections', () => {
  assert.equal(outcomeOf(1000), 'paid');
  assert.equal(outcomeOf(1002), 'pending');
  assert.equal(outcomeOf(1001), 'declined');
  assert.equal(outcomeOf(5002), 'rateLimited');
  assert.equal(outcomeOf(3004), 'rejected');
  assert.equal(outcomeOf(5001), 'rejected');
  assert.equal(outcomeOf(1999), 'unknownCode');
  assert.equal(outcomeOf(undefined), 'noCode');
  assert.deepEqual(outcomeTotals({ '1000': 5, '5002': 2, '3004': 1, '3001': 1, [NO_CODE]: 3 }), {
    paid: 5, pending: 0, declined: 0, rateLimited: 2, rejected: 2, unknownCode: 0, noCode: 3,
  });
});

test('percentiles interpolate between ranks', () => {
  const sorted = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(percentile(sorted, 0.5), 5.5);
  assert.equal(percentile(sorted, 0), 1);
  assert.equal(percentile(sorted, 1), 10);
  assert.deepEqual(distributionOf(Float64Array.from([4])), { mean: 4, p50: 4, p90: 4, p95: 4, p99: 4, max: 4 });
  assert.equal(distributionOf(new Float64Array(0)), undefined);
});

function summary(p95: number): LoadSummary {
  const base = {
    requests: { planned: 10, sent: 10, answered: 10, dropped: 0 },
    latencyMs: { mean: p95 / 2, p50: p95 / 2, p90: p95, p95, p99: p95, max: p95 },
    failedRequests: { count: 0, rate: 0 },
    nonSuccessShare: 0.1,
    checks: { passes: 40, fails: 0, rate: 1, byName: Object.fromEntries(PAY_CHECKS.map((n) => [n, { passes: 10, fails: 0 }])) },
  };
  const thresholds = evaluateThresholds(thresholdRules(PROFILES[0].thresholds), metricStatsOf(base));
  return {
    ...base,
    tool: 'paycheck-load',
    scenario: 'smoke',
    run: { durationScale: 0.2, stages: [{ durationS: 1, target: 10 }, { durationS: 2, target: 10 }], plannedArrivals: 10 },
    target: 'http://127.0.0.1:1/pay/qrcode',
    startedAt: '2026-11-26T10:00:00.000Z',
    durationS: 3,
    achievedRatePerS: 3.3,
    codes: { '1000': 9, '5002': 1 },
    outcomes: outcomeTotals({ '1000': 9, '5002': 1 }),
    thresholds,
    passed: thresholds.every((t) => t.ok),
  };
}

test('the text summary shows codes, outcomes and names every failed threshold with its value', () => {
  const text = renderTextSummary(summary(600));
  assert.match(text, /1000 ×9 {2}5002 ×1/);
  assert.match(text, /rate-limited \(5002\) 1/);
  assert.match(text, /✗ http_req_duration p\(95\)<250 +600\.0 ms/);
  assert.match(text, /✗ pay_non_success rate<0\.01 +10\.00%/);
  assert.match(text, /FAIL: thresholds failed: http_req_duration p\(95\)<250; http_req_duration p\(99\)<500; pay_non_success rate<0\.01$/);
});

test('the requests without a code are listed by cause, an HTTP error under its status, alike in the text and in JUnit', () => {
  const codes = { '1000': 1, [NO_CODE]: 19 };
  const s = { ...summary(100), codes, outcomes: outcomeTotals(codes), noCodeCauses: { notJson: 1, http503: 12, timeout: 2, http500: 4 } };
  const line = /no code 19 \(timeout ×2 · HTTP 500 ×4 · HTTP 503 ×12 · not JSON ×1\)/;
  assert.match(renderTextSummary(s), line);
  assert.match(renderJUnit(s), line);
});

test('JUnit has one test case per threshold, failures carry the actual value, text is escaped', () => {
  const xml = renderJUnit(summary(600));
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="paycheck load" tests="5" failures="3"/);
  assert.equal((xml.match(/<testcase /g) ?? []).length, 5);
  assert.match(xml, /name="http_req_duration p\(95\)&lt;250" time="0">\n {6}<failure type="threshold" message="http_req_duration p\(95\)&lt;250 failed: actual 600\.0 ms"\/>/);
  assert.match(xml, /<system-out>profile smoke →/);
  assert.equal(xmlEscape('a<b & "c"\u0001'), 'a&lt;b &amp; &quot;c&quot;');
});

test('a checkout summary: per-call statistics for the thresholds, each call and the orders in the text', () => {
  const latency = (p95: number) => ({ mean: 1, p50: 1, p90: p95, p95, p99: p95 + 1, max: p95 + 2 });
  const base = {
    requests: { planned: 10, sent: 14, answered: 14, dropped: 0 },
    latencyMs: latency(5),
    failedRequests: { count: 0, rate: 0 },
    nonSuccessShare: 0.2,
    checks: { passes: 56, fails: 0, rate: 1, byName: {} },
    endpoints: {
      pay: { sent: 10, answered: 10, failedRequests: { count: 0, rate: 0 }, latencyMs: latency(300), codes: { '1000': 8, '1002': 1, '5001': 1 } },
      get: { sent: 3, answered: 3, failedRequests: { count: 0, rate: 0 }, latencyMs: latency(4), codes: { '1000': 3 } },
      cancel: { sent: 1, answered: 1, failedRequests: { count: 0, rate: 0 }, latencyMs: latency(6), codes: { '1000': 1 } },
    },
    orders: {
      started: 10,
      finished: 10,
      outcomes: { paid: 9, failed: 0, closed: 0, cancelled: 1, refunded: 0, refused: 0, absent: 0, unknown: 0 },
      unsettled: { count: 0, rate: 0 },
      repaid: 0,
      mix: { SUCCESS: 8, USER_PAYING: 1, UNKNOWN_SLOW: 1 },
    },
  };
  const stats = metricStatsOf(base);
  assert.equal(stats['http_req_duration{endpoint:pay}:p(95)'], 300);
  assert.equal(stats['http_req_duration{endpoint:cancel}:p(99)'], 7);
  assert.equal(stats['http_req_failed{endpoint:get}:rate'], 0);
  assert.equal(stats['checkout_repaid:count'], 0);
  const thresholds = evaluateThresholds(profileRules(PROFILES[5]), stats);
  const text = renderTextSummary({ ...base, tool: 'paycheck-load', scenario: 'checkout', run: { durationScale: 0.05, stages: [{ durationS: 3, target: 20 }], plannedArrivals: 10, timeScale: 0.05 }, target: 'http://127.0.0.1:1/pay/qrcode', startedAt: '2026-11-26T10:00:00.000Z', durationS: 3, achievedRatePerS: 4, codes: base.endpoints.pay.codes, outcomes: outcomeTotals(base.endpoints.pay.codes), thresholds, passed: false });
  assert.match(text, /^codes {6}pay: 1000 ×8 {2}1002 ×1 {2}5001 ×1$/m);
  assert.match(text, /^cancel {5}1 sent, 1 answered, 0 failed \(0\.00%\)$/m);
  assert.match(text, /^orders {5}10 started, 10 finished: paid 9 · cancelled 1$/m);
  assert.match(text, /✗ http_req_duration\{endpoint:pay\} p\(95\)<250 +300\.0 ms/);
  assert.match(text, /✓ checkout_repaid count<1 +0$/m);
  assert.match(text, /FAIL: threshold failed: http_req_duration\{endpoint:pay\} p\(95\)<250$/);
});

test('an interrupted run says so, with the share of the plan that ran, in the text and as one JUnit error; the thresholds are still judged', () => {
  const cut: LoadSummary = { ...summary(600), interrupted: { signal: 'SIGINT', arrivals: 4 }, passed: false };
  const text = renderTextSummary(cut);
  assert.match(text, /\nINTERRUPTED by SIGINT, 4 of 10 planned arrivals \(40\.0%\) ran: thresholds failed: http_req_duration p\(95\)<250; http_req_duration p\(99\)<500; pay_non_success rate<0\.01 on that part — not a verdict on the whole run$/);
  assert.doesNotMatch(text, /^(PASS|FAIL)/m);
  const whole = renderTextSummary({ ...summary(100), interrupted: { signal: 'SIGTERM', arrivals: 10 }, passed: false });
  assert.match(whole, /INTERRUPTED by SIGTERM, 10 of 10 planned arrivals \(100\.0%\) ran: threshold failed: pay_non_success rate<0\.01 on that part/);
  const xml = renderJUnit(cut);
  assert.match(xml, /<testsuites name="paycheck load" tests="6" failures="3" errors="1"/);
  assert.match(xml, /<property name="interrupted" value="SIGINT"\/>/);
  assert.match(xml, /name="the whole run" time="0">\n {6}<error type="interrupted" message="interrupted by SIGINT: 4 of 10 planned arrivals \(40\.0%\) ran; the thresholds were judged on that part only"\/>/);
  assert.match(renderJUnit(summary(100)), /tests="5" failures="1" errors="0"/);
});
