import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_PATHS } from './api-paths.ts';
import { apiPathAdvice, apiPathEndingOf, apiUrl } from './api-url.ts';

test('a path goes under the base URL, its own path kept, a trailing slash the same as none', () => {
  for (const base of ['http://127.0.0.1:4010', 'http://127.0.0.1:4010/', 'http://127.0.0.1:4010//']) assert.equal(apiUrl(base, API_PATHS.pay), 'http://127.0.0.1:4010/pay/qrcode', base);
  for (const base of ['http://gw:8080/api', 'http://gw:8080/api/']) {
    assert.equal(apiUrl(base, API_PATHS.get), 'http://gw:8080/api/pay/get', base);
    assert.equal(apiUrl(base, '/__mock/journal?order_id=A1'), 'http://gw:8080/api/__mock/journal?order_id=A1', base);
  }
});

test('the call a URL is, under any prefix; a base URL that already ends in one is advised its root', () => {
  assert.equal(apiPathEndingOf('http://gw/api/pay/get'), API_PATHS.get);
  assert.equal(apiPathEndingOf('http://gw/pay/qrcode/?x=1'), API_PATHS.pay);
  assert.equal(apiPathEndingOf('http://gw/api'), undefined);
  assert.equal(apiPathEndingOf('http://gw/pay'), undefined);
  assert.equal(apiPathAdvice('http://gw/api'), undefined);
  assert.equal(
    apiPathAdvice('http://127.0.0.1:4711/pay/qrcode/'),
    '--base-url "http://127.0.0.1:4711/pay/qrcode/" ends in /pay/qrcode, which paycheck puts after it on every call: --base-url is the API root, without /pay/… (here "http://127.0.0.1:4711")',
  );
  assert.match(apiPathAdvice('http://gw/api/pay/refund', '--upstream') ?? '', /--upstream is the API root, without \/pay\/… \(here "http:\/\/gw\/api"\)$/);
});
