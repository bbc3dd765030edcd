import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration } from './budget.ts';
import { formatToken, parseToken } from './replay-token.ts';

test('a replay token reads back as it was written, stateful replay path and negative seed included', () => {
  for (const token of [
    { property: 'qrcode-signing', rsa: false, seed: 1234567, path: '31:0:2' },
    { property: 'stateful', rsa: true, seed: -42, path: '7:1:0', replayPath: 'AABBBB/O:VD' },
  ]) assert.deepEqual(parseToken(formatToken(token)), token);
  assert.equal(formatToken({ property: 'get-positive', rsa: false, seed: 5, path: '0:1' }), 'get-positive~md5~5~0:1');
});

test('anything else is refused with the shape a token has', () => {
  for (const junk of ['', 'get-positive', 'get-positive~md5~x~0', 'get-positive~sha1~1~0', 'Get~md5~1~0', 'a~md5~1~0:~x']) {
    assert.throws(() => parseToken(junk), /not a token paycheck fuzz printed/, junk);
  }
});

test('a duration is a number and a unit, from 1 s to a day', () => {
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('10m'), 600_000);
  assert.equal(parseDuration('1.5h'), 5_400_000);
  assert.equal(parseDuration('1500ms'), 1_500);
  for (const bad of ['10', '0s', '500ms', '2d', '25h', 'ten minutes']) assert.throws(() => parseDuration(bad), /--duration/, bad);
});
