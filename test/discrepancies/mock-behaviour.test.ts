/**
 * The decisions that live in the mock's behaviour, pinned against the engine itself (no HTTP):
 * what it answers, in which dialect, and in which order it checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createEngine, manualClock, type EngineOptions } from '../../src/engine/index.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { nodeDataFactory } from '../../src/adapters/node/node-data-factory.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import type { SignEncoding } from '../../src/kernel/signing/encoding.ts';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { failures } from './schema-findings.ts';
import { SEED_REQUEST_TEXT } from './seed-examples.ts';

type Params = Record<string, unknown>;
interface Envelope {
  code: number;
  msg: string;
  data: Record<string, unknown>;
}

const engineWith = (options: Partial<EngineOptions> = {}) =>
  createEngine({ spec: loadSpec(), signer: nodeSigner, clock: manualClock(), selfCheck: true, ...options });

function post(engine: ReturnType<typeof engineWith>, body: string, contentType = 'application/json'): Envelope {
  const response = engine.handle({ method: 'POST', path: '/pay/qrcode', headers: { 'content-type': contentType }, body });
  assert.equal(response.status, 200);
  return JSON.parse(response.body) as Envelope;
}

const signed = (params: Params, encoding: SignEncoding = 'base64') => nodeSigner.signed(params, { secret: DEMO_APP.secret, encoding });
const pay = (engine: ReturnType<typeof engineWith>, params: Params) => post(engine, JSON.stringify(params));

let serial = 0;
/** A fresh unsigned request of the demo app; amount in yuan text selects the scenario. */
function request(amount = '0.01', channel: 'wechat' | 'alipay' = 'wechat'): Params {
  const factory = nodeDataFactory({ seed: 99, app: DEMO_APP, encoding: 'base64', orderIdPrefix: `D${++serial}X` });
  const fen = Math.round(Number(amount) * 100);
  return factory.unsignedRequest({ channel, amountFen: fen, withStore: false });
}

test('D-1, D-2, D-3, D-30: every answer of the mock is JSON `{code, msg, data}` with an integer code and `{}` for errors', () => {
  const engine = engineWith();
  const ok = pay(engine, signed(request()));
  assert.equal(ok.code, 1000);
  assert.deepEqual(failures('PaySuccess', ok), []);
  const bad = pay(engine, { ...signed(request()), sign: 'MzIw' });
  assert.equal(typeof bad.code, 'number');
  assert.deepEqual(bad.data, {});
  assert.deepEqual(failures('PayError', bad), []);
});

test('D-6: the mock takes the amount as a string or a number, and refuses what the amount parser refuses (3002)', () => {
  const engine = engineWith();
  const asString = signed({ ...request(), total_amount: '11.00' });
  assert.equal(pay(engine, asString).code, 1000);
  assert.equal(pay(engine, signed({ ...request(), total_amount: 11 })).code, 1000);
  assert.equal(pay(engine, signed({ ...request(), total_amount: 11.001 })).code, 3002);
  assert.equal(pay(engine, signed({ ...request(), total_amount: '1000000.01' })).code, 3002);
});

test('D-9, D-23: the mock\'s WeChat vouchers carry activity_id and type; its Alipay vouchers purchase_ant_contribute and neither', () => {
  const engine = engineWith();
  const wechat = pay(engine, signed(request('0.02', 'wechat')));
  const alipay = pay(engine, signed(request('0.02', 'alipay')));
  assert.equal(wechat.data.pay_type, 0);
  assert.equal(alipay.data.pay_type, 1);
  const [w] = wechat.data.voucher_list as Params[];
  const [a] = alipay.data.voucher_list as Params[];
  assert.ok(typeof w.activity_id === 'string' && (w.type === 'COUPON' || w.type === 'DISCOUNT'));
  assert.equal('purchase_ant_contribute' in w, false);
  assert.equal(typeof a.purchase_ant_contribute, 'number');
  assert.equal('activity_id' in a || 'type' in a, false);
});

test('D-14: the mock verifies in its configured encoding only', () => {
  const hexEngine = engineWith({ signEncoding: 'hex' });
  assert.equal(pay(hexEngine, signed(request(), 'hex')).code, 1000);
  assert.equal(pay(hexEngine, signed(request(), 'base64')).code, 3004);
  const b64Engine = engineWith();
  assert.equal(pay(b64Engine, signed(request(), 'hex')).code, 3004);
});

test('D-17: the mock answers the flowchart dialect by default and the table dialect when configured', () => {
  for (const [dialect, appCode, signCode] of [[undefined, 3003, 3004], ['flowchart', 3003, 3004], ['table', 3000, 2000]] as const) {
    const engine = engineWith(dialect ? { dialect } : {});
    assert.equal(pay(engine, { ...signed(request()), app_id: 'no-such-app' }).code, appCode, String(dialect));
    assert.equal(pay(engine, { ...signed(request()), sign: 'MzIwRUY5NTA5OUFFMkI1NjM1MkIxQ0MwMjRBRDYyRjg=' }).code, signCode, String(dialect));
  }
});

test('D-21, D-36: the mock\'s 1002 and 1001 carry the order with real_amount 0 and an empty voucher_list', () => {
  const engine = engineWith();
  const paying = pay(engine, signed(request('0.30')));
  assert.equal(paying.code, 1002);
  assert.deepEqual([paying.data.order_status, paying.data.real_amount, paying.data.voucher_list], [0, 0, []]);
  const failed = pay(engine, signed(request('0.32')));
  assert.equal(failed.code, 1001);
  assert.deepEqual([failed.data.order_status, failed.data.real_amount], [-1, 0]);
});

test('D-24: the seed\'s request, its pay_code included, is a format error (3002) at the mock', () => {
  const engine = engineWith();
  assert.equal(post(engine, SEED_REQUEST_TEXT).code, 3002);
});

test('D-25, D-33: the mock signs sign_type, and signs the number 11.00 as 11', () => {
  const engine = engineWith();
  const params = request();
  const { sign_type: _t, ...withoutType } = params;
  assert.equal(pay(engine, { ...params, sign: signed(withoutType).sign }).code, 3004);
  const asText = { ...request(), total_amount: '11.00' };
  const body = JSON.stringify(signed(asText)).replace('"total_amount":"11.00"', '"total_amount":11.00');
  assert.match(body, /"total_amount":11\.00/);
  assert.equal(post(engine, body).code, 3004, 'signed as "11.00", sent as the number 11.00');
  const asNumber = { ...request(), total_amount: 11 };
  const sent = JSON.stringify(signed(asNumber)).replace('"total_amount":11', '"total_amount":11.00');
  assert.equal(post(engine, sent).code, 1000, 'signed as 11, sent as 11.00');
});

test('D-26: the mock verifies sign_type RSA with the application\'s public key', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsaPublicKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const rsaPrivateKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const engine = engineWith({ apps: [{ ...DEMO_APP, rsaPublicKey }] });
  const params: Params = { ...request(), sign_type: 'RSA' };
  const good = nodeSigner.signed(params, { secret: DEMO_APP.secret, encoding: 'base64', rsaPrivateKey });
  assert.equal(pay(engine, good).code, 1000);
  assert.equal(pay(engine, { ...good, order_id: `${String(good.order_id)}9` }).code, 3004);
});

test('D-27: the mock accepts goods that do not add up to the total', () => {
  const engine = engineWith();
  const params = { ...request(), total_amount: '11.00', goods_list: [{ barcode: '6983748939228', title: '可口可乐300ml', num: 2, price: 3 }] };
  assert.equal(pay(engine, signed(params)).code, 1000);
});

test('D-29: the mock leaves empty values out of the string: {} and [] sent, signed without them, verify', () => {
  const engine = engineWith();
  const params = request();
  assert.equal(pay(engine, { ...signed(params), store_info: {}, goods_list: [] }).code, 1000);
});

test('D-29, D-50: an optional field sent as null or "" is absent, as the signer has it: store_info null, goods_list "" are paid', () => {
  const engine = engineWith();
  for (const empty of [{ store_info: null }, { goods_list: null }, { store_info: '' }, { goods_list: '' }]) {
    const answer = pay(engine, signed({ ...request(), ...empty }));
    assert.equal(answer.code, 1000, JSON.stringify(empty));
  }
  assert.equal(pay(engine, signed({ ...request(), store_info: ' ' })).code, 3002, 'a blank string is a value, and not a store_info');
});

test('D-34: the mock answers 1003 to a repeat of a paid order and 1007 to a repeat of an unpaid one (table: 1003 both)', () => {
  const flow = engineWith();
  const paid = signed(request('0.01'));
  const failed = signed(request('0.32'));
  assert.equal(pay(flow, paid).code, 1000);
  assert.equal(pay(flow, failed).code, 1001);
  assert.equal(pay(flow, paid).code, 1003);
  assert.equal(pay(flow, failed).code, 1007);
  const table = engineWith({ dialect: 'table' });
  assert.equal(pay(table, paid).code, 1000);
  assert.equal(pay(table, failed).code, 1001);
  assert.equal(pay(table, paid).code, 1003);
  assert.equal(pay(table, failed).code, 1003);
});

test('D-12, D-46: an order_id of 65 characters and an unknown field, even signed, are format errors (3002)', () => {
  const engine = engineWith();
  assert.equal(pay(engine, signed({ ...request(), order_id: 'A'.repeat(65) })).code, 3002);
  assert.equal(pay(engine, signed({ ...request(), order_id: 'A'.repeat(64) })).code, 1000);
  assert.equal(pay(engine, signed({ ...request(), service_id: 'S1' })).code, 3002);
  assert.equal(pay(engine, signed({ ...request(), notify_url: 'http://127.0.0.1:9/n' })).code, 3002, 'D-45: no callback address');
});

test('D-47: a request without sign_type is missing a parameter (3001); an unknown sign_type is a format error (3002)', () => {
  const engine = engineWith();
  const { sign_type: _drop, ...withoutType } = request();
  assert.equal(pay(engine, signed(withoutType)).code, 3001);
  assert.equal(pay(engine, signed({ ...request(), sign_type: 'md5' })).code, 3002);
});

test('D-48: a form-encoded body, or JSON under another content type, is a format error (3002); no body is 3001', () => {
  const engine = engineWith();
  assert.equal(post(engine, '').code, 3001);
  const params = signed(request()) as Record<string, string>;
  assert.equal(post(engine, new URLSearchParams(params).toString(), 'application/x-www-form-urlencoded').code, 3002);
  assert.equal(post(engine, JSON.stringify(signed(request())), 'text/plain').code, 3002);
  assert.equal(post(engine, JSON.stringify(signed(request())), 'application/json; charset=utf-8').code, 1000);
});

test('D-49: faults are reported in the flowchart\'s order — missing, format, AppID, signature, order', () => {
  const engine = engineWith();
  const { pay_code: _drop, ...noCode } = request();
  assert.equal(pay(engine, { ...noCode, total_amount: 'abc', app_id: 'nobody', sign: 'x' }).code, 3001);
  assert.equal(pay(engine, { ...request(), total_amount: 'abc', app_id: 'nobody', sign: 'x' }).code, 3002);
  assert.equal(pay(engine, { ...request(), app_id: 'nobody', sign: 'x' }).code, 3003);
  const paid = signed(request());
  assert.equal(pay(engine, paid).code, 1000);
  assert.equal(pay(engine, { ...paid, sign: 'x' }).code, 3004, 'a bad signature on a repeat is 3004, not 1003');
});

test('D-50: an empty string or null for a required field is missing (3001); a blank string is a format error (3002)', () => {
  const engine = engineWith();
  for (const field of ['app_id', 'sign', 'order_id', 'pay_code', 'total_amount']) {
    assert.equal(pay(engine, { ...signed(request()), [field]: '' }).code, 3001, `${field} ""`);
    assert.equal(pay(engine, { ...signed(request()), [field]: null }).code, 3001, `${field} null`);
  }
  assert.equal(pay(engine, { ...signed(request()), order_id: ' ' }).code, 3002);
  assert.equal(pay(engine, { ...signed(request()), pay_code: ' ' }).code, 3002);
});
