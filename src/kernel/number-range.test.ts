import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNumber, describeRange, RANGES, readNumber } from './number-range.ts';

test('a setting is plain decimal digits within its range; the message states the range and the text', () => {
  assert.equal(readNumber('0', RANGES.port, '--port'), 0);
  assert.equal(readNumber('65535', RANGES.port, '--port'), 65_535);
  assert.equal(readNumber('.5', RANGES.callbackTimeScale, 'F'), 0.5);
  assert.equal(readNumber('1', RANGES.callbackTimeScale, 'F'), 1);
  for (const text of ['65536', '-1', '', ' 1', '1e3', '0x10', '1.5', 'Infinity', '00x']) {
    assert.throws(() => readNumber(text, RANGES.port, '--port'), { name: 'RangeError', message: `--port must be a whole number from 0 to 65535; got "${text}"` });
  }
  for (const text of ['0', '1.0001', '-0.5', '1e-3']) {
    assert.throws(() => readNumber(text, RANGES.callbackTimeScale, 'F'), { message: `F must be a number above 0 and at most 1; got "${text}"` });
  }
});

test("a delay is held to setTimeout's ceiling, 2^31 − 1 ms: past it a timer fires at once", () => {
  assert.equal(readNumber(String(2 ** 31 - 1), RANGES.delayMs, '--slow-ms'), 2 ** 31 - 1);
  assert.throws(() => readNumber('3000000000', RANGES.delayMs, '--slow-ms'), /--slow-ms must be a whole number from 0 to 2147483647; got "3000000000"/);
  assert.throws(() => readNumber('0', RANGES.timeoutMs, 't'), /from 1 to 2147483647/);
});

test('an option given in code is held to the same range', () => {
  assert.equal(checkNumber(100, RANGES.storeCap, 'storeCap'), 100);
  for (const value of [1, 2.5, NaN, Infinity, 10_000_001]) assert.throws(() => checkNumber(value, RANGES.storeCap, 'storeCap'), { message: `storeCap must be a whole number from 2 to 10000000; got ${value}` });
});

test('every range is well formed and says itself in words', () => {
  for (const [name, range] of Object.entries(RANGES)) {
    assert.ok(range.min < range.max && range.min >= 0, name);
    if (range.whole) assert.ok(Number.isSafeInteger(range.min) && Number.isSafeInteger(range.max), name);
    assert.match(describeRange(range), /^a (whole )?number (from \d+ to \d+|above \d+ and at most \d+)$/, name);
  }
});
