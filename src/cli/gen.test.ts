import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from './main.ts';
import { loadSpec } from '../adapters/node/spec-file.ts';
import { compileSchemas } from '../kernel/spec/schemas.ts';
import { nodeSigner } from '../adapters/node/node-digests.ts';
import { DEMO_APP } from '../kernel/settings.ts';
import { isValidEan13 } from '../kernel/factories/barcode.ts';
import { CATALOGUE } from '../kernel/factories/catalogue.ts';
import { channelOfPayCode } from '../kernel/channel.ts';

async function gen(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['gen', ...args], { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '', env });
  return { code, out, err };
}

const schemas = compileSchemas(loadSpec());

test('gen request: N schema-valid signed requests, one a line, the seed on stderr', async () => {
  const { code, out, err } = await gen(['request', '--count', '3', '--seed', '11', '--channel', 'alipay']);
  assert.equal(code, 0);
  assert.equal(out.length, 3);
  assert.deepEqual(err, ['# seed 11 (replay with --seed 11)']);
  for (const line of out) {
    const request = JSON.parse(line) as Record<string, string>;
    assert.ok(schemas.validator('PayRequest')(request));
    assert.ok(nodeSigner.verify(request, { secret: DEMO_APP.secret, encoding: 'base64' }));
    assert.equal(channelOfPayCode(request.pay_code), 'alipay');
  }
});

test('gen is deterministic per seed, reads PAY_SEED and the app from the environment', async () => {
  assert.deepEqual((await gen(['goods', '--seed', '5', '--count', '4'])).out, (await gen(['goods', '--count', '4'], { PAY_SEED: '5' })).out);
  const goods = JSON.parse((await gen(['goods', '--seed', '5'])).out[0]);
  assert.ok(isValidEan13(goods.barcode));
  assert.ok(schemas.validator('Goods')(goods));
  const store = JSON.parse((await gen(['store', '--seed', '5'])).out[0]);
  assert.ok(schemas.validator('StoreInfo')(store.store_info));
  assert.match(store.name, new RegExp(`（${store.city}${store.district}.+店）$`));
  const own = JSON.parse((await gen(['request', '--seed', '5'], { PAY_APP_ID: 'mine', PAY_APP_SECRET: 's3', PAY_SIGN_ENCODING: 'hex' })).out[0]);
  assert.equal(own.app_id, 'mine');
  assert.ok(nodeSigner.verify(own, { secret: 's3', encoding: 'hex' }));
});

test('gen goods prints goods a Chinese shopper knows: the catalogue\'s brand, name and size, its barcode, a shelf price', async () => {
  const { out } = await gen(['goods', '--count', '20', '--seed', '1']);
  const byBarcode = new Map(CATALOGUE.map((item) => [item.barcode, item]));
  for (const line of out) {
    const goods = JSON.parse(line) as { barcode: string; title: string; num: number; price: number };
    const item = byBarcode.get(goods.barcode);
    assert.ok(item, goods.barcode);
    assert.equal(goods.title, item.title);
    assert.ok(goods.title.includes(item.name) && goods.title.endsWith(item.size), goods.title);
    const fen = Math.round(goods.price * 100);
    assert.ok(fen >= item.priceFen[0] && fen <= item.priceFen[1], `${goods.title} at ${goods.price}`);
  }
  assert.equal(new Set(out).size, out.length);
});

test('bad input: exit 2 and one line, nothing on stdout', async () => {
  for (const args of [[], ['refund'], ['goods', 'extra'], ['goods', '--count', '0'], ['goods', '--count', 'x'], ['goods', '--seed', '-1'], ['request', '--channel', 'unionpay'], ['goods', '--nope']]) {
    const { code, out, err } = await gen(args);
    assert.equal(code, 2, args.join(' '));
    assert.deepEqual(out, []);
    assert.equal(err.length, 1);
    assert.match(err[0], /^paycheck gen: PAYCHECK_[A-Z_]+ /);
  }
  const half = await gen(['request'], { PAY_APP_ID: 'only-id' });
  assert.equal(half.code, 2);
  assert.match(half.err[0], /PAY_APP_SECRET/);
  const badSeed = await gen(['goods'], { PAY_SEED: 'abc' });
  assert.equal(badSeed.code, 2);
  assert.match(badSeed.err[0], /--seed\/PAY_SEED must be a whole number/);
  assert.equal((await gen(['--help'])).code, 0);
});
