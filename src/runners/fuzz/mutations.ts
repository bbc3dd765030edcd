/**
 * What the negative and the sign-aware runs do to a valid request, as data: each mutation is a
 * plain value fast-check draws and shrinks, applied at its stage — to the draft before it is
 * signed (so the signature covers the change and the format check must catch it), to the sign
 * itself, to the signed body (a signature fault is due), or to the text (a key twice). Fields,
 * limits, patterns and the keys an object may hold are read from the call's schema. Which code a
 * mutated request deserves is never decided here: the oracle judges the request that results.
 */
import fc from 'fast-check';
import { SECRET_KEY } from '../../kernel/signing/canonical.ts';
import { formatYuan, parseAmount, yuanNumber } from '../../kernel/money/money.ts';
import { itemsPath, schemaArbitrary } from './schema-arbitrary.ts';
import { deleteAt, objectPaths, requestFields, setAt, valueAt, type RequestField } from './request-fields.ts';
import { objectShape, resolve, type CallSchema, type JsonSchema, type SpecDocument } from './spec-schema.ts';

type Json = Record<string, unknown>;

/** How a request is signed wrongly, on purpose. */
export type BadSigning = 'wrong-secret' | 'other-encoding';

export type Mutation =
  | { kind: 'remove'; path: string }
  /** `""` and `null` (D-50), `{}` and `[]` (D-29: left out of the string to sign). */
  | { kind: 'empty'; path: string; value: '' | null | Json | unknown[] }
  | { kind: 'violate'; path: string; value: unknown }
  | { kind: 'unknown-field'; at: string; key: string; value: unknown }
  | { kind: 'unknown-app'; appId: string }
  | { kind: 'bad-sign'; how: BadSigning }
  | { kind: 'garbage-sign'; sign: string }
  | { kind: 'after-sign'; path: string; value: unknown }
  | { kind: 'form-flip'; path: string }
  | { kind: 'key-order'; at: string; order: number[] }
  | { kind: 'hard-chars'; path: string; value: string }
  | { kind: 'duplicate-key'; at: string; pick: number; earlier: unknown };

export interface Signing {
  /** `params` with `sign` set: correctly, or wrongly as asked. */
  sign(params: Json, bad?: BadSigning): Json;
}

export interface BuiltRequest {
  /** The body as sent, byte for byte. */
  text: string;
  /** The body as the target reads it (the last of a key twice). */
  json: Json;
  /** What was done to the valid request, one line each, for the report. */
  done: string[];
}

type Stage = 'draft' | 'signed' | 'text';

function stageOf(m: Mutation): Stage {
  switch (m.kind) {
    case 'remove':
    case 'empty':
    case 'violate':
      return m.path === 'sign' ? 'signed' : 'draft';
    case 'after-sign':
    case 'garbage-sign':
      return 'signed';
    case 'duplicate-key':
      return 'text';
    default:
      return 'draft';
  }
}

const shown = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));
const where = (at: string) => (at === '' ? 'the body' : at);

function describeMutation(m: Mutation): string {
  switch (m.kind) {
    case 'remove':
      return `${m.path} left out`;
    case 'empty':
      return `${m.path} set to the empty value ${shown(m.value)}`;
    case 'violate':
      return `${m.path} set to ${shown(m.value).slice(0, 80)}`;
    case 'unknown-field':
      return `a field ${JSON.stringify(m.key)} that ${where(m.at)} does not declare, set to ${shown(m.value).slice(0, 40)}`;
    case 'unknown-app':
      return `app_id ${JSON.stringify(m.appId)} (an application the target should not know)`;
    case 'bad-sign':
      return m.how === 'wrong-secret' ? 'signed with a wrong secret' : 'signed in the other encoding (hex ↔ base64)';
    case 'garbage-sign':
      return `sign replaced by ${JSON.stringify(m.sign.slice(0, 48))}`;
    case 'after-sign':
      return `after signing, ${m.path} changed to ${shown(m.value).slice(0, 80)}`;
    case 'form-flip':
      return `${m.path} written in its other form (a number as a string, a string as a number)`;
    case 'key-order':
      return `the keys of ${where(m.at)} reordered before signing`;
    case 'hard-chars':
      return `${m.path} set to ${JSON.stringify(m.value)} (characters JSON must escape, and the string to sign's own & and =)`;
    case 'duplicate-key':
      return `a key of ${where(m.at)} written twice, the earlier one ${shown(m.earlier).slice(0, 40)}`;
  }
}

export function buildRequest(draft: Json, mutations: readonly Mutation[], signing: Signing): BuiltRequest {
  const body = structuredClone(draft);
  const staged = (stage: Stage) => mutations.filter((m) => stageOf(m) === stage);
  for (const m of staged('draft')) applyToBody(body, m);
  const bad = mutations.find((m): m is Extract<Mutation, { kind: 'bad-sign' }> => m.kind === 'bad-sign');
  const signed = signing.sign(body, bad?.how);
  for (const m of staged('signed')) applyToBody(signed, m);
  let text = JSON.stringify(signed);
  for (const m of staged('text')) if (m.kind === 'duplicate-key') text = withKeyTwice(signed, m);
  return { text, json: signed, done: mutations.map(describeMutation) };
}

function applyToBody(body: Json, m: Mutation): void {
  switch (m.kind) {
    case 'remove':
      return deleteAt(body, m.path);
    case 'empty':
    case 'violate':
    case 'after-sign':
    case 'hard-chars':
      return setAt(body, m.path, structuredClone(m.value));
    case 'unknown-field': {
      // Set on the object itself: a key may hold a dot, a bracket, or be empty.
      if (m.at !== '' && valueAt(body, m.at) === undefined) setAt(body, m.at, {});
      const holder = m.at === '' ? body : valueAt(body, m.at);
      if (holder !== null && typeof holder === 'object' && !Array.isArray(holder)) (holder as Json)[m.key] = structuredClone(m.value);
      return;
    }
    case 'unknown-app':
      return void (body.app_id = m.appId);
    case 'garbage-sign':
      return void (body.sign = m.sign);
    case 'form-flip': {
      const value = valueAt(body, m.path);
      const amount = parseAmount(value, { allowZero: true });
      if (!amount.ok) return;
      return setAt(body, m.path, typeof value === 'number' ? formatYuan(amount.fen) : yuanNumber(amount.fen));
    }
    case 'key-order': {
      const target = m.at === '' ? body : valueAt(body, m.at);
      if (target === null || typeof target !== 'object' || Array.isArray(target)) return;
      const entries = Object.entries(target).map((entry, i) => ({ entry, rank: m.order.length === 0 ? i : (m.order[i % m.order.length] ?? 0) }));
      for (const key of Object.keys(target)) delete (target as Json)[key];
      for (const { entry } of entries.sort((a, b) => a.rank - b.rank)) (target as Json)[entry[0]] = entry[1];
      return;
    }
    case 'bad-sign':
    case 'duplicate-key':
      return;
  }
}

/** The body's JSON with one key of the object at `at` written twice: the earlier value, then its own. */
function withKeyTwice(body: Json, m: Extract<Mutation, { kind: 'duplicate-key' }>): string {
  const target = m.at === '' ? body : valueAt(body, m.at);
  if (target === null || typeof target !== 'object' || Array.isArray(target) || Object.keys(target).length === 0) return JSON.stringify(body);
  const keys = Object.keys(target);
  const key = keys[m.pick % keys.length];
  // A second pay code would be one the report's masking cannot tie to $PAY_CODE: it is doubled with itself.
  const earlier = key === 'pay_code' ? (target as Json)[key] : m.earlier;
  const write = (node: unknown): string => {
    if (node === target) return `{${keys.flatMap((k) => (k === key ? [[k, earlier], [k, (node as Json)[k]]] : [[k, (node as Json)[k]]])).map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
    if (Array.isArray(node)) return `[${node.map(write).join(',')}]`;
    if (node !== null && typeof node === 'object') return `{${Object.entries(node).map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
    return JSON.stringify(node) ?? 'null';
  };
  return write(body);
}

export interface MutationSpace {
  /** One to three faults at once: the flowchart's precedence decides the code. */
  negative: fc.Arbitrary<Mutation[]>;
  /** One sign-aware change: after signing, re-signed, or an edge of the string to sign. */
  signing: fc.Arbitrary<Mutation[]>;
}

/** Keys sorting around `app_sercet`, and the key itself: the string to sign has a pair of that name. */
function nearSecretKey(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(SECRET_KEY) },
    { weight: 2, arbitrary: fc.constantFrom(SECRET_KEY.toUpperCase(), SECRET_KEY.replace('sercet', 'secret'), `${SECRET_KEY} `, `${SECRET_KEY}_`) },
    { weight: 2, arbitrary: fc.tuple(fc.nat(SECRET_KEY.length), fc.stringMatching(/^[a-z_]{0,3}$/)).map(([cut, tail]) => SECRET_KEY.slice(0, cut) + tail) },
  );
}

const SMALL_JSON: fc.Arbitrary<unknown> = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 999 }), fc.boolean(), fc.constant(null), fc.constant({}), fc.constant([]));

/** What JSON must escape, and what the string to sign uses to join its pairs. */
const HARD_UNITS = ['"', '\\', '/', '&', '=', `&${SECRET_KEY}=`, '\u0000', '\u001f', '\u007f', '\u2028', '\u{1F600}', ' ', '\t', '\n', '中', 'é', '{', '}', '[', ']', ',', ':'];

export function mutationSpace(document: SpecDocument, call: CallSchema, knownAppIds: readonly string[]): MutationSpace {
  const root: JsonSchema = { $ref: `#/components/schemas/${call.name}` };
  const fields = requestFields(document, root);
  const objects = objectPaths(document, fields);
  const top = fields.filter((f) => f.top);
  const field = (path: string) => {
    const found = fields.find((f) => f.path === path);
    if (!found) throw new Error(`openapi.yaml: ${call.name} has no ${path}`);
    return found;
  };
  const valid = (f: RequestField) => schemaArbitrary(document, f.node, {}, f.schemaPath);
  /** The object schema at an object path: the body, a nested object, or an array's items. */
  const objectAt = (at: string): JsonSchema => {
    if (at === '') return root;
    const item = /^(.*)\[0\]$/.exec(at)?.[1];
    return item === undefined ? field(at).node : (resolve(document, field(item).node).items ?? {});
  };
  const undeclared = (at: string, keys: fc.Arbitrary<string>) => {
    const declared = Object.keys(objectShape(document, objectAt(at)).properties);
    return keys.filter((key) => !declared.includes(key));
  };
  const unknownField = (keys: () => fc.Arbitrary<string>) =>
    fc.oneof(...objects.map((at) => fc.record({ kind: fc.constant('unknown-field' as const), at: fc.constant(at), key: undeclared(at, keys()), value: SMALL_JSON })));
  const appId = valid(field('app_id')).filter((id) => !knownAppIds.includes(id as string)) as fc.Arbitrary<string>;
  const freeText = fields.filter((f) => !f.top && resolve(document, f.node).type === 'string' && resolve(document, f.node).pattern === undefined && resolve(document, f.node).enum === undefined);
  const amounts = fields.filter((f) => isAmountSchema(document, f.node));
  const optional = fields.filter((f) => !f.required);

  const negativeOne: fc.Arbitrary<Mutation> = fc.oneof(
    fc.constantFrom(...top.map((f): Mutation => ({ kind: 'remove', path: f.path }))),
    fc.record({ kind: fc.constant('empty' as const), path: fc.constantFrom(...top.filter((f) => f.required).map((f) => f.path)), value: fc.constantFrom<'' | null>('', null) }),
    fc.oneof(...fields.map((f) => violation(document, f).map((value): Mutation => ({ kind: 'violate', path: f.path, value })))),
    unknownField(() => fc.stringMatching(/^[a-z][a-z_]{0,11}$/)),
    appId.map((id): Mutation => ({ kind: 'unknown-app', appId: id })),
    fc.constantFrom<Mutation>({ kind: 'bad-sign', how: 'wrong-secret' }, { kind: 'bad-sign', how: 'other-encoding' }),
    valid(field('sign')).map((sign): Mutation => ({ kind: 'garbage-sign', sign: sign as string })),
  );

  const signingOne: fc.Arbitrary<Mutation> = fc.oneof(
    fc.oneof(...fields.filter((f) => f.path !== 'sign').map((f) => valid(f).map((value): Mutation => ({ kind: 'after-sign', path: f.path, value })))),
    fc.record({ kind: fc.constant('empty' as const), path: fc.constantFrom(...optional.map((f) => f.path)), value: fc.constantFrom<'' | null | Json | unknown[]>('', null, {}, []) }),
    { weight: 2, arbitrary: unknownField(nearSecretKey) },
    ...(amounts.length > 0 ? [fc.constantFrom(...amounts.map((f): Mutation => ({ kind: 'form-flip', path: f.path })))] : []),
    fc.record({ kind: fc.constant('key-order' as const), at: fc.constantFrom(...objects), order: fc.array(fc.nat(9), { minLength: 1, maxLength: 8 }) }),
    ...(freeText.length > 0 ? [fc.oneof(...freeText.map((f) => hardChars(resolve(document, f.node).maxLength ?? 16).map((value): Mutation => ({ kind: 'hard-chars', path: f.path, value }))))] : []),
    fc.record({ kind: fc.constant('duplicate-key' as const), at: fc.constantFrom(...objects), pick: fc.nat(16), earlier: SMALL_JSON }),
  );

  return { negative: fc.array(negativeOne, { minLength: 1, maxLength: 3 }), signing: signingOne.map((m) => [m]) };
}

function hardChars(maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...HARD_UNITS), { minLength: 1, maxLength: 6 }).map((units) => units.join('')).filter((s) => [...s].length <= maxLength);
}

/** A field a request may write as a number or as a string of yuan (RequestAmount, refund_amount), or a plain yuan number (price). */
function isAmountSchema(document: SpecDocument, node: JsonSchema): boolean {
  const schema = resolve(document, node);
  const types = new Set((schema.oneOf ?? [schema]).map((branch) => resolve(document, branch).type));
  return types.has('number');
}

/** Values the field's schema is likely to refuse: another type, too long, off the pattern, outside the range or the enum. */
function violation(document: SpecDocument, f: RequestField): fc.Arbitrary<unknown> {
  const branches = (node: JsonSchema): JsonSchema[] => {
    const schema = resolve(document, node);
    return schema.oneOf ? schema.oneOf.flatMap(branches) : [schema];
  };
  const schemas = branches(f.node);
  const types = new Set<string>(schemas.map((s) => (s.type === 'integer' ? 'number' : (s.type ?? 'object'))));
  const otherType = fc.constantFrom<unknown>(7, true, 'x', ['x'], { x: 1 }).filter((v) => !types.has(Array.isArray(v) ? 'array' : typeof v));
  const out: fc.Arbitrary<unknown>[] = [otherType];
  for (const schema of schemas) {
    const valid = schemaArbitrary(document, schema, {}, f.schemaPath);
    if (schema.enum) out.push(fc.constantFrom(...schema.enum.flatMap((v) => [String(v).toLowerCase(), `${String(v)} `, `X${String(v)}`])).filter((v) => !schema.enum!.includes(v)));
    if (schema.type === 'string' && schema.maxLength !== undefined) {
      const max = schema.maxLength;
      out.push(fc.tuple(valid, fc.integer({ min: 1, max: 3 })).map(([v, extra]) => {
        const unit = (v as string) || 'x';
        return unit.repeat(Math.ceil((max + extra) / unit.length)).slice(0, max + extra);
      }));
    }
    if (schema.type === 'string' && schema.pattern !== undefined) {
      const pattern = new RegExp(schema.pattern);
      out.push(fc.tuple(valid, fc.constantFrom(' ', '.', '中', '\u0000', '#', 'é', '-1'), fc.nat()).map(([v, c, at]) => {
        const text = v as string;
        const i = at % (text.length + 1);
        return text.slice(0, i) + c + text.slice(i);
      }).filter((v) => !pattern.test(v)));
    }
    if (schema.type === 'integer') out.push(fc.constantFrom(...[(schema.minimum ?? 1) - 1, (schema.maximum ?? 2 ** 53) + 1, 1.5]));
    if (schema.type === 'number') {
      const min = schema.exclusiveMinimum ?? schema.minimum ?? 0;
      const max = schema.maximum ?? 1_000_000;
      // D-6: a third decimal is refused by the amount's reading, not by the schema.
      out.push(fc.constantFrom(schema.exclusiveMinimum ?? min - 0.01, max + 0.01, 1.001, 0.001));
    }
    if (schema.type === 'array' && schema.maxItems !== undefined && schema.items) {
      const n = schema.maxItems + 1;
      out.push(schemaArbitrary(document, schema.items, {}, itemsPath(f.schemaPath)).map((item) => Array.from({ length: n }, () => structuredClone(item))));
    }
  }
  return fc.oneof(...out);
}
