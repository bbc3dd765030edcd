import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstLooseNumber } from './json-number-text.ts';

test('plain decimals with up to two decimals pass', () => {
  for (const json of ['{"total_amount":11.00}', '{"a":11,"b":-3.5,"c":[0.01,2]}', '{"t":"1E2 and 1.234 inside a string"}', '{"t":"\\"1e5\\"","n":1}', 'true', '{"x":null,"y":false}'])
    assert.equal(firstLooseNumber(json), undefined, json);
});

test('an exponent or a third decimal is found, wherever the number sits', () => {
  const cases: [string, string][] = [
    ['{"total_amount":1E2}', '1E2'],
    ['{"total_amount":1.1000000000000000888}', '1.1000000000000000888'],
    ['{"total_amount":0.30000000000000001}', '0.30000000000000001'],
    ['{"goods_list":[{"price":3.005}]}', '3.005'],
    ['{"a":"x\\\\","total_amount":2e-2}', '2e-2'],
    ['{"n":1e309}', '1e309'],
  ];
  for (const [json, token] of cases) assert.equal(firstLooseNumber(json), token, json);
});
