import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunks, displayWidth, wrapLines } from './wrap.ts';

test('a CJK character is two columns, an emoji beyond the BMP is not cut in half', () => {
  assert.equal(displayWidth('可口可乐300ml'), 13);
  assert.deepEqual(chunks('ab😀cd', 3), ['ab😀', 'cd']);
  assert.deepEqual(chunks('可口可乐', 3), ['可', '口', '可', '乐']);
});

test('lines break after the last comma that fits, never after a comma of prose, else at the width; only breaks are added', () => {
  const json = '{"a":1,"b":"x, y","c":[1,2,3],"d":"zzzzzzzzzz"}';
  const wrapped = wrapLines(json, 20);
  assert.deepEqual(wrapped.split('\n'), ['{"a":1,"b":"x, y",', '"c":[1,2,3],', '"d":"zzzzzzzzzz"}']);
  assert.equal(wrapped.replace(/\n/g, ''), json);
  assert.deepEqual(wrapLines('x'.repeat(25), 10).split('\n'), ['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  assert.deepEqual(wrapLines('expected 0, actual "weixin" and more', 16, ' ').split('\n'), ['expected 0, ', 'actual "weixin" ', 'and more']);
});
