import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadSpec } from '../../adapters/node/spec-file.ts';
import { compileSchemas } from '../../kernel/spec/schemas.ts';
import { patternArbitrary, schemaArbitrary, withoutLookaheads } from './schema-arbitrary.ts';
import { CALL_PATHS, callSchema } from './spec-schema.ts';

const spec = loadSpec();
const schemas = compileSchemas(spec);

test('every call: what the request schema arbitrary draws is valid against that schema in openapi.yaml', () => {
  for (const path of CALL_PATHS) {
    const call = callSchema(spec, path);
    const validate = schemas.validator(call.name);
    for (const value of fc.sample(schemaArbitrary(spec, { $ref: `#/components/schemas/${call.name}` }), { numRuns: 200, seed: 7 })) {
      assert.ok(validate(value), `${path}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(value).slice(0, 200)}`);
    }
  }
});

test('the longest values the schema allows are drawn on purpose, and optional fields come and go', () => {
  const pay = fc.sample(schemaArbitrary(spec, { $ref: '#/components/schemas/PayRequest' }), { numRuns: 300, seed: 3 }) as Record<string, unknown>[];
  assert.ok(pay.some((r) => (r.order_id as string).length === 64), 'an order_id of 64 characters');
  assert.ok(pay.some((r) => (r.goods_list as unknown[] | undefined)?.length === 200), 'a goods_list of 200 lines');
  assert.ok(pay.some((r) => r.store_info === undefined) && pay.some((r) => r.store_info !== undefined), 'store_info absent and present');
  assert.ok(pay.some((r) => typeof r.total_amount === 'number') && pay.some((r) => typeof r.total_amount === 'string'), 'total_amount in both forms (D-6)');
  const titles = pay.flatMap((r) => ((r.goods_list as { title?: string }[] | undefined) ?? []).map((g) => g.title ?? ''));
  assert.ok(titles.some((t) => /[\u4e00-\u9fff]/.test(t)) && titles.some((t) => /[\u{10000}-\u{10ffff}]/u.test(t)), 'titles in CJK and beyond the BMP');
  assert.ok(titles.some((t) => [...t].length === 256), 'a title of 256 code points');
});

test('every JSON number is an amount in whole fen, and "at least one of" groups always hold one', () => {
  const requests = fc.sample(schemaArbitrary(spec, { $ref: '#/components/schemas/PayRequest' }), { numRuns: 200, seed: 5 }) as { total_amount: unknown; goods_list?: { price?: number }[] }[];
  const numbers = requests.flatMap((r) => [r.total_amount, ...(r.goods_list ?? []).map((g) => g.price)]).filter((v): v is number => typeof v === 'number');
  for (const n of numbers) assert.match(JSON.stringify(n), /^\d+(\.\d{1,2})?$/);
  const lookups = fc.sample(schemaArbitrary(spec, { $ref: '#/components/schemas/OrderLookupRequest' }), { numRuns: 100, seed: 5 }) as Record<string, unknown>[];
  assert.ok(lookups.every((l) => 'order_id' in l || 'trade_no' in l));
  assert.ok(lookups.some((l) => 'order_id' in l && 'trade_no' in l), 'both names together too');
});

test('a pattern with a lookahead is drawn from the rest and filtered by the whole', () => {
  assert.equal(withoutLookaheads('^(?!0+(\\.0+)?$)(a|b)$'), '^(a|b)$');
  assert.equal(withoutLookaheads('^[(?!]x(?=y)$'), '^[(?!]x$');
  const amount = '^(?!0+(\\.0+)?$)((0|[1-9][0-9]{0,5})(\\.[0-9]{1,2})?|1000000(\\.0{1,2})?)$';
  for (const v of fc.sample(patternArbitrary(amount, 0, 10), { numRuns: 200, seed: 1 })) assert.match(v, new RegExp(amount));
});
