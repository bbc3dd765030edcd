/**
 * fast-check arbitraries for the values a request schema of openapi.yaml allows: every property,
 * nested ones too, the optional ones present and absent, strings up to their `maxLength` (the
 * longest drawn on purpose, not left to chance), patterns as the regular expressions they are,
 * every `enum` value, every `oneOf` branch, the "at least one of" groups an `anyOf` of `required`
 * demands. Whatever a caller fixes (its app_id) or computes (the sign) it overrides by path:
 * `order_id`, `store_info.store_id`, `goods_list[].title`.
 */
import fc from 'fast-check';
import { MAX_AMOUNT_FEN, yuanNumber } from '../../kernel/money/money.ts';
import { isObjectSchema, objectShape, resolve, type JsonSchema, type SpecDocument } from './spec-schema.ts';

export interface SchemaArbitraryOptions {
  /** Arbitraries that stand for the schema's at these paths. */
  overrides?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
  /** Paths left out of the value (a value computed afterwards, such as `sign`). */
  omit?: readonly string[];
}

/** How often the longest string or array a schema allows is drawn, against one of any length. */
const AT_MAX_WEIGHT = 1;
const ANY_LENGTH_WEIGHT = 6;

/** The path of a property below `at`, and of an array's items: `goods_list[].title`. */
export const childPath = (at: string, key: string): string => (at === '' ? key : `${at}.${key}`);
export const itemsPath = (at: string): string => `${at}[]`;

export function schemaArbitrary(document: SpecDocument, node: JsonSchema, options: SchemaArbitraryOptions = {}, at = ''): fc.Arbitrary<unknown> {
  const override = options.overrides?.[at];
  if (override) return override;
  const schema = resolve(document, node);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map((branch) => schemaArbitrary(document, branch, options, at)));
  if (isObjectSchema(document, schema)) return objectArbitrary(document, schema, options, at);
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? Number.MIN_SAFE_INTEGER, max: schema.maximum ?? Number.MAX_SAFE_INTEGER });
    case 'number':
      return yuanArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (!schema.items) throw new Error(`openapi.yaml: the array at ${at} has no items`);
      const items = schemaArbitrary(document, schema.items, options, itemsPath(at));
      const any = fc.array(items, { minLength: schema.minItems ?? 0, maxLength: schema.maxItems });
      return schema.maxItems === undefined ? any : longestToo(any, fc.array(items, { minLength: schema.maxItems, maxLength: schema.maxItems }));
    }
    default:
      throw new Error(`openapi.yaml: no generator for the schema at ${at || 'the body'} (${JSON.stringify(schema).slice(0, 80)})`);
  }
}

function objectArbitrary(document: SpecDocument, schema: JsonSchema, options: SchemaArbitraryOptions, at: string): fc.Arbitrary<unknown> {
  const shape = objectShape(document, schema);
  const keys = Object.keys(shape.properties).filter((key) => !options.omit?.includes(childPath(at, key)));
  const model = Object.fromEntries(keys.map((key) => [key, schemaArbitrary(document, shape.properties[key], options, childPath(at, key))]));
  const record = fc.record(model, { requiredKeys: shape.required.filter((key) => keys.includes(key)) }) as fc.Arbitrary<Record<string, unknown>>;
  // An anyOf of `required` lists: at least one of those names (order_id or trade_no).
  const groups = (schema.anyOf ?? []).map((part) => resolve(document, part).required ?? []).filter((g) => g.length > 0);
  return groups.length === 0 ? record : record.filter((value) => groups.some((group) => group.every((key) => key in value)));
}

/**
 * One code point (Ajv counts maxLength in code points, as this unit does): mostly printable ASCII
 * and CJK — a goods title is 可口可乐300ml — then anything in the BMP, astral ones (emoji), and
 * the control characters JSON must escape. Surrogate halves are left out: no JSON text carries one.
 */
const CODE_POINT: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
    { weight: 3, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }) },
    { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff) },
    { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }) },
  )
  .map((c) => String.fromCodePoint(c));

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength;
  if (schema.pattern === undefined) {
    const any = fc.string({ unit: CODE_POINT, minLength, maxLength });
    return maxLength === undefined ? any : longestToo(any, fc.string({ unit: CODE_POINT, minLength: maxLength, maxLength }));
  }
  return patternArbitrary(schema.pattern, minLength, maxLength);
}

/**
 * Strings matching a pattern, within the lengths. fast-check reads regular expressions but not
 * lookaheads: those are taken out for generating and the whole pattern filters what comes out.
 * A pattern that is one character class repeated (`^[0-9A-Za-z_|*-]+$`) is drawn at its longest too.
 */
export function patternArbitrary(pattern: string, minLength = 0, maxLength?: number): fc.Arbitrary<string> {
  const whole = new RegExp(pattern);
  const generating = withoutLookaheads(pattern);
  const fits = (s: string) => s.length >= minLength && (maxLength === undefined || s.length <= maxLength) && whole.test(s);
  const any = fc.stringMatching(new RegExp(generating), maxLength === undefined ? {} : { maxLength }).filter(fits);
  const repeated = /^\^(\[(?:\\.|[^\]\\])+\])\+\$$/.exec(pattern)?.[1];
  if (maxLength === undefined || repeated === undefined) return any;
  return longestToo(any, fc.stringMatching(new RegExp(`^${repeated}{${maxLength}}$`)));
}

/** The pattern with every `(?=…)` / `(?!…)` group removed (character classes and escapes respected). */
export function withoutLookaheads(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (!inClass && (pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i))) {
      i = closingParen(pattern, i) + 1;
      continue;
    }
    const step = c === '\\' ? 2 : 1;
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += pattern.slice(i, i + step);
    i += step;
  }
  return out;
}

function closingParen(pattern: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced lookahead in pattern ${pattern}`);
}

/**
 * Every JSON number in a request of this API is an amount of yuan (D-6 total_amount, D-10 price,
 * refund_amount), and an amount has at most two decimals — which JSON Schema cannot say of a
 * number, and which the money module can: so numbers are drawn in whole fen, within the schema's
 * bounds (stated in yuan).
 */
function yuanArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const fen = (yuan: number) => Math.round(yuan * 100);
  const min = schema.exclusiveMinimum !== undefined ? fen(schema.exclusiveMinimum) + 1 : fen(schema.minimum ?? 0);
  const max = schema.maximum === undefined ? MAX_AMOUNT_FEN : fen(schema.maximum);
  return fc.integer({ min, max }).map(yuanNumber);
}

function longestToo<T>(any: fc.Arbitrary<T>, longest: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: any, weight: ANY_LENGTH_WEIGHT }, { arbitrary: longest, weight: AT_MAX_WEIGHT });
}
