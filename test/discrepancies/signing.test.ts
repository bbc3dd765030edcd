/**
 * The signing rule where its page, its example and its neighbours disagree
 * (D-13, D-14, D-15, D-16, D-25, D-26, D-29, D-32, D-33).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, createHash, generateKeyPairSync, verify as rsaVerify } from 'node:crypto';
import { canonicalString, isEmptyValue } from '../../src/kernel/signing/canonical.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { parseSignEncoding } from '../../src/kernel/signing/encoding.ts';
import { nodeDataFactory } from '../../src/adapters/node/node-data-factory.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { failures, specExample } from './schema-findings.ts';
import { SIGNING_PAGE, seedRequest } from './seed-examples.ts';
import { jsonShapeProblem } from '../../src/kernel/json-shape.ts';
import { main } from '../../src/cli/main.ts';
import { testEngine } from '../support/signed-request.ts';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();
const base64 = (ascii: string) => Buffer.from(ascii, 'latin1').toString('base64');
const demo = { secret: DEMO_APP.secret, encoding: 'base64' as const };
const minimal = () => specExample('request', 'wechatMinimal');
const unsigned = () => {
  const { sign: _sign, ...rest } = minimal();
  return rest;
};

test('D-13: `sign` passes the schema as 32 hex characters, as 44 Base64 characters and as a 344-character RSA signature', () => {
  const hex = nodeSigner.sign(unsigned(), { ...demo, encoding: 'hex' });
  const b64 = nodeSigner.sign(unsigned(), demo);
  assert.match(hex, /^[0-9A-F]{32}$/);
  assert.match(b64, /^[A-Za-z0-9+/]{43}=$/);
  for (const sign of [hex, b64, 'A'.repeat(344)]) assert.deepEqual(failures('PayRequest', { ...unsigned(), sign }), [], sign);
  for (const bad of ['A'.repeat(345), '', 'MzIw-RUY5_NTA5', 'MzIw RUY5', 'abc===']) {
    assert.deepEqual(failures('PayRequest', { ...unsigned(), sign: bad }), ['/sign'], bad);
  }
});

test('D-14: Base64 of the upper-case MD5 hex is the default; `hex` sends the MD5 itself; neither verifies as the other', () => {
  assert.equal(parseSignEncoding(undefined), 'base64');
  const digest = md5(canonicalString(unsigned(), DEMO_APP.secret));
  const hex = nodeSigner.sign(unsigned(), { ...demo, encoding: 'hex' });
  const b64 = nodeSigner.sign(unsigned(), demo);
  assert.equal(hex, digest);
  assert.equal(b64, base64(digest));
  assert.equal(Buffer.from(b64, 'base64').toString('latin1'), hex);
  assert.equal(nodeSigner.verify({ ...unsigned(), sign: hex }, { ...demo, encoding: 'hex' }), true);
  assert.equal(nodeSigner.verify({ ...unsigned(), sign: b64 }, demo), true);
  assert.equal(nodeSigner.verify({ ...unsigned(), sign: hex }, demo), false);
  assert.equal(nodeSigner.verify({ ...unsigned(), sign: b64 }, { ...demo, encoding: 'hex' }), false);
  assert.equal(nodeSigner.verify({ ...unsigned(), sign: hex.toLowerCase() }, { ...demo, encoding: 'hex' }), false, 'upper case only');
});

test('D-15: the signing page\'s printed string hashes to F0E7F8AB…, not to its printed 90C04D45…; the Base64 step checks out', () => {
  assert.equal(md5(SIGNING_PAGE.printedString), 'F0E7F8ABEDD43DF02ED0635D0C148D99');
  assert.notEqual(md5(SIGNING_PAGE.printedString), SIGNING_PAGE.printedMd5);
  assert.equal(base64(SIGNING_PAGE.printedMd5), SIGNING_PAGE.printedSign);
});

test('D-15: no obvious reading of the page\'s request reproduces the printed digest', () => {
  const { secret, request, printedString, printedMd5 } = SIGNING_PAGE;
  const readings: string[] = [printedString.replace('terminal_id="', "terminal_id:'").replace('"}', "'}")];
  for (const total_amount of [11, '11.0', '11.00']) {
    for (const extra of [{}, { sign_type: 'MD5' }]) {
      const params = { ...request, total_amount, ...extra };
      readings.push(canonicalString(params, secret), canonicalString(params));
    }
  }
  readings.push(printedString.replace(/&app_sercet=[^&]*/, ''), `${printedString}&key=${secret}`, printedString + secret);
  for (const text of readings) assert.notEqual(md5(text), printedMd5, text);
  assert.equal(new Set(readings).size, readings.length, 'each reading is distinct');
});

test('D-16: nested values are compact JSON in received key order, never the page\'s JavaScript-literal style', () => {
  const canonical = canonicalString(SIGNING_PAGE.request, SIGNING_PAGE.secret);
  assert.equal(
    canonical,
    'app_id=bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF&app_sercet=bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF' +
      '&goods_list=[{"barcode":"6983748939221","title":"可口可乐300ml","num":2,"price":3}]' +
      '&order_id=2017102100151091' +
      '&store_info={"store_id":"L4XYdVQWe0DROIQBxxtrYKWawTIrXofe","cashier_id":"5CDJVuPZ89l8hANqsJiU8zWDQ9rUATmg","terminal_id":"bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF"}' +
      '&total_amount=11',
  );
  assert.notEqual(canonical, SIGNING_PAGE.printedString);
  const { store_id, cashier_id, terminal_id } = SIGNING_PAGE.request.store_info;
  const reordered = { ...SIGNING_PAGE.request, store_info: { terminal_id, cashier_id, store_id } };
  assert.match(canonicalString(reordered), /store_info=\{"terminal_id":.*"store_id":/, 'nested keys are not sorted');
  assert.notEqual(nodeSigner.sign(reordered, demo), nodeSigner.sign(SIGNING_PAGE.request, demo));
});

test('D-25: `sign_type` is signed like any other parameter, although the page\'s example string has none', () => {
  assert.equal(SIGNING_PAGE.printedString.includes('sign_type'), false);
  assert.match(canonicalString(unsigned(), DEMO_APP.secret), /&sign_type=MD5&/);
  const { sign_type: _drop, ...withoutType } = unsigned();
  const signedWithout = nodeSigner.sign(withoutType, demo);
  assert.equal(nodeSigner.verify({ ...unsigned(), sign: signedWithout }, demo), false);
  assert.equal(nodeSigner.verify(minimal(), demo), true, 'the spec example is signed with sign_type');
});

test('D-26: RSA is SHA256withRSA, PKCS#1 v1.5, Base64, over the string without app_sercet', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = {
    rsaPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    rsaPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  const request = { ...unsigned(), sign_type: 'RSA' };
  const signature = nodeSigner.signature(request, { ...demo, ...keys });
  assert.equal(signature.canonical, canonicalString(request));
  assert.equal(signature.canonical.includes('app_sercet'), false);
  const independent = rsaVerify('sha256', Buffer.from(signature.canonical, 'utf8'), { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signature.sign, 'base64'));
  assert.equal(independent, true);
  assert.equal(signature.sign.length, 344);
  assert.deepEqual(failures('PayRequest', { ...request, sign: signature.sign }), []);
  const withSecret = Buffer.from(canonicalString(request, DEMO_APP.secret), 'utf8');
  assert.equal(rsaVerify('sha256', withSecret, publicKey, Buffer.from(signature.sign, 'base64')), false);
});

test('D-29: empty means null, "", {} or [] — a space, 0 and false are values and are signed', () => {
  for (const empty of [null, undefined, '', {}, []]) assert.equal(isEmptyValue(empty), true, JSON.stringify(empty));
  for (const value of [' ', '\t', 0, false, '0', [null], { a: '' }]) assert.equal(isEmptyValue(value), false, JSON.stringify(value));
  const params = { app_id: 'a', a_null: null, b_blank: '', c_obj: {}, d_arr: [], e_space: ' ', f_zero: 0, g_false: false };
  assert.equal(canonicalString(params, 's'), 'app_id=a&app_sercet=s&e_space= &f_zero=0&g_false=false');
  assert.equal(nodeSigner.sign({ ...unsigned(), goods_list: [], store_info: {} }, demo), nodeSigner.sign(unsigned(), demo));
});

test('D-32: the seed\'s `sign` is a 32-character placeholder — schema-valid, neither hex nor Base64 of an MD5, never verifies', () => {
  const request = seedRequest();
  const sign = request.sign as string;
  assert.equal(sign.length, 32);
  assert.doesNotMatch(sign, /^[0-9A-F]{32}$/);
  assert.equal(sign, (request.store_info as Record<string, string>).store_id, 'it repeats the store id');
  const valid = specExample('request', 'seed');
  assert.equal(valid.sign, sign);
  assert.deepEqual(failures('PayRequest', valid), []);
  for (const secret of [SIGNING_PAGE.secret, DEMO_APP.secret]) {
    for (const encoding of ['base64', 'hex'] as const) assert.equal(nodeSigner.verify(valid, { secret, encoding }), false, `${secret} ${encoding}`);
  }
});

test('D-33: a number is signed in its shortest JSON form (11.00 → 11, 3.00 → 3); a string amount is signed verbatim', () => {
  const parsed = seedRequest();
  assert.equal(parsed.total_amount, 11);
  assert.match(canonicalString(parsed, 's'), /&total_amount=11$/);
  assert.match(canonicalString(parsed, 's'), /"price":3\}/);
  assert.match(canonicalString({ ...parsed, total_amount: '11.00' }, 's'), /&total_amount=11\.00$/);
  assert.match(canonicalString({ ...parsed, total_amount: 11.5 }, 's'), /&total_amount=11\.5$/);
  assert.notEqual(nodeSigner.sign({ ...parsed, total_amount: '11.00' }, demo), nodeSigner.sign(parsed, demo));
  assert.equal(nodeSigner.sign({ ...parsed, total_amount: '11' }, demo), nodeSigner.sign(parsed, demo));
});

test('D-33: paycheck\'s own requests send the total as a two-decimal string, so it is signed as sent', () => {
  const request = nodeDataFactory({ seed: 5, app: DEMO_APP, encoding: 'base64' }).signedRequest({ amountFen: 1100 });
  assert.equal(request.total_amount, '11.00');
  assert.match(canonicalString(request, DEMO_APP.secret), /&total_amount=11\.00$/);
});

test('D-33: a number JSON.parse does not read as written is refused, by the mock (3002) and by paycheck sign alike, in the same words; 11.00 and 1E2 are read exactly', async () => {
  const text = '{"app_id":"paycheck-demo-app","sign_type":"MD5","order_id":"A1","pay_code":134567890123456789,"total_amount":"1.00"}';
  const { engine } = testEngine();
  const answer = engine.handle({ method: 'POST', path: '/pay/qrcode', headers: { 'content-type': 'application/json' }, body: text });
  assert.equal((JSON.parse(answer.body) as { code: number }).code, 3002);
  const why = 'has the number 134567890123456789 at $.pay_code: more digits than a JSON number keeps (2^53), so it reads 134567890123456780; send it as a string';
  assert.equal(answer.headers['x-mock-reason'], `the body ${why}`);
  const err: string[] = [];
  const code = await main(['sign', '--show-pay-code'], { out: () => undefined, err: (line) => err.push(line), readStdin: async () => text, env: { PAY_APP_SECRET: DEMO_APP.secret } });
  assert.deepEqual({ code, err }, { code: 2, err: [`paycheck sign: PAYCHECK_INPUT_IMPRECISE standard input ${why}`] });
  assert.equal(jsonShapeProblem('{"total_amount":11.00,"price":1E2}', { total_amount: 11, price: 100 }), undefined);
});
