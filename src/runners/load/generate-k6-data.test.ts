import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { channelOfPayCode } from '../../kernel/channel.ts';
import { DEFAULT_DATA_COUNT, DEFAULT_DATA_SEED, K6_DATA_FILE, orderDataFile } from './generate-k6-data.ts';
import { parseOrderDataFile } from './request/pay-order-data.ts';

test('the committed k6 data file is what npm run load:data writes from the factories (regenerate it if this fails)', () => {
  const committed = parseOrderDataFile(readFileSync(K6_DATA_FILE, 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(orderDataFile(DEFAULT_DATA_SEED, DEFAULT_DATA_COUNT))));
  assert.equal(committed.records.length, DEFAULT_DATA_COUNT);
  for (const r of committed.records) assert.ok(channelOfPayCode(r.pay_code), r.pay_code);
  assert.ok(committed.records.some((r) => r.goods_list && r.goods_list.length >= 2), 'multi-item orders are in the mix');
});

test('a data file that is not one is refused with a plain message', () => {
  assert.throws(() => parseOrderDataFile('nope'), /not JSON/);
  assert.throws(() => parseOrderDataFile('{}'), /format must be paycheck-load-orders\/1/);
  const good = orderDataFile(1, 2);
  assert.throws(() => parseOrderDataFile(JSON.stringify({ ...good, records: [] })), /no records/);
  assert.throws(() => parseOrderDataFile(JSON.stringify({ ...good, records: [{ pay_code: 'x', total_amount: '1' }] })), /pay_code/);
  assert.throws(() => parseOrderDataFile(JSON.stringify({ ...good, demoApp: undefined })), /demoApp/);
});
