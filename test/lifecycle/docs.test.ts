/** docs/lifecycle.md stays in step with the code: the rules table, the policy defaults, the CLI options. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { helpText } from '../../src/cli/command.ts';
import { AUDIT, CHECKOUT } from '../../src/cli/commands.ts';
import { AUDIT_RULES, AUDIT_RULE_NAMES, policyCell } from '../../src/checks/audit/audit-rules.ts';
import { DEFAULT_POLICY, resolvePolicy } from '../../src/kernel/lifecycle/policy.ts';

const doc = readFileSync('docs/lifecycle.md', 'utf8');

/** The rows of the first table after a heading, without its header and rule lines. */
function tableAfter(heading: string): string[] {
  const lines = doc.slice(doc.indexOf(heading)).split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start + 2, end);
}

test('the audit rules table is AUDIT_RULES, in order, with the default policy values', () => {
  const expected = AUDIT_RULE_NAMES.map((rule) => `| \`${rule}\` | ${AUDIT_RULES[rule].flags} | ${policyCell(rule, resolvePolicy())} |`);
  assert.deepEqual(tableAfter('## The audit rules'), expected);
});

test('the policy table lists every field of DEFAULT_POLICY with its default', () => {
  const rows = tableAfter('## The practice as data');
  assert.deepEqual(rows.map((row) => /^\| `(\w+)` \|/.exec(row)?.[1]), Object.keys(DEFAULT_POLICY));
  for (const row of rows) {
    const [, key, shown] = /^\| `(\w+)` \| ([^|]+) \|/.exec(row)!;
    const value = DEFAULT_POLICY[key as keyof typeof DEFAULT_POLICY];
    const expected = Array.isArray(value) ? value.map((v) => `\`${v}\``).join(', ') : String(value).replace(/\B(?=(\d{3})+$)/g, ' ');
    assert.equal(shown.trim(), expected, key);
  }
});

test('every option the commands take is documented', () => {
  for (const [help, section] of [[helpText(AUDIT), '## `paycheck audit`'], [helpText(CHECKOUT), '## `paycheck checkout`']] as const) {
    const text = doc.slice(doc.indexOf(section));
    for (const option of help.match(/--[a-z-]+/g) ?? []) if (option !== '--help') assert.ok(text.includes(option), `${section}: ${option}`);
  }
});
