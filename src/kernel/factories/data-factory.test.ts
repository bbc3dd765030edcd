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

test('a fixed amount drops the goods; the title is Chinese text', () => {
  const factory = createDataFactory(options);
  const request = factory.signedRequest({ amountFen: 30, channel: 'wechat' });
  assert.equal(request.total_amount, '0.30');
  assert.equal(request.goods_list, undefined);
  assert.match(factory.goodsLine().goods.title ?? '', /[\u4e00-\u9fff]/);
});

test('PAY_SEED is read or drawn; junk is refused', () => {
  assert.equal(seedFrom({ PAY_SEED: '123' }), 123);
  assert.ok(Number.isInteger(seedFrom({})));
  assert.throws(() => seedFrom({ PAY_SEED: 'abc' }), /PAY_SEED/);
});
