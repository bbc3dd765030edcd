import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalString } from './canonical.ts';
import { diagnoseSign, diagnosisLines, SIGNING_MISTAKES, variantString } from './mistakes.ts';
import { md5Hex } from './md5.ts';
import { nodeDigests, nodeSigner } from '../../adapters/node/node-digests.ts';

const { cases } = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')) as { cases: { name: string; secret: string; params: Record<string, unknown>; canonical: string }[] };
const options = { secret: 'paycheck-demo-secret', encoding: 'base64' as const };
/** A pay request of the demo app with a nested value of each kind. */
const request = { app_id: 'paycheck-demo-app', sign_type: 'MD5', order_id: 'PD7', pay_code: '134567890123456789', total_amount: '6.00', store_info: { store_id: 'S01' }, goods_list: [{ title: '可口可乐300ml', num: 2, price: 3 }] };

test('a client that makes none of the mistakes builds the rule’s own string (every vector)', () => {
  for (const v of cases) assert.equal(variantString(v.params, v.secret, {}), v.canonical, v.name);
});

test('the browser’s MD5 is MD5: the same digest as node:crypto, UTF-8 and block edges included', () => {
  for (const text of ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), '可口可乐300ml'.repeat(40), canonicalString(request, options.secret)]) {
    assert.equal(md5Hex(text), hash('md5', text, 'hex').toUpperCase(), `${text.length} characters`);
  }
});

test('the list: unique ids, each with what went wrong and the fix; the conclusion from the shape comes last', () => {
  const ids = SIGNING_MISTAKES.map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const m of SIGNING_MISTAKES) assert.ok(m.what.length > 10 && m.fix.length > 10, m.id);
  assert.deepEqual(SIGNING_MISTAKES.filter((m) => m.kind === 'shape').map((m) => m.id), [ids.at(-1)]);
});

test('a sign that verifies, an RSA sign and a missing sign have no diagnosis', () => {
  assert.equal(diagnoseSign(nodeDigests, nodeSigner.signed(request, options), options), undefined);
  assert.equal(diagnoseSign(nodeDigests, { ...request, sign_type: 'RSA', sign: 'QUFB' }, options), undefined);
  assert.equal(diagnoseSign(nodeDigests, request, options), undefined);
});

test('the diagnosis shows the string the verifier signed with the secret and the pay code masked', () => {
  const diagnosis = diagnoseSign(nodeDigests, { ...request, sign: 'QUFBQQ==' }, options)!;
  assert.equal(diagnosis.signed.includes(options.secret), false);
  assert.equal(diagnosis.signed.includes(request.pay_code), false);
  assert.match(diagnosis.signed, /app_sercet=\*\*\*&goods_list=.*pay_code=1345\*{10}6789/);
});

test('a sign of no known shape is named as such: no mistake claimed', () => {
  const diagnosis = diagnoseSign(nodeDigests, { ...request, sign: 'QUFBQQ==' }, options)!;
  assert.deepEqual(diagnosis.mistakes, []);
  assert.match(diagnosisLines(diagnosis).join('\n'), /no common mistake reproduces this sign/);
});

test('a mistake that cannot change this request’s string is never claimed: a request without amounts or nested values', () => {
  const bare = { app_id: 'a', sign_type: 'MD5', order_id: 'o1' };
  const signed = nodeSigner.signed(bare, { ...options, secret: 'other' });
  assert.deepEqual(diagnoseSign(nodeDigests, signed, options)?.mistakes.map((m) => m.id), ['wrong-secret']);
});
