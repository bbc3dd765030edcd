import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULE_NAMES } from '../../src/checks/contract/rule-names.ts';
import { BROKEN_VARIANTS } from '../../src/runners/contracts/broken/variants.ts';
import { READINGS, READING_NAMES } from '../../src/checks/contract/readings.ts';

const doc = readFileSync(new URL('../../docs/contracts.md', import.meta.url), 'utf8');

test('docs/contracts.md lists every rule and every broken variant with the rules that catch it', () => {
  for (const rule of RULE_NAMES) assert.ok(doc.includes(`| \`${rule}\` |`), `rule ${rule} missing from docs/contracts.md`);
  for (const variant of BROKEN_VARIANTS) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${variant.name}\` |`));
    assert.ok(row, `variant ${variant.name} missing from docs/contracts.md`);
    for (const rule of variant.caughtBy) assert.ok(row.includes(`\`${rule}\``), `${variant.name}: ${rule} not in its docs row`);
  }
});

test('docs/contracts.md lists every reading with its decision, its variable and paycheck\'s own reading', () => {
  for (const name of READING_NAMES) {
    const { decision, env, own } = READINGS[name];
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
    assert.ok(row, `reading ${name} missing from docs/contracts.md`);
    assert.ok(row.includes(`| ${decision} |`) && row.includes(`\`${env}\``) && row.includes(`\`${own}\``), `${name}: ${row}`);
  }
});
