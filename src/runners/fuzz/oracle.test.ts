import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from '../../adapters/node/spec-file.ts';
import { acceptedCodes } from '../../checks/contract/rules/outcome-rules.ts';
import { DEMO_APP } from '../../kernel/settings.ts';
import { SECRET_KEY } from '../../kernel/signing/canonical.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { buildRequest, type Mutation } from './mutations.ts';
import { createSession } from './session.ts';

// Nothing is sent: the session's client only exists.
const session = createSession(loadSpec(), { baseUrl: 'http://127.0.0.1:9', app: { ...DEMO_APP }, encoding: 'base64', loopback: true, moneyAllowed: true, lifecycleWrites: true, livePayCodes: [] });
const DRAFT = {
  app_id: DEMO_APP.appId, sign_type: 'MD5', order_id: 'FZ0001', pay_code: '134567890123456789', total_amount: '11.50',
  store_info: { store_id: 'S01', cashier_id: 'C07' }, goods_list: [{ barcode: '6901234567892', title: '可口可乐300ml', num: 2, price: 3.5 }],
};
const pay = (...mutations: Mutation[]) => buildRequest(DRAFT, mutations, session.signing);
const verdictOf = (...mutations: Mutation[]) => {
  const v = session.verdict(API_PATHS.pay, pay(...mutations).text);
  return 'fault' in v ? v.fault : 'accepted';
};

test('with several faults the flowchart\'s first failing check decides — missing, format, AppID, signature (D-49)', () => {
  const garbage: Mutation = { kind: 'garbage-sign', sign: 'QUFBQQ==' };
  assert.equal(verdictOf(), 'accepted');
  assert.equal(verdictOf({ kind: 'remove', path: 'order_id' }, { kind: 'violate', path: 'total_amount', value: '1.001' }, garbage), 'missing');
  assert.equal(verdictOf({ kind: 'empty', path: 'order_id', value: '' }), 'missing', 'D-50: "" is missing');
  assert.equal(verdictOf({ kind: 'violate', path: 'total_amount', value: '1.001' }, { kind: 'unknown-app', appId: 'fz-no-such-app' }, garbage), 'format');
  assert.equal(verdictOf({ kind: 'unknown-app', appId: 'fz-no-such-app' }, garbage), 'appId');
  assert.equal(verdictOf(garbage), 'signature');
  assert.equal(verdictOf({ kind: 'bad-sign', how: 'other-encoding' }), 'signature');
  assert.equal(verdictOf({ kind: 'after-sign', path: 'goods_list[0].title', value: '可口可乐' }), 'signature', 'a nested signed value changed after signing');
});

test('the sign-aware edges: what is re-signed stays valid, app_sercet in the body is an unknown field, a key twice is a format fault', () => {
  assert.equal(verdictOf({ kind: 'key-order', at: 'store_info', order: [1, 0] }), 'accepted', 'nested keys in another order, signed so');
  assert.equal(verdictOf({ kind: 'key-order', at: '', order: [3, 1, 2, 0] }), 'accepted');
  assert.equal(verdictOf({ kind: 'empty', path: 'goods_list', value: [] }), 'accepted', 'D-29: [] is left out of the string to sign');
  assert.equal(verdictOf({ kind: 'form-flip', path: 'total_amount' }), 'accepted', 'D-6: "11.50" sent as 11.5');
  assert.equal(verdictOf({ kind: 'form-flip', path: 'goods_list[0].price' }), 'format', 'a price is a number');
  assert.equal(verdictOf({ kind: 'hard-chars', path: 'goods_list[0].title', value: `"&${SECRET_KEY}=\u0000` }), 'accepted');
  assert.equal(verdictOf({ kind: 'unknown-field', at: '', key: SECRET_KEY, value: 'x' }), 'format', 'D-46, even though the signer leaves it out');
  assert.equal(verdictOf({ kind: 'unknown-field', at: 'goods_list[0]', key: '', value: null }), 'format', 'an empty key in a goods line');

  const twice = pay({ kind: 'duplicate-key', at: '', pick: 4, earlier: '999.00' });
  assert.match(twice.text, /"total_amount":"999.00","total_amount":"11.50"/);
  assert.equal(JSON.parse(twice.text).total_amount, twice.json.total_amount);
  assert.deepEqual(acceptedCodes(session.expectationFor(API_PATHS.pay, twice, true)), [3002], 'a key twice is refused by name (3002), as the mock does: ambiguous between signer and verifier');
  const code = pay({ kind: 'duplicate-key', at: '', pick: 3, earlier: '284637162531748290' });
  assert.match(code.text, /"pay_code":"134567890123456789","pay_code":"134567890123456789"/, 'a second pay code would escape the masking: doubled with itself');
});

test('the body as a whole: none is missing (3001), one that is not a JSON object is a format fault', () => {
  for (const [text, want] of [['', 'missing'], ['  ', 'missing'], ['{"app_id":', 'format'], ['[1]', 'format'], ['{"total_amount":1e2}', 'format']] as const) {
    const v = session.verdict(API_PATHS.pay, text);
    assert.equal('fault' in v ? v.fault : 'accepted', want, JSON.stringify(text));
  }
});

test('the oracle reads an optional field sent empty as absent, as the mock does (D-29, D-50): store_info "" or null is paid', () => {
  for (const value of ['', null] as const) assert.equal(verdictOf({ kind: 'empty', path: 'store_info', value }), 'accepted', JSON.stringify(value));
});

test('a fresh id keeps the shape\'s length in characters, and never splits a character of two UTF-16 units', () => {
  for (const shape of ['𐀀'.repeat(64), `${'a'.repeat(58)}${'𐀀'.repeat(6)}`, 'ab']) {
    const id = session.freshId(shape);
    assert.ok(Array.from(id).length <= Math.max(Array.from(shape).length, 12), `${id.length} units`);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(id), 'no lone surrogate');
  }
});
