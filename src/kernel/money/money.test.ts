import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatYuan, MAX_AMOUNT_FEN, parseAmount, yuanNumber } from './money.ts';
import { loadSpec } from '../../adapters/node/spec-file.ts';

test('accepts what the documents show', () => {
  for (const [input, fen] of [['11.00', 1100], [11, 1100], [11.5, 1150], ['0.01', 1], ['11.5', 1150], ['1000000', 100_000_000], [0.3, 30]] as const) {
    assert.deepEqual(parseAmount(input), { ok: true, fen }, String(input));
  }
});

test('rejects with a reason', () => {
  const cases: [unknown, RegExp][] = [
    ['11.001', /more than two decimals/], [11.001, /more than two decimals/], ['-1', /negative/], [-1, /negative/],
    [-0, /negative/], ['0', /greater than zero/], [0, /greater than zero/], ['0.00', /greater than zero/],
    ['abc', /not a decimal/], ['1e2', /exponent/], [1e21, /exponent/], [Infinity, /finite/], [Number.NaN, /finite/],
    ['1000000.01', /cap/], ['99999999999', /cap/], [null, /string or a number/], [true, /string or a number/],
    ['', /not a decimal/], [' 1', /not a decimal/], ['01.00', /not a decimal/], ['1.', /not a decimal/],
  ];
  for (const [input, reason] of cases) {
    const result = parseAmount(input);
    assert.equal(result.ok, false, String(input));
    if (!result.ok) assert.match(result.reason, reason, String(input));
  }
});

test('zero is allowed where asked for (refund amount 0 = the rest)', () => {
  assert.deepEqual(parseAmount('0', { allowZero: true }), { ok: true, fen: 0 });
});

test('formats fen as yuan text, and as the JSON number of yuan', () => {
  assert.equal(formatYuan(1100), '11.00');
  assert.equal(formatYuan(1), '0.01');
  assert.equal(formatYuan(0), '0.00');
  assert.equal(yuanNumber(1150), 11.5);
  assert.equal(yuanNumber(30), 0.3);
  assert.throws(() => formatYuan(1.5));
  assert.throws(() => yuanNumber(1.5), RangeError);
  assert.throws(() => yuanNumber(-1), RangeError);
});

test('yuanNumber is the double the decimal text parses to: every amount to ¥20,000, then a sweep to the cap', () => {
  const check = (fen: number) => {
    if (yuanNumber(fen) !== Number(formatYuan(fen))) assert.fail(`${fen} fen: ${yuanNumber(fen)} vs ${formatYuan(fen)}`);
  };
  for (let fen = 0; fen <= 2_000_000; fen++) check(fen);
  // Every residue of the cents, at a stride prime to 100, up to the cap, plus the cap itself.
  for (let fen = 2_000_000; fen <= MAX_AMOUNT_FEN; fen += 997) check(fen);
  check(MAX_AMOUNT_FEN);
});

test('the cap is the spec maximum of RequestAmount', () => {
  const schema = loadSpec().components.schemas.RequestAmount as { oneOf: { maximum?: number }[] };
  const max = schema.oneOf.find((s) => s.maximum !== undefined)?.maximum;
  assert.equal(parseAmount(max).ok, true);
  assert.equal(formatYuan(MAX_AMOUNT_FEN), `${max}.00`);
});
