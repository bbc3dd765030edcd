import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_APP } from '../../../kernel/settings.ts';
import { nodeDataFactory } from '../../../adapters/node/node-data-factory.ts';
import { nodeDigests, nodeSigner } from '../../../adapters/node/node-digests.ts';
import { createSigningTemplate } from './signing-template.ts';

const KEYS = ['order_id', 'pay_code'];

for (const encoding of ['base64', 'hex'] as const) {
  test(`a template signs and serializes exactly as the shared signer does (${encoding}, 300 factory orders)`, () => {
    const factory = nodeDataFactory({ seed: 7, app: DEMO_APP, encoding });
    const options = { secret: DEMO_APP.secret, encoding };
    for (let i = 0; i < 300; i++) {
      const request = factory.unsignedRequest({ withStore: i % 3 !== 0, goodsCount: i % 4 });
      const template = createSigningTemplate(request, KEYS, options, nodeDigests);
      const values = [`LD${i}x`, request.pay_code.slice(0, -3) + String(i % 1000).padStart(3, '0')];
      const expected = nodeSigner.signed({ ...request, order_id: values[0], pay_code: values[1] }, options);
      const { sign, body } = template.fill(values);
      assert.equal(sign, expected.sign);
      assert.equal(body, JSON.stringify(expected));
    }
  });
}

test('a template refuses RSA, a missing key, and a request whose values would break its placeholders', () => {
  const request = { app_id: 'a', sign_type: 'MD5', order_id: 'o', pay_code: '134567890123456789', total_amount: '1.00' };
  const options = { secret: 's', encoding: 'base64' as const };
  assert.throws(() => createSigningTemplate({ ...request, sign_type: 'RSA' }, KEYS, options, nodeDigests), /MD5/);
  assert.throws(() => createSigningTemplate(request, ['order_id', 'refund_id'], options, nodeDigests), /no refund_id/);
  assert.throws(() => createSigningTemplate({ ...request, total_amount: '\uE000' + '0\uE001' }, KEYS, options, nodeDigests), /placeholder/);
});

test('an existing sign is replaced, and the body keeps the request key order with sign last', () => {
  const request = { app_id: 'a', sign_type: 'MD5', sign: 'stale', order_id: 'o', pay_code: 'p', total_amount: '1.00' };
  const { body } = createSigningTemplate(request, KEYS, { secret: 's', encoding: 'hex' }, nodeDigests).fill(['O1', '134567890123456789']);
  assert.deepEqual(Object.keys(JSON.parse(body)), ['app_id', 'sign_type', 'order_id', 'pay_code', 'total_amount', 'sign']);
  assert.ok(nodeSigner.verify(JSON.parse(body), { secret: 's', encoding: 'hex' }));
});
