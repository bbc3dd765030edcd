import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

test('Redocly sends no telemetry: the config and CI both say so', () => {
  const config = parse(readFileSync('redocly.yaml', 'utf8')) as { telemetry?: string };
  assert.equal(config.telemetry, 'off');
  assert.match(readFileSync('.ci/run', 'utf8'), /REDOCLY_TELEMETRY=off/);
});
