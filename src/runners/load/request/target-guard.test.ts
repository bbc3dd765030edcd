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

/** URL parsing's own answer: an http(s) URL whose host is loopback. */
const whatwgLoopback = (url: string): boolean => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol) && isLoopbackUrl(url);

test('the k6-side check never calls loopback what URL parsing does not, on every string of a hostile alphabet, and agrees exactly on dotted hosts', () => {
  // Backslashes, user-info, ports, tabs, brackets and dots in every order: the tricks that split parsers.
  const exact = ['ex.com', '127.0.0.1', '127.0.0.256', '127.0.0.08', 'localhost', '@', '\\', '/', ':80', ':99999', '?', '#', '[::1]', '\t', '%40', ' ', '.'];
  const conservative = ['127.1', '0x7f.0.0.1'];
  const disagreements: string[] = [];
  let checked = 0;
  const walk = (rest: string, depth: number, exactOnly: boolean): void => {
    for (const scheme of ['http://', 'HTTPS://', 'http:\\\\', 'http:/']) {
      const url = scheme + rest;
      const k6 = isLoopbackBaseUrl(url);
      const whatwg = whatwgLoopback(url);
      checked++;
      if (k6 && !whatwg) disagreements.push(`false loopback: ${JSON.stringify(url)}`);
      if (exactOnly && k6 !== whatwg) disagreements.push(`disagrees: ${JSON.stringify(url)} (URL: ${whatwg})`);
    }
    if (depth === 3) return;
    for (const token of exact) walk(rest + token, depth + 1, exactOnly);
    for (const token of conservative) walk(rest + token, depth + 1, false);
  };
  walk('', 0, true);
  assert.ok(checked > 20_000);
  assert.deepEqual(disagreements.slice(0, 10), []);
  assert.equal(isLoopbackBaseUrl('http://ex.com\\@127.0.0.1'), false, 'the review\'s case: the host is ex.com');
});
