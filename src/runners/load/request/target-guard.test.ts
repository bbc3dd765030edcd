import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackUrl } from '../../../kernel/settings.ts';
import { isLoopbackBaseUrl } from './target-guard.ts';

const CASES: [string, boolean][] = [
  ['http://127.0.0.1:4010', true],
  ['http://127.0.0.1:4010/', true],
  ['http://127.1.2.3/prefix', true],
  ['http://localhost:4010', true],
  ['HTTP://LOCALHOST', true],
  ['http://[::1]:4010', true],
  ['https://api.huishouyin.cn', false],
  ['http://127.0.0.1.example.com', false],
  ['http://127.0.0.1@example.com/', false],
  ['http://user:pw@127.0.0.1:4010/', true],
  ['http://10.0.0.1:4010', false],
  ['http://[::2]:4010', false],
  ['ftp://127.0.0.1', false],
  ['not a url', false],
];

test('the k6-side loopback check agrees with isLoopbackUrl on every case', () => {
  for (const [url, loopback] of CASES) {
    assert.equal(isLoopbackBaseUrl(url), loopback, `k6 check: ${url}`);
    if (url.startsWith('ftp:') || url === 'not a url') continue;
    assert.equal(isLoopbackUrl(url), loopback, `isLoopbackUrl: ${url}`);
  }
});
