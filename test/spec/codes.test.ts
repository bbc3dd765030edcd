import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CODES, DIALECT_CODES } from '../../src/kernel/codes.ts';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';

const doc = readFileSync('docs/error-codes.md', 'utf8');

test('the registry and the spec Code enum hold the same codes', () => {
  const specCodes = (loadSpec().components.schemas.Code as { enum: number[] }).enum;
  assert.deepEqual([...specCodes].sort(), CODES.map((c) => c.code).sort());
});

test('docs/error-codes.md lists exactly the registry, row for row', () => {
  const rows = [...doc.matchAll(/^\| (\d{4}) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| (\w+) \| (\w+) \| (\w+) \|$/gm)].map((m) => ({
    code: Number(m[1]), msg: m[2].trim(), msgSource: m[3].trim(), meaning: m[4].trim(), action: m[5].trim(), dialect: m[6], kind: m[7], payData: m[8],
  }));
  assert.deepEqual(rows, CODES.map((c) => ({ ...c })));
});

test('the codes whose pay answer carries the order are the spec\'s PayResponse members with an order, and PayError excludes exactly them', () => {
  const schemas = loadSpec().components.schemas as Record<string, { properties: { code: { const?: number; allOf?: { not?: { enum: number[] } }[] } } }>;
  const withOrder = CODES.filter((c) => c.payData === 'order').map((c) => c.code);
  assert.deepEqual(['PaySuccess', 'PayFailed', 'PayPending'].map((name) => schemas[name].properties.code.const), withOrder);
  const excluded = schemas.PayError.properties.code.allOf?.find((part) => part.not)?.not?.enum;
  assert.deepEqual(excluded, withOrder);
});

test('docs/error-codes.md shows the dialect mapping of src/kernel/codes.ts', () => {
  const rows = [...doc.matchAll(/^\| (\w+) \| (\d{4}) \| (\d{4}) \|$/gm)].map((m) => [m[1], { flowchart: Number(m[2]), table: Number(m[3]) }]);
  assert.deepEqual(Object.fromEntries(rows), DIALECT_CODES);
});

test('every dialect code is a registered code', () => {
  const known = new Set(CODES.map((c) => c.code));
  for (const pair of Object.values(DIALECT_CODES)) for (const code of Object.values(pair)) assert.ok(known.has(code), String(code));
});
