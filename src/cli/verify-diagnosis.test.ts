/**
 * `paycheck verify` names the signing mistake a request was signed with: one test per mistake of
 * SIGNING_MISTAKES, each request signed by hand the mistaken way (the string written out here,
 * node:crypto's MD5), never by the code under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { main } from './main.ts';
import { SIGNING_MISTAKES } from '../kernel/signing/mistakes.ts';

const SECRET = 'paycheck-demo-secret';
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();
const base64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

const REQUEST = {
  app_id: 'paycheck-demo-app',
  sign_type: 'MD5',
  order_id: 'PC20260101000001',
  pay_code: '134567890123456789',
  total_amount: '11.00',
  store_info: { store_id: 'S01', cashier_id: 'C07' },
  goods_list: [{ barcode: '6901234567892', title: '可口可乐300ml', num: 2, price: 3 }],
};
const APP = 'app_id=paycheck-demo-app';
const GOODS = 'goods_list=[{"barcode":"6901234567892","title":"可口可乐300ml","num":2,"price":3}]';
const ORDER = 'order_id=PC20260101000001&pay_code=134567890123456789';
const STORE = 'store_info={"store_id":"S01","cashier_id":"C07"}';
const TAIL = `${ORDER}&sign_type=MD5&${STORE}&total_amount=11.00`;

interface Case {
  /** The string the mistaken client signed. */
  signed: string;
  request?: Record<string, unknown>;
  /** How the client wrote the MD5 as sign (default: Base64 of the upper-case hex). */
  sign?: (hex: string) => string;
  encoding?: 'base64' | 'hex';
}

const CASES: Record<string, Case> = {
  'secret-key-app_secret': { signed: `${APP}&app_secret=${SECRET}&${GOODS}&${TAIL}` },
  'secret-key-key': { signed: `${APP}&${GOODS}&key=${SECRET}&${TAIL}` },
  'secret-trailing-key': { signed: `${APP}&${GOODS}&${TAIL}&key=${SECRET}` },
  'secret-appended': { signed: `${APP}&${GOODS}&${TAIL}&app_sercet=${SECRET}` },
  'secret-missing': { signed: `${APP}&${GOODS}&${TAIL}` },
  'sign-type-left-out': { signed: `${APP}&app_sercet=${SECRET}&${GOODS}&${ORDER}&${STORE}&total_amount=11.00` },
  'sign-included': { signed: `${APP}&app_sercet=${SECRET}&${GOODS}&${ORDER}&sign=&sign_type=MD5&${STORE}&total_amount=11.00` },
  'empty-kept': {
    request: { ...REQUEST, store_info: {} },
    signed: `${APP}&app_sercet=${SECRET}&${GOODS}&${ORDER}&sign_type=MD5&store_info={}&total_amount=11.00`,
  },
  unsorted: { signed: `${APP}&sign_type=MD5&${ORDER}&total_amount=11.00&${STORE}&${GOODS}&app_sercet=${SECRET}` },
  'sorted-by-value': { signed: `total_amount=11.00&pay_code=134567890123456789&sign_type=MD5&order_id=PC20260101000001&${GOODS}&${APP}&app_sercet=${SECRET}&${STORE}` },
  'nested-spaced': {
    signed: `${APP}&app_sercet=${SECRET}&goods_list=[{"barcode": "6901234567892", "title": "可口可乐300ml", "num": 2, "price": 3}]&${ORDER}&sign_type=MD5&store_info={"store_id": "S01", "cashier_id": "C07"}&total_amount=11.00`,
  },
  'nested-sorted-keys': {
    signed: `${APP}&app_sercet=${SECRET}&goods_list=[{"barcode":"6901234567892","num":2,"price":3,"title":"可口可乐300ml"}]&${ORDER}&sign_type=MD5&store_info={"cashier_id":"C07","store_id":"S01"}&total_amount=11.00`,
  },
  'nested-ascii-escaped': {
    signed: `${APP}&app_sercet=${SECRET}&goods_list=[{"barcode":"6901234567892","title":"\\u53ef\\u53e3\\u53ef\\u4e50300ml","num":2,"price":3}]&${TAIL}`,
  },
  'nested-page-literal': {
    signed: `${APP}&app_sercet=${SECRET}&goods_list=[{barcode:'6901234567892',title:'可口可乐300ml',num:2,price:3}]&${ORDER}&sign_type=MD5&store_info={store_id:'S01',cashier_id:'C07'}&total_amount=11.00`,
  },
  'amount-two-decimals': {
    request: { ...REQUEST, total_amount: 11 },
    signed: `${APP}&app_sercet=${SECRET}&goods_list=[{"barcode":"6901234567892","title":"可口可乐300ml","num":2,"price":3.00}]&${TAIL}`,
  },
  'amount-one-decimal': {
    request: { ...REQUEST, total_amount: 11 },
    signed: `${APP}&app_sercet=${SECRET}&goods_list=[{"barcode":"6901234567892","title":"可口可乐300ml","num":2,"price":3.0}]&${ORDER}&sign_type=MD5&${STORE}&total_amount=11.0`,
  },
  'amount-string-as-number': { signed: `${APP}&app_sercet=${SECRET}&${GOODS}&${ORDER}&sign_type=MD5&${STORE}&total_amount=11` },
  'url-encoded': {
    signed: [
      APP, `app_sercet=${SECRET}`,
      `goods_list=${encodeURIComponent('[{"barcode":"6901234567892","title":"可口可乐300ml","num":2,"price":3}]')}`,
      ORDER, 'sign_type=MD5', `store_info=${encodeURIComponent('{"store_id":"S01","cashier_id":"C07"}')}`, 'total_amount=11.00',
    ].join('&'),
  },
  'cancel-page-formula': {
    request: { app_id: 'paycheck-demo-app', sign_type: 'MD5', order_id: 'PC20260101000001' },
    signed: `${APP}&app_sercet=${SECRET}&order_id=PC20260101000001`,
    sign: (hex) => hex,
  },
  'hex-instead-of-base64': { signed: `${APP}&app_sercet=${SECRET}&${GOODS}&${TAIL}`, sign: (hex) => hex },
  'base64-instead-of-hex': { signed: `${APP}&app_sercet=${SECRET}&${GOODS}&${TAIL}`, encoding: 'hex' },
  'md5-lower-case': { signed: `${APP}&app_sercet=${SECRET}&${GOODS}&${TAIL}`, sign: (hex) => base64(hex.toLowerCase()) },
  'wrong-secret': { signed: `${APP}&app_sercet=paycheck-other-secret&${GOODS}&${TAIL}` },
};

async function verify(request: Record<string, unknown>, encoding: string) {
  const out: string[] = [];
  const code = await main(['verify', '--encoding', encoding], { out: (l) => out.push(l), err: (l) => out.push(l), readStdin: async () => JSON.stringify(request), env: { PAY_APP_SECRET: SECRET } });
  return { code, out };
}

test('every mistake of the list has its case here, and every case a mistake', () => {
  assert.deepEqual(Object.keys(CASES).sort(), SIGNING_MISTAKES.map((m) => m.id).sort());
});

test('the request signed correctly verifies: the cases depart from a valid request', async () => {
  const signed = { ...REQUEST, sign: base64(md5(`${APP}&app_sercet=${SECRET}&${GOODS}&${TAIL}`)) };
  assert.equal((await verify(signed, 'base64')).code, 0);
});

for (const mistake of SIGNING_MISTAKES) {
  test(`verify names ${mistake.id}`, async () => {
    const c = CASES[mistake.id];
    const sign = (c.sign ?? base64)(md5(c.signed));
    const { code, out } = await verify({ ...(c.request ?? REQUEST), sign }, c.encoding ?? 'base64');
    assert.equal(code, 1);
    const named = out.flatMap((line) => /^ {2}diagnosis: ([\w-]+):/.exec(line)?.[1] ?? []);
    assert.deepEqual(named, [mistake.id], out.join('\n'));
    assert.ok(out.some((line) => line.startsWith('    fix: ')), 'the fix follows');
    assert.equal(out.join('\n').includes(SECRET), false, 'the secret is never printed');
  });
}
