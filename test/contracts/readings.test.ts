/**
 * Where the documents allow two readings, a server that takes the other one passes: the mock
 * taking each reading in turn (test/support/reading-variants.ts) runs the whole suite with no
 * finding, the reading it took is what the suite reports, and demanding paycheck's own reading
 * fails it on `reading` alone. The mock itself shows paycheck's readings.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MockServer } from '../../src/adapters/http/server.ts';
import { READINGS, READING_NAMES } from '../../src/checks/contract/readings.ts';
import { ALL_CASES } from '../../src/runners/contracts/cases/all-cases.ts';
import { startBrokenServer } from '../../src/runners/contracts/broken/server.ts';
import { runCasesAgainst } from '../../src/runners/contracts/support/suite-runner.ts';
import { READING_VARIANTS } from '../support/reading-variants.ts';

const servers: MockServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const own = (name: keyof typeof READINGS) => READINGS[name].own;

test('every reading but the error dialect (a mock option of its own) has a variant that takes the other one', () => {
  assert.deepEqual(READING_VARIANTS.map((v) => v.reading).sort(), READING_NAMES.filter((n) => n !== 'error-codes').sort());
  for (const v of READING_VARIANTS) assert.ok(Object.keys(READINGS[v.reading].readings).includes(v.value) && v.value !== own(v.reading), v.reading);
});

test('the mock shows paycheck\'s own reading of everything it shows', async () => {
  const mock = await startBrokenServer(undefined, { encoding: 'base64' });
  servers.push(mock);
  const run = await runCasesAgainst(mock.url, ALL_CASES);
  assert.deepEqual(run.failures, []);
  for (const [name, seen] of Object.entries(run.readings)) assert.deepEqual(Object.keys(seen ?? {}), [own(name as keyof typeof READINGS)], name);
  assert.ok(Object.values(run.strict).every((c) => c.notHeld === 0), 'the mock holds every strict limit');
});

describe('a target taking the other reading passes, reported; paycheck\'s own demanded, it fails on reading', () => {
  for (const variant of READING_VARIANTS) {
    test(`${variant.reading} ${variant.value} (${READINGS[variant.reading].decision})`, async () => {
      const server = await startBrokenServer(variant, { encoding: variant.encoding });
      servers.push(server);
      const run = await runCasesAgainst(server.url, ALL_CASES, { encoding: variant.encoding });
      assert.deepEqual(run.failures, [], JSON.stringify(run.failures.slice(0, 3), null, 1));
      assert.deepEqual(Object.keys(run.readings[variant.reading] ?? {}), [variant.value]);
      const demanded = await runCasesAgainst(server.url, ALL_CASES, { encoding: variant.encoding, demands: new Map([[variant.reading, own(variant.reading)]]) });
      assert.deepEqual([...demanded.brokenRules], ['reading']);
      assert.ok(demanded.failures.every((f) => f.message.includes(`${READINGS[variant.reading].env}=${own(variant.reading)} demands`)), demanded.failures[0]?.message);
    });
  }
});
