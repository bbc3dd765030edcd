/**
 * An amount a request may send as a string or as a number (D-6) has one range in both forms: the
 * string's pattern admits no amount the number's bounds refuse. `paycheck fuzz` found
 * refund_amount's string form admitting up to 9999999.99 while its number form stops at
 * 1000000 (and the mock refuses more, 3002).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { formatYuan } from '../../src/kernel/money/money.ts';

type Node = { $ref?: string; oneOf?: Node[]; type?: string; pattern?: string; minimum?: number; exclusiveMinimum?: number; maximum?: number; properties?: Record<string, Node> };
const schemas = loadSpec().components.schemas as Record<string, Node>;
/** A schema by its name; a pointer into another schema's properties (an id, a sign) is no amount and stays as it is. */
const resolve = (node: Node): Node => {
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(node.$ref ?? '')?.[1];
  return name === undefined ? node : resolve(schemas[name]);
};

/** Every request property written as a string or a number: its two branches. */
function amountForms(): { where: string; text: Node; number: Node }[] {
  const out: { where: string; text: Node; number: Node }[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const branches = (resolve(property).oneOf ?? []).map(resolve);
      const text = branches.find((b) => b.type === 'string');
      const number = branches.find((b) => b.type === 'number');
      if (text && number) out.push({ where: `${name}.${key}`, text, number });
    }
  }
  return out;
}

test('an amount sent as a string has the range it has as a number (D-6)', () => {
  const forms = amountForms();
  assert.deepEqual(forms.map((f) => f.where).sort(), ['PayRequest.total_amount', 'RefundRequest.refund_amount']);
  for (const { where, text, number } of forms) {
    const pattern = new RegExp(text.pattern!);
    const maxFen = Math.round(number.maximum! * 100);
    assert.ok(pattern.test(formatYuan(maxFen)), `${where}: the largest number, ${formatYuan(maxFen)}, is refused as a string`);
    for (const above of [maxFen + 1, maxFen + 100, maxFen * 9]) assert.ok(!pattern.test(formatYuan(above)), `${where}: ${formatYuan(above)} passes as a string, above the number's maximum ${number.maximum}`);
    const zeroAllowed = number.exclusiveMinimum === undefined && (number.minimum ?? 0) <= 0;
    assert.equal(pattern.test('0'), zeroAllowed, `${where}: "0" as a string`);
  }
});
