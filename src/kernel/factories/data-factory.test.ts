import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDataFactory } from './data-factory.ts';
import { isValidEan13, ean13CheckDigit } from './barcode.ts';
import { channelOfPayCode } from '../channel.ts';
import { parseAmount } from '../money/money.ts';
import { nodeSigner } from '../../adapters/node/node-digests.ts';
import { DEMO_APP } from '../settings.ts';
import { loadSpec } from '../../adapters/node/spec-file.ts';
import { compileSchemas } from '../spec/schemas.ts';
import { seedFrom } from './random-source.ts';
import { CATALOGUE } from './catalogue.ts';

const options = { seed: 7, app: DEMO_APP, encoding: 'base64' as const, signer: nodeSigner };
const validRequest = compileSchemas(loadSpec()).validator('PayRequest');

test('EAN-13 check digit follows the 1,3 weighting; the seed barcodes fail it (D-20)', () => {
  assert.equal(ean13CheckDigit('690123456789'), 2);
  assert.ok(isValidEan13('6901234567892'));
  assert.equal(isValidEan13('6983748939221'), false);
  assert.equal(isValidEan13('6987483920018'), false);
});

test('requests are schema-valid, signed, and their total is the sum of the goods', () => {
  const factory = createDataFactory(options);
  for (let i = 0; i < 50; i++) {
    const request = factory.signedRequest();
    assert.ok(validRequest(request), JSON.stringify(validRequest.errors));
    assert.ok(nodeSigner.verify(request, { secret: DEMO_APP.secret, encoding: 'base64' }));
    const total = parseAmount(request.total_amount);
    assert.ok(total.ok);
    let sum = 0;
    for (const g of request.goods_list ?? []) {
      const price = parseAmount(g.price ?? 0);
      assert.ok(price.ok);
      assert.ok(isValidEan13(g.barcode ?? ''), g.barcode);
      assert.match(g.barcode ?? '', /^(68[01]|69\d)/);
      sum += price.fen * (g.num ?? 0);
    }
    if (total.ok) assert.equal(sum, total.fen);
  }
});

test('pay codes belong to the channel asked for', () => {
  const factory = createDataFactory(options);
  for (let i = 0; i < 200; i++) {
    assert.equal(channelOfPayCode(factory.payCode('wechat')), 'wechat');
    assert.equal(channelOfPayCode(factory.payCode('alipay')), 'alipay');
  }
});

test('the same seed gives the same data; order ids never repeat within a factory', () => {
  const a = createDataFactory(options);
  const b = createDataFactory(options);
  assert.deepEqual(a.signedRequest(), b.signedRequest());
  const ids = new Set(Array.from({ length: 1000 }, () => a.orderId()));
  assert.equal(ids.size, 1000);
  assert.notDeepEqual(createDataFactory({ ...options, seed: 8 }).signedRequest(), createDataFactory(options).signedRequest());
});

test('a fixed amount drops the goods', () => {
  const factory = createDataFactory(options);
  const request = factory.signedRequest({ amountFen: 30, channel: 'wechat' });
  assert.equal(request.total_amount, '0.30');
  assert.equal(request.goods_list, undefined);
});

test('the catalogue: a few hundred goods of many brands, each with a GS1 China barcode of its own and a shelf-price range', () => {
  assert.ok(CATALOGUE.length >= 250, String(CATALOGUE.length));
  assert.ok(new Set(CATALOGUE.map((c) => c.brand)).size >= 80);
  assert.ok(new Set(CATALOGUE.map((c) => c.category)).size >= 8);
  assert.equal(new Set(CATALOGUE.map((c) => c.barcode)).size, CATALOGUE.length, 'one barcode per item');
  assert.equal(new Set(CATALOGUE.map((c) => c.title)).size, CATALOGUE.length, 'one title per item');
  for (const item of CATALOGUE) {
    assert.ok(isValidEan13(item.barcode) && /^69\d/.test(item.barcode), `${item.title} ${item.barcode}`);
    assert.match(item.title, /^[\u4e00-\u9fffA-Za-z0-9+π.×层抽包卷片粒支只枚装ml]+$/u, item.title);
    assert.ok(item.title.includes(item.name) && item.title.endsWith(item.size), item.title);
    const [low, high] = item.priceFen;
    assert.ok(Number.isInteger(low) && low > 0 && low <= high && high <= 20_000, `${item.title}: ${low}–${high} fen`);
  }
});

test('goods come from the catalogue at a price in their range; baskets are mostly one to five different goods', () => {
  const factory = createDataFactory(options);
  const byBarcode = new Map(CATALOGUE.map((c) => [c.barcode, c]));
  const sizes: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const { goods, totalFen } = factory.goodsList(factory.basketSize());
    sizes.push(goods.length);
    assert.equal(new Set(goods.map((g) => g.barcode)).size, goods.length, 'a basket holds each item once');
    let sum = 0;
    for (const g of goods) {
      const item = byBarcode.get(g.barcode ?? '');
      assert.ok(item && item.title === g.title);
      const price = parseAmount(g.price ?? 0);
      assert.ok(price.ok && price.fen >= item.priceFen[0] && price.fen <= item.priceFen[1] && price.fen % 10 === 0, `${g.title} ${g.price}`);
      assert.ok((g.num ?? 0) >= 1);
      sum += price.fen * (g.num ?? 0);
    }
    assert.equal(sum, totalFen);
  }
  const share = (test: (n: number) => boolean) => sizes.filter(test).length / sizes.length;
  assert.ok(share((n) => n >= 1 && n <= 5) > 0.8, `1–5 lines: ${share((n) => n <= 5)}`);
  assert.ok(share((n) => n === 1) > share((n) => n === 3), 'one line is the most common basket');
  assert.ok(Math.max(...sizes) <= 20 && share((n) => n > 5) > 0, 'a few long ones');
});

test('store_info comes from a chain: one shop\'s ids, its tills, cashiers and salespeople under the store\'s id', () => {
  const factory = createDataFactory(options);
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const at = factory.store();
    assert.match(at.store_id, /^\d{6}\d{3}$/);
    assert.match(at.name, new RegExp(`^邻家优选便利（${at.city}${at.district}.+店）$`));
    const info = factory.storeInfo(at);
    assert.equal(info.store_id, at.store_id);
    for (const [key, kind] of [['terminal_id', 'T'], ['cashier_id', 'C'], ['waiter1_id', 'W'], ['waiter2_id', 'W']] as const) {
      assert.match(info[key] ?? '', new RegExp(`^${at.store_id}${kind}\\d{2,3}$`), key);
    }
    assert.notEqual(info.waiter1_id, info.waiter2_id);
    seen.add(at.store_id);
  }
  assert.ok(seen.size > 5 && seen.size <= 12, `${seen.size} stores: a chain of a dozen shops, each seen again and again`);
  assert.ok(validRequest(factory.signedRequest()));
});

test('PAY_SEED is read or drawn; junk is refused', () => {
  assert.equal(seedFrom({ PAY_SEED: '123' }), 123);
  assert.ok(Number.isInteger(seedFrom({})));
  assert.throws(() => seedFrom({ PAY_SEED: 'abc' }), /PAY_SEED/);
});
