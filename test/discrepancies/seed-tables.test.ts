/**
 * openapi.yaml against the seed's tables, field by field (seed-tables.ts, written from the seed
 * by hand, never from the spec): type, required, maximum length, allowed values. Where they
 * differ, a decision of docs/discrepancies.md must say so in its `**Overrides the seed.**` line —
 * the spec's value, which must then be what openapi.yaml has. Anything else fails, the seed line
 * named. The test of the test below applies spec edits that contradict the seed and shows each
 * one caught.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { CHANNEL_VOUCHER_FIELDS } from '../../src/kernel/channel.ts';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { ENVELOPE_ROWS, rowPrefix, SCHEMA_OF_TABLE, SEED_ROWS, type SeedRow } from './seed-tables.ts';

type Node = {
  $ref?: string; type?: string | string[]; allOf?: Node[]; oneOf?: Node[]; enum?: unknown[]; const?: unknown;
  maxLength?: number; maximum?: number; required?: string[]; properties?: Record<string, Node>;
};
interface Spec {
  components: { schemas: Record<string, Node> };
}

type Attribute = 'name' | 'type' | 'required' | 'maxLength' | 'values';

/** `Schema.field attribute value`: what a decision says the spec has instead of the seed's row. */
interface Override {
  decision: string;
  target: string;
  attribute: Attribute;
  value: string;
}

export interface Mismatch {
  row: SeedRow;
  target: string;
  attribute: Attribute;
  seed: string;
  spec: string;
}

/** A node with its $ref followed (a JSON pointer into the document) and its allOf merged in. */
function resolve(spec: Spec, node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  let own = node;
  if (node.$ref) {
    const path = node.$ref.replace(/^#\//, '').split('/');
    let target: unknown = spec;
    for (const part of path) target = (target as Record<string, unknown> | undefined)?.[part];
    const { $ref: _, ...siblings } = node;
    own = { ...resolve(spec, target as Node), ...siblings };
  }
  return (own.allOf ?? []).reduce<Node>((merged, part) => ({ ...resolve(spec, part), ...merged }), { ...own, allOf: undefined });
}

const SEED_TYPE: Readonly<Record<SeedRow['type'], string>> = { String: 'string', int: 'integer', double: 'number', object: 'object', Array: 'array' };

function typesOf(spec: Spec, node: Node): string {
  if (node.oneOf) return [...new Set(node.oneOf.map((m) => typesOf(spec, resolve(spec, m)!)))].sort().join('|');
  if (node.type) return [node.type].flat().sort().join('|');
  const value = node.const ?? node.enum?.[0];
  return value === undefined ? 'any' : Number.isInteger(value) ? 'integer' : typeof value;
}

/** Every way openapi.yaml differs from the seed's rows: seed value against spec value, per attribute. */
export function mismatches(spec: Spec, overrides: readonly Override[] = []): Mismatch[] {
  const out: Mismatch[] = [];
  for (const row of SEED_ROWS) {
    const schemaName = ENVELOPE_ROWS[row.field] && row.table === '响应参数' ? ENVELOPE_ROWS[row.field] : SCHEMA_OF_TABLE[row.table];
    const parent = resolve(spec, spec.components.schemas[schemaName]);
    const renamed = overrides.find((o) => o.target === `${schemaName}.${row.field}` && o.attribute === 'name')?.value;
    const field = renamed ?? row.field;
    const target = `${schemaName}.${row.field}`;
    const differ = (attribute: Attribute, seed: string, found: string) => {
      if (seed !== found) out.push({ row, target, attribute, seed, spec: found });
    };
    const node = resolve(spec, parent?.properties?.[field]);
    differ('name', row.field, node ? field : '(absent)');
    if (!node) continue;
    const type = typesOf(spec, node);
    differ('type', SEED_TYPE[row.type], type);
    const required = parent?.required?.includes(field) ?? false;
    if (typeof row.required === 'boolean') differ('required', row.required ? 'yes' : 'no', required ? 'yes' : 'no');
    else {
      // One channel's only: not for the schema (it cannot tell the channel), for the channel's list of fields.
      const listed = (CHANNEL_VOUCHER_FIELDS[row.required] as readonly string[]).includes(field);
      differ('required', `${row.required} only`, required ? 'yes' : listed ? `${row.required} only` : 'no');
    }
    const values = node.enum ?? (node.const === undefined ? undefined : [node.const]);
    if (row.values || values) differ('values', (row.values ?? []).join(' ') || '(any)', values ? values.map(String).join(' ') : '(any)');
    // A length pins a string; a list of values pins it more, and a number has no length but a maximum.
    const numeric = type === 'integer' || type === 'number';
    if (values === undefined && row.maxLength !== undefined) differ('maxLength', String(row.maxLength), String((numeric ? node.maximum : node.maxLength) ?? 'none'));
    if (values === undefined && row.maxLength === undefined && numeric && node.maximum !== undefined) differ('maxLength', 'none', String(node.maximum));
  }
  return out;
}

const DOC = readFileSync('docs/discrepancies.md', 'utf8');

/** Every `**Overrides the seed.**` line of docs/discrepancies.md, with the decision it is in. */
export function overridesIn(doc: string): Override[] {
  const out: Override[] = [];
  for (const entry of doc.split(/\n(?=### D-\d+ )/)) {
    const decision = /^### (D-\d+) /.exec(entry)?.[1];
    const line = /\*\*Overrides the seed\.\*\* ([^\n]+(?:\n(?!\n)[^\n]+)*)/.exec(entry)?.[1];
    if (!decision || !line) continue;
    for (const item of line.split(';').map((i) => i.trim().replace(/\.$/, '')).filter(Boolean)) {
      const m = /^`([A-Za-z]+\.[a-z_0-9]+)` (name|type|required|maxLength|values) (.+)$/.exec(item.replace(/\s+/g, ' '));
      if (!m) throw new Error(`${decision}: cannot read the override "${item}"; write \`Schema.field\` name|type|required|maxLength|values VALUE`);
      out.push({ decision, target: m[1], attribute: m[2] as Attribute, value: m[3].replace(/`/g, '') });
    }
  }
  return out;
}

/** The mismatches no decision explains, and the overrides that explain nothing, as lines naming the seed's. */
function unexplained(spec: Spec, overrides: readonly Override[]): string[] {
  const found = mismatches(spec, overrides);
  const problems: string[] = [];
  for (const m of found) {
    const o = overrides.find((x) => x.target === m.target && x.attribute === m.attribute);
    if (o && o.value === m.spec) continue;
    problems.push(
      `seed line ${m.row.line} (${m.row.table}, ${rowPrefix(m.row)}): ${m.target} ${m.attribute} is ${m.seed} in the seed, ${m.spec} in openapi.yaml — ` +
        (o ? `${o.decision} says ${o.value}` : 'no decision in docs/discrepancies.md overrides it'),
    );
  }
  for (const o of overrides) {
    if (o.attribute === 'name' && found.every((m) => m.target !== o.target || m.attribute !== 'name')) {
      if (!SEED_ROWS.some((r) => `${SCHEMA_OF_TABLE[r.table]}.${r.field}` === o.target || `${ENVELOPE_ROWS[r.field]}.${r.field}` === o.target)) problems.push(`${o.decision} overrides ${o.target}, which is no row of the seed`);
      continue;
    }
    if (o.attribute !== 'name' && !found.some((m) => m.target === o.target && m.attribute === o.attribute)) problems.push(`${o.decision} overrides ${o.target} ${o.attribute}, where openapi.yaml agrees with the seed: a stale override`);
  }
  return problems;
}

const OVERRIDES = overridesIn(DOC);

test('openapi.yaml holds every row of the seed\'s tables, or a decision of docs/discrepancies.md says why not', () => {
  assert.deepEqual(unexplained(loadSpec() as unknown as Spec, OVERRIDES), []);
});

test('each override names its decision, and the decisions that override rows are those of the seed\'s tables', () => {
  assert.deepEqual([...new Set(OVERRIDES.map((o) => o.decision))].sort(), ['D-1', 'D-10', 'D-11', 'D-12', 'D-13', 'D-37', 'D-4', 'D-5', 'D-6'].sort());
});

test('the rows are the seed\'s: each is its line of pay-qrcode.md (checked where ../shared is at hand)', (t) => {
  const file = '../shared/seed/pay-qrcode.md';
  if (!existsSync(file)) return t.skip(`${file} is not here`);
  const lines = readFileSync(file, 'utf8').split('\n');
  const cells = (text: string) => text.split('|').slice(1, 5).map((c) => c.trim().replace(/^-$/, ''));
  for (const row of SEED_ROWS) assert.deepEqual(cells(lines[row.line - 1] ?? ''), cells(rowPrefix(row)), `line ${row.line}`);
  for (const row of SEED_ROWS) for (const v of row.values ?? []) assert.ok(lines[row.line - 1]?.includes(`\`${v}\``), `line ${row.line} lists \`${v}\``);
});

/** openapi.yaml with one edit made to a copy. */
function edited(edit: (schemas: Record<string, Node>) => void): Spec {
  const spec = structuredClone(loadSpec()) as unknown as Spec;
  edit(spec.components.schemas);
  return spec;
}
const drop = (list: string[] | undefined, name: string) => list?.splice(list.indexOf(name), 1);

test('the test of the test: each spec edit that contradicts the seed fails it, the seed line named', () => {
  const edits: [string, (s: Record<string, Node>) => void, RegExp][] = [
    ...['order_id', 'pay_type', 'total_amount', 'payable_amount'].map((field): [string, (s: Record<string, Node>) => void, RegExp] => [
      `${field} dropped from data's required`, (s) => void drop(s.PayResultData.required, field), new RegExp(`seed line \\d+ \\(响应参数, \\|${field}\\|.*PayResultData\\.${field} required is yes in the seed, no in openapi\\.yaml`),
    ]),
    ['voucher name dropped from required', (s) => void drop(s.Voucher.required, 'name'), /seed line 85 .*Voucher\.name required is yes in the seed, no/],
    ['voucher merchant_contribute dropped from required', (s) => void drop(s.Voucher.required, 'merchant_contribute'), /seed line 90 .*Voucher\.merchant_contribute required is yes/],
    ['voucher id raised to 64', (s) => void (s.Voucher.properties!.id.maxLength = 64), /seed line 84 .*Voucher\.id maxLength is 32 in the seed, 64 in openapi\.yaml/],
    ['voucher activity_id raised to 64', (s) => void (s.Voucher.properties!.activity_id.maxLength = 64), /seed line 86 .*Voucher\.activity_id maxLength is 32 in the seed, 64/],
    ['voucher name raised to 128', (s) => void (s.Voucher.properties!.name.maxLength = 128), /seed line 85 .*Voucher\.name maxLength is 64 in the seed, 128/],
    ['goods title raised to 512', (s) => void (s.Goods.properties!.title.maxLength = 512), /seed line 37 .*Goods\.title maxLength is 256 in the seed, 512/],
    ['a third voucher type', (s) => void s.Voucher.properties!.type.enum!.push('GIFT'), /seed line 88 .*Voucher\.type values is COUPON DISCOUNT in the seed, COUPON DISCOUNT GIFT/],
    ['voucher scope made optional again', (s) => void drop(s.Voucher.required, 'scope'), /seed line 87 .*Voucher\.scope required is yes/],
    ['app_id raised to 64', (s) => void (s.PayRequest.properties!.app_id.maxLength = 64), /seed line 15 .*PayRequest\.app_id maxLength is 32 in the seed, 64/],
    ['sign_type with a third value', (s) => void s.PayRequest.properties!.sign_type.enum!.push('SHA1'), /seed line 17 .*PayRequest\.sign_type values/],
    ['a WeChat-only field left off the channel', (s) => void (s.Voucher.required = [...s.Voucher.required!, 'activity_id']), /seed line 86 .*Voucher\.activity_id required is wechat only in the seed, yes/],
    ['an override that no longer holds: order_id at 100', (s) => void (s.PayRequest.properties!.order_id.maxLength = 100), /seed line 18 .*PayRequest\.order_id maxLength is 128 in the seed, 100 in openapi\.yaml — D-12 says 64/],
  ];
  for (const [name, edit, message] of edits) {
    const problems = unexplained(edited(edit), OVERRIDES);
    assert.ok(problems.some((p) => message.test(p)), `${name}: ${problems.join('\n') || 'passed'}`);
  }
  assert.deepEqual(unexplained(loadSpec() as unknown as Spec, OVERRIDES), [], 'and on openapi.yaml as it is, nothing');
  assert.match(unexplained(loadSpec() as unknown as Spec, [...OVERRIDES, { decision: 'D-99', target: 'Goods.title', attribute: 'maxLength', value: '256' }]).join('\n'), /D-99 overrides Goods\.title maxLength, where openapi\.yaml agrees with the seed: a stale override/);
});
