import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalString } from './canonical.ts';
import { constantTimeEqual, SIGN_TYPES, signTypeRefusal } from './signer.ts';
import { loadSpec } from '../../adapters/node/spec-file.ts';
import { nodeSigner } from '../../adapters/node/node-digests.ts';
import { displayCanonical, firstDifference } from './explain.ts';
import { maskPayCodesIn } from '../redaction/mask.ts';
import { parseSignEncoding } from './encoding.ts';
import { isPaycheckError } from '../errors.ts';
import { MAX_JSON_DEPTH } from '../json-shape.ts';

interface Vector {
  name: string;
  secret: string;
  params: Record<string, unknown>;
  canonical: string;
  md5: string;
  base64: string;
}
const { cases } = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')) as { cases: Vector[] };

for (const v of cases) {
  test(`vector: ${v.name}`, () => {
    assert.equal(canonicalString(v.params, v.secret), v.canonical);
    const base64 = nodeSigner.signature(v.params, { secret: v.secret, encoding: 'base64' });
    assert.equal(base64.md5, v.md5);
    assert.equal(base64.sign, v.base64);
    assert.equal(nodeSigner.sign(v.params, { secret: v.secret, encoding: 'hex' }), v.md5);
  });
}

const request = {
  app_id: 'paycheck-demo-app',
  sign_type: 'MD5',
  order_id: 'PC1',
  pay_code: '134567890123456789',
  total_amount: '0.01',
  goods_list: [{ title: '可口可乐300ml', num: 2, price: 3 }],
};
const options = { secret: 'paycheck-demo-secret', encoding: 'base64' as const };

test('a signed request verifies; any signed field, the secret or the encoding changed does not', () => {
  const signed = nodeSigner.signed(request, options);
  assert.equal(signed.sign.length, 44);
  assert.ok(nodeSigner.verify(signed, options));
  for (const [key, value] of Object.entries({ order_id: 'PC2', pay_code: '134567890123456780', total_amount: '0.02', sign_type: 'RSA' })) {
    assert.equal(nodeSigner.verify({ ...signed, [key]: value }, options), false, key);
  }
  assert.equal(nodeSigner.verify({ ...signed, goods_list: [{ title: '可口可乐300ml', num: 3, price: 3 }] }, options), false);
  assert.equal(nodeSigner.verify(signed, { ...options, secret: 'other' }), false);
  assert.equal(nodeSigner.verify(signed, { ...options, encoding: 'hex' }), false);
  assert.equal(nodeSigner.verify({ ...signed, sign: undefined }, options), false);
});

test('hex encoding gives the 32-character upper-case MD5', () => {
  const sign = nodeSigner.sign(request, { ...options, encoding: 'hex' });
  assert.match(sign, /^[0-9A-F]{32}$/);
});

test('RSA signs SHA256withRSA over the string without the secret', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = {
    rsaPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    rsaPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  const rsa = { ...request, sign_type: 'RSA' };
  const sig = nodeSigner.signature(rsa, { ...options, ...keys });
  assert.equal(sig.canonical.includes('app_sercet'), false);
  assert.equal(sig.sign.length, 344);
  const signed = { ...rsa, sign: sig.sign };
  assert.ok(nodeSigner.verify(signed, { ...options, ...keys }));
  assert.equal(nodeSigner.verify({ ...signed, total_amount: '9.99' }, { ...options, ...keys }), false);
  assert.equal(nodeSigner.verify(signed, options), false, 'no public key: never valid');
});

test('constantTimeEqual compares whole strings', () => {
  assert.ok(constantTimeEqual('abc', 'abc'));
  assert.equal(constantTimeEqual('abc', 'abd'), false);
  assert.equal(constantTimeEqual('abc', 'abcd'), false);
  assert.equal(constantTimeEqual('', 'a'), false);
});

test('firstDifference points at the first differing character', () => {
  assert.equal(firstDifference('a=1&b=2', 'a=1&b=2'), undefined);
  const d = firstDifference('a=1&b=2&c=3', 'a=1&b=20&c=3');
  assert.equal(d?.index, 7);
});

test('displayCanonical never prints the secret, whatever the values hold', () => {
  const decoy = { aa: 'x&app_sercet=decoy', app_id: 'a', sign_type: 'MD5', pay_code: '134567890123456789' };
  const shown = displayCanonical(decoy);
  assert.equal(shown, 'aa=x&app_sercet=decoy&app_id=a&app_sercet=***&pay_code=1345**********6789&sign_type=MD5');
  assert.equal(displayCanonical(decoy, { showPayCode: true }).includes('134567890123456789'), true);
  assert.equal(displayCanonical({ app_id: 'a', sign_type: 'RSA' }, { rsa: true }), 'app_id=a&sign_type=RSA');
});

test('displayCanonical masks a pay code sent as a JSON number', () => {
  assert.equal(displayCanonical({ app_id: 'a', pay_code: 134567890123456789 }), 'app_id=a&app_sercet=***&pay_code=1345**********6780');
});

test('firstDifference finds the index in the strings given and cuts the context from what may be shown', () => {
  const d = firstDifference('pay_code=134567890123456789&a=1', 'pay_code=134567890123456789&a=2', maskPayCodesIn);
  assert.equal(d?.index, 30);
  assert.equal(d?.ours, 'de=1345**********6789&a=1');
});

test('PAY_SIGN_ENCODING: base64 by default, hex on request, anything else refused', () => {
  assert.equal(parseSignEncoding(undefined), 'base64');
  assert.equal(parseSignEncoding('HEX'), 'hex');
  assert.throws(() => parseSignEncoding('sha1'), /PAY_SIGN_ENCODING/);
});

test(`a value nested past ${MAX_JSON_DEPTH} levels is refused by name, exit 2, not a stack overflow; ${MAX_JSON_DEPTH} levels sign`, () => {
  const nest = (levels: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = { a: value };
    return value;
  };
  const options = { secret: 's', encoding: 'base64' } as const;
  // The request is level 1, so its value may nest one level less.
  assert.match(nodeSigner.sign({ app_id: 'a', store_info: nest(MAX_JSON_DEPTH - 1) }, options), /=$/);
  for (const levels of [MAX_JSON_DEPTH, 5_000, 100_000]) {
    assert.throws(
      () => nodeSigner.sign({ app_id: 'a', store_info: nest(levels) }, options),
      (error: unknown) => isPaycheckError(error, 'PAYCHECK_INPUT_TOO_DEEP') && error.exitCode === 2 && /store_info nests deeper than 32 levels/.test(error.message),
      `${levels} levels`,
    );
  }
  assert.throws(() => canonicalString({ goods_list: nest(5_000) }), /goods_list nests deeper/);
});

test('sign_type is taken as openapi.yaml spells it and nothing else: absent, null or "" is missing (3001), any other value a format error (3002)', () => {
  const schema = (loadSpec().components.schemas as Record<string, { properties: Record<string, { enum?: string[] }> }>).PayRequest;
  assert.deepEqual([...SIGN_TYPES], schema.properties.sign_type.enum);
  for (const type of SIGN_TYPES) assert.equal(signTypeRefusal({ sign_type: type }), undefined, type);
  assert.equal(signTypeRefusal({})?.code, 3001);
  for (const missing of [null, '']) assert.equal(signTypeRefusal({ sign_type: missing })?.code, 3001, String(missing));
  for (const other of ['md5', 'rsa', 'Md5', ' MD5', 'SHA1', {}, [], 5, true]) assert.equal(signTypeRefusal({ sign_type: other })?.code, 3002, JSON.stringify(other));
  assert.equal(signTypeRefusal({ sign_type: 'md5' })?.reason, 'sign_type "md5" is neither "MD5" nor "RSA", the only values taken (case counts): a format error');
});
