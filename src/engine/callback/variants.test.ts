import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MockControlError } from '../control-error.ts';
import { CALLBACK_VARIANT_NAMES, parseCallbackVariants } from './variants.ts';

test('reads name[:rate] lists, case-insensitively; empty is none', () => {
  assert.deepEqual(parseCallbackVariants(' Duplicate, out-of-order:0.25 ', 'h'), [
    { variant: 'duplicate', rate: 1 },
    { variant: 'out-of-order', rate: 0.25 },
  ]);
  assert.deepEqual(parseCallbackVariants('', 'h'), []);
  assert.deepEqual(parseCallbackVariants(undefined, 'h'), []);
  assert.deepEqual(CALLBACK_VARIANT_NAMES, ['duplicate', 'bad-signature', 'mismatch-order-id', 'mismatch-status', 'out-of-order']);
});

test('anything unreadable is a MockControlError naming its source', () => {
  for (const text of ['nope', 'duplicate:2', 'duplicate:x', '@@']) {
    assert.throws(() => parseCallbackVariants(text, 'X-Mock-Callback'), (e: unknown) => e instanceof MockControlError && e.message.startsWith('X-Mock-Callback'), text);
  }
});
