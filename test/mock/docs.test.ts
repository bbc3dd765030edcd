/**
 * docs/mock.md and the code agree: every scenario (with its amount), fault kind, setting, header,
 * lifecycle call, callback variant and the retry schedule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CALLBACK_VARIANT_NAMES, CONTROL_HEADERS, FAULT_KINDS, FAULT_POINTS, LIFECYCLE_PATHS, SCENARIOS, type Scenario } from '../../src/engine/index.ts';
import { CALLBACK_RETRY_MS, CALLBACK_TIMEOUT_MS } from '../../src/adapters/http/callback-delivery.ts';
import { MOCK } from '../../src/cli/commands.ts';

const doc = readFileSync(new URL('../../docs/mock.md', import.meta.url), 'utf8');
const rows = doc.split('\n').filter((line) => line.startsWith('|'));

test('the scenario table lists every scenario with its amount, and nothing else', () => {
  const documented = rows.filter((row) => /^\| `[A-Z_]+` \| (\d+\.\d{2}|—) \|/.test(row));
  assert.equal(documented.length, SCENARIOS.length);
  for (const scenario of SCENARIOS as readonly Scenario[]) {
    assert.ok(documented.some((row) => row.startsWith(`| \`${scenario.name}\` | ${scenario.amount ?? '—'} |`)), scenario.name);
  }
});

test('every fault kind, point, setting and control header is documented', () => {
  for (const kind of FAULT_KINDS) assert.ok(doc.includes(`\`${kind}\``), kind);
  for (const point of FAULT_POINTS) assert.ok(doc.includes(`\`${point}\``), point);
  for (const [flag, { env }] of Object.entries(MOCK.options)) {
    assert.ok(rows.some((row) => row.startsWith(`| \`--${flag}\` | \`${env}\` |`)), flag);
  }
  for (const header of Object.values(CONTROL_HEADERS)) assert.ok(doc.toLowerCase().includes(header), header);
});

test('every lifecycle call and callback variant has a row; the retry schedule is the code’s', () => {
  for (const path of LIFECYCLE_PATHS) assert.ok(rows.some((row) => row.startsWith(`| \`${path}\` |`)), path);
  for (const variant of CALLBACK_VARIANT_NAMES) assert.ok(rows.some((row) => row.startsWith(`| \`${variant}\` |`)), variant);
  const seconds = (ms: number) => `${ms / 1000} s`;
  assert.ok(doc.includes(`retries after ${CALLBACK_RETRY_MS.map(seconds).join(', ')}`), 'retry schedule');
  assert.ok(doc.includes(`within ${seconds(CALLBACK_TIMEOUT_MS)}`), 'attempt timeout');
});
