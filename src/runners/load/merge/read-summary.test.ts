import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PaycheckError } from '../../../kernel/errors.ts';
import { mergeSummaries } from './merge-summaries.ts';
import { readSummary } from './read-summary.ts';
import { runnerSummary } from './runner-summary-fixture.ts';

/** A runner's summary as it reaches the merge: JSON text from another machine, parsed. */
const written = (): Record<string, unknown> => JSON.parse(JSON.stringify(runnerSummary(Array.from({ length: 40 }, (_, i) => 20 + i), '0:1/2'))) as Record<string, unknown>;

/** Stands for a field taken out. */
const REMOVED = Symbol('removed');

/** A good summary with the field at `path` (dotted) set to `value`, or removed. */
function edited(path: string, value: unknown): Record<string, unknown> {
  const s = written();
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<Record<string, unknown>>((at, key) => at[key] as Record<string, unknown>, s);
  if (value === REMOVED) delete parent[last];
  else parent[last] = value;
  return s;
}

function refusal(s: Record<string, unknown>): string {
  try {
    mergeSummaries([{ name: 'runner-1.json', summary: readSummary(s, 'runner-1.json') }]);
  } catch (error) {
    assert.ok(error instanceof PaycheckError, String(error));
    assert.equal(error.code, 'PAYCHECK_INPUT_NOT_SUMMARY');
    return error.message;
  }
  return assert.fail('accepted');
}

test('a summary the executor wrote reads back whole', () => {
  const s = written();
  assert.deepEqual(readSummary(s, 'runner-1.json'), s);
});

test('a summary whose contents are not a run is refused naming the file and the field, never added up', () => {
  const cases: [string, string, unknown, RegExp][] = [
    ['a bucket count as a string', 'histograms.pay.buckets.300', '5', /^runner-1\.json is not a load summary: histograms\.pay\.buckets\.300 must be integer/],
    ['a negative count', 'requests.sent', -5, /requests\.sent must be >= 0/],
    ['a fractional count', 'codes.1000', 1.5, /codes\.1000 must be integer/],
    ['absurd code counts', 'codes.1000', 1e12, /codes add up to 1000000000000, not the 40 pay calls sent \(requests\.sent\)/],
    ['a count its buckets do not hold', 'histograms.pay.count', 43, /histograms\.pay\.count is 43 but its buckets hold 40/],
    ['a bucket index that is none', 'histograms.pay.buckets.-1', 1, /histograms\.pay\.buckets property name must be valid/],
    ['no buckets', 'histograms.pay.buckets', REMOVED, /no histograms\.pay\.buckets/],
    ['null buckets', 'histograms.pay.buckets', null, /histograms\.pay\.buckets must be object/],
    ['no pay histogram', 'histograms.pay', REMOVED, /runner-1\.json has no latency histogram of the pay call \(histograms\.pay\)/],
    ['a null pay histogram', 'histograms.pay', null, /histograms\.pay must be object/],
    ['no requests', 'requests', REMOVED, /no requests/],
    ['null requests', 'requests', null, /requests must be object/],
    ['null checks', 'checks', null, /checks must be object/],
    ['another histogram scheme', 'histograms.pay.scheme', 'log-1.05-1ms', /histograms\.pay\.scheme must be equal to constant/],
    ['a share above 1', 'failedRequests.rate', 2, /failedRequests\.rate must be <= 1/],
    ['more answered than sent', 'requests.answered', 41, /requests\.answered 41 is above requests\.sent 40/],
    ['not a time', 'startedAt', 'yesterday', /startedAt "yesterday" is not a time/],
    ['a field no writer writes', 'extra', 1, /unknown field extra/],
    ['no tool', 'tool', REMOVED, /no tool/],
  ];
  for (const [what, path, value, message] of cases) assert.match(refusal(edited(path, value)), message, what);
});

test('a failing run does not pass by a count written as text', () => {
  const slow = JSON.parse(JSON.stringify(runnerSummary([...Array.from({ length: 40 }, () => 20), ...Array.from({ length: 10 }, () => 900)]))) as { passed: boolean; histograms: { pay: { buckets: Record<string, unknown> } } };
  assert.equal(slow.passed, false);
  slow.histograms.pay.buckets['300'] = '5';
  assert.throws(() => readSummary(slow, 'slow.json'), /histograms\.pay\.buckets\.300 must be integer/);
});
