import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { decisionAnchors, headingAnchor, linkDescription, linkDescriptions, withoutCdnRequests } from './link-docs.ts';

const decisions = decisionAnchors(readFileSync('docs/discrepancies.md', 'utf8'));
const targets = { decisions, root: '../../' };

test('anchors are the ones GitHub gives the decisions headings', () => {
  assert.equal(headingAnchor('D-25 `sign_type` is signed'), 'd-25-sign_type-is-signed');
  assert.equal(headingAnchor('D-14 Base64 or plain MD5'), 'd-14-base64-or-plain-md5');
  assert.equal(headingAnchor('D-1 `status` or `code`'), 'd-1-status-or-code');
  assert.equal(decisions.get('D-16'), 'd-16-nested-values-in-the-string-to-sign');
});

test('a D-n and a docs path become links from the rendered page to the repository', () => {
  assert.equal(
    linkDescription('signed like any other (D-25); see `docs/mock.md`.', targets),
    'signed like any other ([D-25](../../docs/discrepancies.md#d-25-sign_type-is-signed)); see [`docs/mock.md`](../../docs/mock.md).',
  );
  assert.equal(linkDescription('D-250 is not D-2', { decisions: new Map([['D-250', 'x'], ['D-2', 'y']]), root: '' }), '[D-250](docs/discrepancies.md#x) is not [D-2](docs/discrepancies.md#y)');
});

test('a citation of a decision nobody wrote down stops the build', () => {
  assert.throws(() => linkDescription('as decided (D-999)', targets), /D-999/);
});

test('every description in openapi.yaml links, and every decision it cites exists', () => {
  const spec = parse(readFileSync('openapi.yaml', 'utf8')) as { info: { description: string } };
  linkDescriptions(spec, targets);
  assert.match(spec.info.description, /\[D-25\]\(\.\.\/\.\.\/docs\/discrepancies\.md#d-25-sign_type-is-signed\)/);
  assert.doesNotMatch(JSON.stringify(spec), /(?<!\[)\bD-\d+\b(?!\])/, 'a bare D-n left');
});

test("the badge's logo is not fetched from Redocly's CDN", () => {
  const html = 'src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`';
  assert.equal(withoutCdnRequests(html), 'src:e?`data:,`:`data:,`');
});
