/**
 * The pay request: types, lengths and shapes where the seed's table, its example and the
 * channels disagree (D-6, D-10 … D-12, D-20, D-22, D-24, D-27, D-28, D-38, D-39, D-45 … D-48).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelOfPayCode } from '../../src/kernel/channel.ts';
import { MAX_AMOUNT_FEN, parseAmount } from '../../src/kernel/money/money.ts';
import { isValidEan13 } from '../../src/kernel/factories/barcode.ts';
import { nodeDataFactory } from '../../src/adapters/node/node-data-factory.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { failures, specExample } from './schema-findings.ts';
import { seedRequest } from './seed-examples.ts';

const seed = () => specExample('request', 'seed');
const minimal = () => specExample('request', 'wechatMinimal');
const goodsOf = (request: Record<string, unknown>) => request.goods_list as Record<string, unknown>[];
const withGoods = (patch: Record<string, unknown>) => {
  const request = seed();
  request.goods_list = [{ ...goodsOf(request)[0], ...patch }];
  return request;
};
const factory = () => nodeDataFactory({ seed: 42, app: DEMO_APP, encoding: 'base64' });

test('D-6: `total_amount` is accepted as the table\'s string and as the example\'s number', () => {
  assert.deepEqual(failures('PayRequest', seed()), [], 'the number 11.00');
  assert.deepEqual(failures('PayRequest', { ...seed(), total_amount: '11.00' }), []);
  assert.deepEqual(failures('PayRequest', { ...seed(), total_amount: '11' }), []);
  for (const bad of ['11.001', '0', '0.00', '-1', '1e2', '011', ' 11', 0, -1, true, null]) {
    assert.deepEqual(failures('PayRequest', { ...seed(), total_amount: bad }), ['/total_amount'], String(bad));
  }
});

test('D-6: both forms parse to the same integer fen; more than two decimals or above 1,000,000.00 is refused', () => {
  const fromNumber = parseAmount((seedRequest() as { total_amount: unknown }).total_amount);
  assert.deepEqual(fromNumber, { ok: true, fen: 1100 });
  assert.deepEqual(parseAmount('11.00'), fromNumber);
  assert.deepEqual(parseAmount('1000000.00'), { ok: true, fen: MAX_AMOUNT_FEN });
  for (const bad of [11.001, '11.001', 1e-7, '1000000.01', 1_000_000.01]) assert.equal(parseAmount(bad).ok, false, String(bad));
});

test('D-10: goods `price` (单价签名) is a unit price — a JSON number ≥ 0, not a string or a signature', () => {
  assert.deepEqual(failures('PayRequest', withGoods({ price: 3 })), []);
  assert.deepEqual(failures('PayRequest', withGoods({ price: 0 })), [], 'a free item');
  for (const bad of ['3.00', 'L4XYdVQWe0DROIQBxxtrYKWawTIrXofe', -0.01, 1_000_000.01]) {
    assert.deepEqual(failures('PayRequest', withGoods({ price: bad })), ['/goods_list/0/price'], String(bad));
  }
});

test('D-11: goods `num` ("int, max length 32") is a 32-bit integer from 1 to 2147483647', () => {
  for (const ok of [1, 2, 2_147_483_647]) assert.deepEqual(failures('PayRequest', withGoods({ num: ok })), [], String(ok));
  for (const bad of [0, -1, 2.5, '2', 2_147_483_648, 10 ** 32]) {
    assert.deepEqual(failures('PayRequest', withGoods({ num: bad })), ['/goods_list/0/num'], String(bad));
  }
});

test('D-12: `order_id` is at most 64 characters in the request (paycheck\'s reading, not the table\'s 128); an echo takes up to 128', () => {
  assert.deepEqual(failures('PayRequest', { ...seed(), order_id: 'A'.repeat(64) }), []);
  assert.deepEqual(failures('PayRequest', { ...seed(), order_id: 'A'.repeat(65) }), ['/order_id']);
  assert.deepEqual(failures('PayRequest', { ...seed(), order_id: 'A'.repeat(128) }), ['/order_id']);
  const echo = specExample('response', 'seedSuccess');
  (echo.data as Record<string, unknown>).order_id = 'A'.repeat(128);
  assert.deepEqual(failures('PaySuccess', echo), [], 'a server that reads the request table\'s 128 echoes it (the reading is reported, D-12)');
  (echo.data as Record<string, unknown>).order_id = 'A'.repeat(129);
  assert.deepEqual(failures('PaySuccess', echo), ['/data/order_id']);
});

test('D-12: `order_id` uses the channels\' out-trade-no alphabet [0-9A-Za-z_|*-]', () => {
  assert.deepEqual(failures('PayRequest', { ...seed(), order_id: 'PC_2017-10|21*01' }), []);
  for (const bad of ['订单1', 'a b', 'a.b', 'a/b', '']) assert.deepEqual(failures('PayRequest', { ...seed(), order_id: bad }), ['/order_id'], bad);
});

test('D-20: the seed\'s barcodes fail the EAN-13 check digit; the schema does not enforce it; paycheck\'s own data passes it', () => {
  assert.equal(isValidEan13('6983748939221'), false);
  assert.equal(isValidEan13('6987483920018'), false);
  assert.equal(isValidEan13('6983748939228'), true, 'the check digit the seed should have printed');
  assert.equal(isValidEan13('6987483920015'), true);
  assert.deepEqual(failures('PayRequest', seed()), []);
  const made = factory().signedRequest({ goodsCount: 5 });
  for (const goods of made.goods_list ?? []) assert.ok(isValidEan13(goods.barcode ?? ''), goods.barcode);
});

test('D-22: `store_info` and `goods_list` are optional; an empty goods list is allowed', () => {
  assert.equal('store_info' in minimal() || 'goods_list' in minimal(), false);
  assert.deepEqual(failures('PayRequest', minimal()), []);
  assert.deepEqual(failures('PayRequest', { ...seed(), goods_list: [] }), []);
  assert.deepEqual(failures('PayRequest', { ...seed(), store_info: {} }), []);
});

test('D-24: the seed\'s pay_code is neither channel\'s; the verbatim seed request fails at /pay_code and only there', () => {
  const code = seedRequest().pay_code as string;
  assert.equal(channelOfPayCode(code), undefined);
  assert.deepEqual(failures('PayRequest', seedRequest()), ['/pay_code']);
  assert.equal(channelOfPayCode(seed().pay_code as string), 'alipay', 'the spec example stands in an Alipay code');
});

test('D-24: WeChat codes are 18 digits from 10–15, Alipay codes 16–24 digits from 25–30; anything else is a format error', () => {
  const cases: [string, 'wechat' | 'alipay' | undefined][] = [
    ['10' + '0'.repeat(16), 'wechat'], ['15' + '9'.repeat(16), 'wechat'], ['16' + '0'.repeat(16), undefined],
    ['13' + '0'.repeat(15), undefined], ['13' + '0'.repeat(17), undefined],
    ['25' + '0'.repeat(14), 'alipay'], ['30' + '0'.repeat(22), 'alipay'], ['31' + '0'.repeat(14), undefined],
    ['28' + '0'.repeat(13), undefined], ['28' + '0'.repeat(23), undefined], ['13456789012345678a', undefined],
  ];
  for (const [code, channel] of cases) {
    assert.equal(channelOfPayCode(code), channel, code);
    assert.deepEqual(failures('PayRequest', { ...seed(), pay_code: code }), channel ? [] : ['/pay_code'], code);
  }
});

test('D-27: the seed\'s goods add up to 6.00 against a total of 11.00, and the request is still valid', () => {
  const request = seedRequest();
  let sum = 0;
  for (const goods of goodsOf(request)) {
    const price = parseAmount(goods.price, { allowZero: true });
    assert.ok(price.ok);
    sum += price.fen * (goods.num as number);
  }
  assert.equal(sum, 600);
  assert.deepEqual(parseAmount(request.total_amount), { ok: true, fen: 1100 });
  assert.deepEqual(failures('PayRequest', seed()), []);
});

test('D-28: store_info ids are capped at 64 characters; other keys are unknown fields', () => {
  for (const key of ['store_id', 'cashier_id', 'waiter1_id', 'waiter2_id', 'terminal_id']) {
    assert.deepEqual(failures('PayRequest', { ...seed(), store_info: { [key]: 'S'.repeat(64) } }), [], key);
    assert.deepEqual(failures('PayRequest', { ...seed(), store_info: { [key]: 'S'.repeat(65) } }), [`/store_info/${key}`], key);
  }
  assert.deepEqual(failures('PayRequest', { ...seed(), store_info: { shop_id: 'S1' } }), ['/store_info/shop_id']);
});

test('D-38: `goods_list` (no maximum in the seed) holds at most 200 lines', () => {
  const line = goodsOf(seed())[0];
  assert.deepEqual(failures('PayRequest', { ...seed(), goods_list: Array(200).fill(line) }), []);
  assert.deepEqual(failures('PayRequest', { ...seed(), goods_list: Array(201).fill(line) }), ['/goods_list']);
});

test('D-39: a barcode (国际条码, String 32) is 1–32 digits: EAN-8 and GTIN-14 pass, letters do not', () => {
  for (const ok of ['96385074', '6983748939221', '1'.repeat(14), '1'.repeat(32)]) {
    assert.deepEqual(failures('PayRequest', withGoods({ barcode: ok })), [], ok);
  }
  for (const bad of ['ABC123', '698-374893922', '1'.repeat(33), '', 6983748939221]) {
    assert.deepEqual(failures('PayRequest', withGoods({ barcode: bad })), ['/goods_list/0/barcode'], String(bad));
  }
});

test('D-45: the pay call takes no callback address; `notify_url` is an unknown field', () => {
  assert.deepEqual(failures('PayRequest', { ...minimal(), notify_url: 'http://127.0.0.1:9/notify' }), ['/notify_url']);
});

test('D-46: an unknown field is a format error at every level: request, store_info, goods line', () => {
  assert.deepEqual(failures('PayRequest', { ...minimal(), service_id: 'HUpLsX7XQWFH3iktwFFMmi1GNdKH7Ef3' }), ['/service_id']);
  assert.deepEqual(failures('PayRequest', { ...minimal(), app_sercet: 'paycheck-demo-secret' }), ['/app_sercet']);
  assert.deepEqual(failures('PayRequest', withGoods({ sku: 'X1' })), ['/goods_list/0/sku']);
});

test('D-47: `sign_type` is required on pay/qrcode and is exactly MD5 or RSA', () => {
  const { sign_type: _drop, ...without } = minimal();
  assert.deepEqual(failures('PayRequest', without), ['/sign_type']);
  for (const bad of ['md5', 'HMAC-SHA256', '', 'SHA256withRSA']) {
    assert.deepEqual(failures('PayRequest', { ...minimal(), sign_type: bad }), ['/sign_type'], bad);
  }
  assert.deepEqual(failures('PayRequest', { ...minimal(), sign_type: 'RSA' }), []);
});

test('D-48: the request body is JSON (application/json) — the only media type the spec accepts', () => {
  const post = loadSpec().paths['/pay/qrcode']?.post as { requestBody: { required: boolean; content: Record<string, unknown> } };
  assert.equal(post.requestBody.required, true);
  assert.deepEqual(Object.keys(post.requestBody.content), ['application/json']);
});
