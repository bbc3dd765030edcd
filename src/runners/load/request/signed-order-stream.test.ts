import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelOfPayCode } from '../../../kernel/channel.ts';
import { DEMO_APP } from '../../../kernel/settings.ts';
import { nodeDigests, nodeSigner } from '../../../adapters/node/node-digests.ts';
import { loadSpec } from '../../../adapters/node/spec-file.ts';
import { compileSchemas } from '../../../kernel/spec/schemas.ts';
import { buildOrderRecords } from './order-pool.ts';
import { createSignedOrderStream, payCodeFor, runOrderIdPrefix } from './signed-order-stream.ts';

const validPayRequest = compileSchemas(loadSpec()).validator('PayRequest');
const records = buildOrderRecords({ seed: 11, count: 16 });
let clock = 0;
const stream = createSignedOrderStream({
  records,
  app: DEMO_APP,
  encoding: 'base64',
  digests: nodeDigests,
  orderIdPrefix: 'LDtest',
  now: () => (clock += 0.002),
});

test('each serial gives a schema-valid, correctly signed order with its own order_id and pay code', () => {
  const ids = new Set<string>();
  const codes = new Set<string>();
  for (let serial = 0; serial < 200; serial++) {
    const order = stream.order(serial);
    const body = JSON.parse(order.body) as Record<string, unknown>;
    assert.ok(validPayRequest(body), JSON.stringify(validPayRequest.errors));
    assert.ok(nodeSigner.verify(body, { secret: DEMO_APP.secret, encoding: 'base64' }));
    assert.equal(body.order_id, order.orderId);
    assert.equal(body.pay_code, order.payCode);
    assert.equal(body.app_id, DEMO_APP.appId);
    assert.equal(body.total_amount, records[serial % records.length].total_amount);
    assert.equal(channelOfPayCode(order.payCode), channelOfPayCode(records[serial % records.length].pay_code));
    assert.ok(order.signMs > 0);
    ids.add(order.orderId);
    codes.add(order.payCode);
  }
  assert.equal(ids.size, 200);
  assert.equal(codes.size, 200);
});

test('order ids stay within 64 characters of the allowed set, even for huge serials', () => {
  const order = stream.order(Number.MAX_SAFE_INTEGER);
  assert.match(order.orderId, /^[0-9A-Za-z_|*-]{1,64}$/);
  const prefix = runOrderIdPrefix(Date.now(), Math.random);
  assert.match(prefix, /^LD[0-9a-z]{12,}$/);
  assert.notEqual(runOrderIdPrefix(1, () => 0.1), runOrderIdPrefix(1, () => 0.2));
});

test('payCodeFor keeps the channel prefix and length and carries the serial in the last ten digits', () => {
  assert.equal(payCodeFor('134567890123456789', 42), '134567890000000042');
  assert.equal(payCodeFor('2512345678901234', 1e10 + 7), '2512340000000007');
});

test('a bad prefix or an empty pool is refused before any load', () => {
  const base = { records, app: DEMO_APP, encoding: 'hex' as const, digests: nodeDigests, now: () => 0 };
  assert.throws(() => createSignedOrderStream({ ...base, orderIdPrefix: 'bad prefix' }), RangeError);
  assert.throws(() => createSignedOrderStream({ ...base, orderIdPrefix: 'x'.repeat(41) }), RangeError);
  assert.throws(() => createSignedOrderStream({ ...base, records: [], orderIdPrefix: 'LD' }), RangeError);
});
