import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createMask } from '../../kernel/redaction/mask.ts';
import { ECHO_LIMIT_BYTES, echoed } from './echo.ts';

const none = (text: string) => text;

test('a body within the limit is echoed whole; one past it is cut at the limit, its size stated', () => {
  assert.equal(echoed('x'.repeat(ECHO_LIMIT_BYTES), none), 'x'.repeat(ECHO_LIMIT_BYTES));
  assert.equal(echoed('x'.repeat(ECHO_LIMIT_BYTES + 1), none), `${'x'.repeat(ECHO_LIMIT_BYTES)}… (4 097 bytes, first 4 096 shown)`);
});

test('the cut falls between characters: never inside a multi-byte character or a surrogate pair', () => {
  const emoji = echoed(`a${'😀'.repeat(2000)}`, none); // 1 + 4 bytes each
  assert.match(emoji, /^a(😀){1023}… \(8 001 bytes, first 4 093 shown\)$/u);
});

test('the text is masked before it is cut, so a secret or pay code on the cut is never left in part', () => {
  const secret = 'S3cr3t-L3ak-Probe-7Qz9';
  const mask = createMask({ secrets: [secret] });
  const filler = ' '.repeat(ECHO_LIMIT_BYTES - 10);
  assert.equal(echoed(`${filler}${secret}`, mask), `${filler}***`);
  const code = echoed(`${filler}134567890123456789`, mask);
  assert.equal(code, `${filler}1345******… (4 104 bytes, first 4 096 shown)`);
});

test('docs/limits.md states the limit', () => {
  const limits = readFileSync(new URL('../../../docs/limits.md', import.meta.url), 'utf8');
  assert.match(limits, /\| echoed body[^|]*\| 4 096 bytes of UTF-8 each[^|]*\| none: `ECHO_LIMIT_BYTES` in `src\/checks\/report\/echo\.ts`/);
  assert.equal(ECHO_LIMIT_BYTES, 4096);
});
