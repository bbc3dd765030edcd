import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MOCK_LOG_LINES_PER_SECOND } from '../../kernel/settings.ts';
import { createMockLog, type LogMode, type LogFormat } from './mock-log.ts';
import type { MockResponse } from '../../engine/index.ts';

const AT = new Date('2026-12-01T08:00:00.000Z');

function logOf(mode: LogMode, format: LogFormat = 'text') {
  const written: string[] = [];
  let flushed = 0;
  const log = createMockLog({ mode, format, sink: { write: (text) => written.push(text), flush: () => flushed++, end: async () => undefined }, now: () => AT });
  return { log, written, flushed: () => flushed };
}

const answer = (code: number | undefined, status = 200): MockResponse => ({ status, headers: {}, body: '', log: code === undefined ? undefined : { code, scenario: 'SUCCESS', orderId: 'O1', payCode: '134567890123456789' } });
const entry = (code: number | undefined, ms: number, status = 200) => ({ method: 'POST', url: '/pay/qrcode', response: answer(code, status), ms, outcome: 'sent' });

test('auto: a line each for the first requests of a second, then one summary line for all of that second', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { log, written } = logOf('auto');
  const total = MOCK_LOG_LINES_PER_SECOND + 400;
  for (let i = 0; i < total; i++) log.request(entry(i % 100 === 0 ? 3004 : 1000, i < 490 ? 1 : 50));
  assert.equal(written.length, MOCK_LOG_LINES_PER_SECOND, 'past the threshold no more request lines');
  assert.match(written[0], /^2026-12-01T08:00:00\.000Z POST \/pay\/qrcode 200 code=3004 scenario=SUCCESS order_id=O1 pay_code=1345\*+6789 1\.0ms\n$/);
  t.mock.timers.tick(1_000);
  assert.equal(written.length, MOCK_LOG_LINES_PER_SECOND + 1);
  const summary = written.at(-1)!;
  assert.match(summary, new RegExp(`^2026-12-01T08:00:00\\.000Z summary requests=${total} codes=1000:${total - 5},3004:5 p50=1\\.\\d\\dms p99=(49|50|51)\\.\\d\\dms lines=${MOCK_LOG_LINES_PER_SECOND}\\n$`));
  // The next second starts afresh: lines again, and no summary for a second that logged every request.
  log.request(entry(1000, 2));
  t.mock.timers.tick(1_000);
  assert.equal(written.length, MOCK_LOG_LINES_PER_SECOND + 2);
  assert.match(written.at(-1)!, /code=1000 .* 2\.0ms\n$/);
  log.close();
});

test('requests: every request has its line, and no summaries; summary: only the summaries', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const every = logOf('requests');
  for (let i = 0; i < 1_000; i++) every.log.request(entry(1000, 1));
  t.mock.timers.tick(3_000);
  assert.equal(every.written.length, 1_000);
  assert.ok(every.written.every((line) => line.includes(' POST /pay/qrcode 200 code=1000 ')));
  const summaries = logOf('summary');
  for (let i = 0; i < 3; i++) summaries.log.request(entry(1000, 1));
  summaries.log.request(entry(undefined, 1, 404));
  t.mock.timers.tick(1_000);
  assert.deepEqual(summaries.written, [`${AT.toISOString()} summary requests=4 codes=1000:3,http404:1 p50=1.00ms p99=1.00ms lines=0\n`]);
});

test('close writes the second so far and flushes the sink; json writes the same as NDJSON', () => {
  const json = logOf('summary', 'json');
  json.log.request(entry(1000, 2));
  json.log.close();
  assert.equal(json.flushed(), 1);
  assert.equal(json.written.length, 1);
  assert.deepEqual(JSON.parse(json.written[0]), { level: 30, time: AT.toISOString(), requests: 1, lines: 0, codes: { 1000: 1 }, p50_ms: 2, p99_ms: 2, msg: 'summary' });
  const lines = logOf('requests', 'json');
  lines.log.request(entry(1000, 2.26));
  lines.log.close();
  assert.deepEqual(JSON.parse(lines.written[0]), {
    level: 30,
    time: AT.toISOString(),
    method: 'POST',
    url: '/pay/qrcode',
    status: 200,
    code: 1000,
    scenario: 'SUCCESS',
    order_id: 'O1',
    pay_code: '1345**********6789',
    ms: 2.3,
    msg: 'request',
  });
  assert.equal(lines.written.length, 1, 'a second whose every request had its line has no summary');
});
