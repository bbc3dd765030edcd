import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrlProblem, requireBaseUrl } from './base-url.ts';
import { isPaycheckError } from './errors.ts';

test('an API root, with a path or a trailing slash, is a base URL', () => {
  for (const url of ['http://127.0.0.1:4010', 'http://127.0.0.1:4010/', 'https://gw.example/api', 'http://[::1]:1/api/v1/']) assert.equal(baseUrlProblem(url), undefined, url);
});

test('what cannot be a base URL is named, PAYCHECK_BAD_URL, and neither credentials nor a query is echoed', () => {
  const cases: [string, RegExp][] = [
    ['not a url', /^--base-url "not a url" is not a URL: give the API root, e\.g\. http:\/\/127\.0\.0\.1:4010$/],
    ['ftp://127.0.0.1', /is not an http\(s\) URL \(ftp:\)/],
    ['http://user:pw@127.0.0.1/', /^--base-url must not carry credentials: give the API root, e\.g\. http:\/\/127\.0\.0\.1$/],
    ['http://127.0.0.1/api?token=t0p', /^--base-url must not carry a query or fragment: give the API root, e\.g\. http:\/\/127\.0\.0\.1\/api$/],
    ['http://127.0.0.1:4711/pay/qrcode', /ends in \/pay\/qrcode, .*--base-url is the API root, without \/pay\/… \(here "http:\/\/127\.0\.0\.1:4711"\)/],
  ];
  for (const [url, message] of cases) {
    assert.match(baseUrlProblem(url) ?? '', message, url);
    assert.throws(() => requireBaseUrl(url), (error) => isPaycheckError(error, 'PAYCHECK_BAD_URL') && message.test(error.message), url);
  }
  assert.doesNotMatch(baseUrlProblem('http://user:pw@127.0.0.1/') ?? '', /pw/);
  assert.doesNotMatch(baseUrlProblem('http://127.0.0.1/api?token=t0p') ?? '', /t0p/);
  assert.match(baseUrlProblem('ftp://h', '--upstream') ?? '', /^--upstream "ftp:\/\/h"/);
});
