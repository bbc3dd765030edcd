import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMask } from '../../kernel/redaction/mask.ts';
import { timelineLine } from './timeline.ts';

test("a step quoting a target's 10 MB msg prints 4 096 bytes of it and its size, the secret and pay codes masked", () => {
  const msg = `refused: 134567890123456789 S3cr3t-L3ak-Probe-7Qz9 ${'x'.repeat(10 * 2 ** 20)}`;
  const line = timelineLine({ at: 12, call: 'pay', code: 3002, note: msg }, createMask({ secrets: ['S3cr3t-L3ak-Probe-7Qz9'] }));
  assert.ok(line.length < 4300, `${line.length} characters`);
  assert.match(line, /refused: 1345\*+6789 \*\*\* x+… \(10 485 811 bytes, first 4 096 shown\)$/);
});
