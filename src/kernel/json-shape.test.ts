import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeJsonShapeProblem, duplicateKeyOf, jsonShapeProblem, MAX_JSON_DEPTH, nestsDeeperThan } from './json-shape.ts';

const nested = (depth: number, inner = '1') => '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
const problemOf = (text: string, maxDepth?: number) => jsonShapeProblem(text, JSON.parse(text), maxDepth);

test('a key twice in one object is named by its JSONPath, at any depth', () => {
  assert.equal(duplicateKeyOf('{"total_amount":"1.00","total_amount":"100.00"}'), '$.total_amount');
  assert.equal(duplicateKeyOf('{"store_info":{"store_id":"S1","cashier_id":"C","store_id":"S2"}}'), '$.store_info.store_id');
  assert.equal(duplicateKeyOf('{"goods_list":[{"num":1},{"num":1,"title":"a","num":2}]}'), '$.goods_list[1].num');
  assert.equal(duplicateKeyOf('[[0],[1,{"x":1,"x":2}]]'), '$[1][1].x');
  assert.equal(duplicateKeyOf('{"a b":{"":1,"":2}}'), '$["a b"][""]');
  assert.equal(duplicateKeyOf(nested(10_000, '{"k":1,"k":2}')), `$${'.a'.repeat(10_000)}.k`, 'deep input, no recursion');
});

test('the check of a parsed text finds the same duplicates: fewer keys parsed than written', () => {
  for (const [text, path] of [
    ['{"total_amount":"1.00","total_amount":"100.00"}', '$.total_amount'],
    ['{"a":{"x":1},"a":{"y":2}}', '$.a'],
    ['{"a":[{"x":1,"x" : 1}]}', '$.a[0].x'],
    ['{"total_amount" :"1.00","total_amount":"100.00"}', '$.total_amount'],
    ['{"total_amount"\t:"1.00","b":"\\":","total_amount":"100.00"}', '$.total_amount'],
    [String.raw`{"t":"\"", "t\u0000":1,"t\u0000":2}`, '$["t\\u0000"]'],
  ]) {
    assert.deepEqual(problemOf(text), { kind: 'duplicate-key', path }, text);
  }
});

test('a key spelt with escapes is the key JSON.parse reads', () => {
  assert.equal(duplicateKeyOf('{"total_amount":"1.00","total\\u005famount":"100.00"}'), '$.total_amount');
  assert.equal(duplicateKeyOf('{"a\\"b":1,"a\\"b":2}'), '$["a\\"b"]');
  assert.equal(duplicateKeyOf('{"a\\\\":1,"a\\\\":2}'), '$["a\\\\"]');
});

test('no duplicate: the same key in sibling or nested objects, keys that only look alike, strings that look like keys', () => {
  for (const text of [
    '{"a":{"a":1},"b":{"a":2}}',
    '[{"a":1},{"a":2}]',
    '{"a":1,"A":2,"a ":3}',
    '{"a":"\\",\\"a\\":","b":"{\\"a\\":1,\\"a\\":2}"}',
    '{"a":"\\\\","b":"\\\\\\""}',
    '{}',
    '[]',
    '"text"',
    '{"a":[1,2,{"b":[]}],"c":null}',
  ]) {
    assert.equal(problemOf(text), undefined, text);
    assert.doesNotThrow(() => JSON.parse(text), text);
  }
});

test(`nesting is counted with the outer value as level 1, and past ${MAX_JSON_DEPTH} levels it is too deep`, () => {
  assert.equal(problemOf(nested(MAX_JSON_DEPTH)), undefined);
  assert.deepEqual(problemOf(nested(MAX_JSON_DEPTH + 1)), { kind: 'too-deep', limit: MAX_JSON_DEPTH });
  assert.deepEqual(problemOf('['.repeat(10_000) + ']'.repeat(10_000)), { kind: 'too-deep', limit: MAX_JSON_DEPTH });
  assert.equal(problemOf(nested(3), 3), undefined);
  assert.equal(problemOf(nested(4), 3)?.kind, 'too-deep');
});

// No timed assertion (a busy machine made a 1 s one fail at 1043 ms): a scan quadratic in these
// megabyte texts would take hours, and the test's generous timeout catches that.
test('linear time: wide, deep, escape-heavy and long-keyed texts of megabytes each are checked', { timeout: 30_000 }, () => {
  const wide = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  const deep = '['.repeat(200_000) + ']'.repeat(200_000);
  const escapes = `{"a":"${'\\n'.repeat(1_000_000)}","b":"${'\\"'.repeat(1_000_000)}","c":1,"c":2}`;
  const longKeys = `{${Array.from({ length: 100 }, (_, i) => `"${'\\u0041'.repeat(10_000)}${i}":1`).join(',')}}`;
  assert.equal(duplicateKeyOf(wide), undefined);
  assert.equal(duplicateKeyOf(deep), undefined);
  assert.equal(duplicateKeyOf(escapes), '$.c');
  assert.equal(duplicateKeyOf(longKeys), undefined);
  // Half a megabyte of long numbers, each read exactly: the number walk, not only the key walk.
  const numbers = `[${Array.from({ length: 26_000 }, () => '0.30000000000000004').join(',')}]`;
  assert.equal(jsonShapeProblem(numbers, JSON.parse(numbers)), undefined);
});

test('one wording, naming the holder and the problem; a very long key is shortened', () => {
  assert.equal(describeJsonShapeProblem('the body', { kind: 'duplicate-key', path: '$.total_amount' }), 'the body has the key $.total_amount twice in one object (which one counts is ambiguous)');
  assert.equal(describeJsonShapeProblem('standard input', { kind: 'too-deep', limit: 32 }), 'standard input nests deeper than 32 levels');
  const key = 'k'.repeat(1_000);
  assert.equal(duplicateKeyOf(`{"${key}":1,"${key}":2}`), `$["${'k'.repeat(64)}…"]`);
});

test('a value nests deeper than a limit: counted iteratively, a cycle ends at the limit', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(nestsDeeperThan(deep as object, 31), true);
  assert.equal(nestsDeeperThan({ a: [{ b: 1 }], c: {} }, 3), false);
  assert.equal(nestsDeeperThan({ a: [{ b: {} }] }, 3), true);
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  assert.equal(nestsDeeperThan(cycle, 31), true);
});

test('a number JSON.parse does not read as written is named with its path and what it reads', () => {
  const cases: [string, string, string, string][] = [
    ['{"pay_code":134567890123456789}', '$.pay_code', '134567890123456789', '134567890123456780'],
    ['{"x":12345678901234567890}', '$.x', '12345678901234567890', '12345678901234567000'],
    ['{"n":9007199254740993}', '$.n', '9007199254740993', '9007199254740992'],
    ['{"goods_list":[{"price":0.1000000000000000055511151231257827}]}', '$.goods_list[0].price', '0.1000000000000000055511151231257827', '0.1'],
    ['{"a":[1, -2.00000000000000001]}', '$.a[1]', '-2.00000000000000001', '-2'],
    ['{"a":1e400}', '$.a', '1e400', 'Infinity'],
    ['{"a":1.23456789e-320}', '$.a', '1.23456789e-320', '1.2347e-320'],
    ['{"a":"1e400","b":1e-400}', '$.b', '1e-400', '0'],
    ['98765432109876543210', '$', '98765432109876543210', '98765432109876540000'],
  ];
  for (const [text, path, written, read] of cases) assert.deepEqual(problemOf(text), { kind: 'imprecise-number', path, written, read }, text);
});

test('a number read exactly passes, however it is spelt: trailing zeros, exponents, 2^53 and its even neighbours; digits in strings are no numbers', () => {
  for (const text of [
    '{"total_amount":11.00,"price":3.50,"num":2}',
    '{"a":1E2,"b":15e-1,"c":-0,"d":0.000,"e":5e-324,"f":1.7976931348623157e308}',
    '{"a":9007199254740992,"b":9007199254740994,"c":12345678901234567000,"d":0.30000000000000004}',
    '{"pay_code":"134567890123456789","sign":"RkZEMTc1MEM1N0E3RDkwNzQzNUNBNTkwQzFGMTNEQ0I=","t":"1e400 and 0.1000000000000000055"}',
    '{"a":"x:12345678901234567890"}',
  ]) assert.equal(problemOf(text), undefined, text);
});

test('the wording says why and what to do: an integer past 2^53, a decimal of too many digits, a number past the range', () => {
  assert.equal(
    describeJsonShapeProblem('standard input', problemOf('{"pay_code":134567890123456789}')!),
    'standard input has the number 134567890123456789 at $.pay_code: more digits than a JSON number keeps (2^53), so it reads 134567890123456780; send it as a string',
  );
  assert.match(describeJsonShapeProblem('the body', problemOf('{"p":0.1000000000000000055}')!), /^the body has the number 0\.1000000000000000055 at \$\.p: more digits than a JSON number keeps \(15 to 17 significant\), so it reads 0\.1; send it as a string$/);
  assert.match(describeJsonShapeProblem('the body', problemOf('{"p":-1e999}')!), /-1e999 at \$\.p: beyond the largest JSON number, so it reads -Infinity/);
});
