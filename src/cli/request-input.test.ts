import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { isPaycheckError } from '../kernel/errors.ts';
import { readAtMost } from './request-input.ts';

test('a stream within the limit is read whole, as UTF-8', async () => {
  const text = '{"title":"可口可乐"}';
  const bytes = Buffer.from(text);
  assert.equal(await readAtMost(Readable.from([bytes.subarray(0, 12), bytes.subarray(12)]), bytes.length, 'x'), text);
});

test('past the limit it stops at once, stops the stream, and says how much is read', async () => {
  let pulled = 0;
  let stopped = false;
  async function* endless() {
    try {
      for (;;) {
        pulled++;
        yield new Uint8Array(64 * 1024);
      }
    } finally {
      stopped = true;
    }
  }
  await assert.rejects(readAtMost(endless(), 512 * 1024, 'standard input'), (error: unknown) => isPaycheckError(error, 'PAYCHECK_INPUT_TOO_LARGE') && error.message === 'standard input is over 524288 bytes');
  assert.equal(pulled, 9, 'one chunk past the limit, no more');
  assert.equal(stopped, true);
});
