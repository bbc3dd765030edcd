import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_PATHS } from '../../src/kernel/spec/api-paths.ts';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';

test("API_PATHS names exactly openapi.yaml's paths", () => {
  assert.deepEqual(Object.values(API_PATHS).sort(), Object.keys(loadSpec().paths).sort());
});
