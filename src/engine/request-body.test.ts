import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentTypeProblem, readJsonBody } from './request-body.ts';

const JSON_TYPE = 'application/json';

test('nothing, or only whitespace, is empty', () => {
  assert.deepEqual(readJsonBody(JSON_TYPE, ''), { kind: 'empty' });
  assert.deepEqual(readJsonBody(JSON_TYPE, new Uint8Array()), { kind: 'empty' });
  assert.deepEqual(readJsonBody(JSON_TYPE, ' \n\t '.repeat(100)), { kind: 'empty' });
  assert.deepEqual(readJsonBody(undefined, ''), { kind: 'empty' }, 'empty wins over a missing content type');
});

test('invalid UTF-8, another content type or a non-JSON text is unreadable, with a reason', () => {
  const cases: [string | undefined, string | Uint8Array, RegExp][] = [
    [JSON_TYPE, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /UTF-8/],
    ['text/plain', '{}', /text\/plain/],
    [undefined, '{}', /no Content-Type/],
    ['application/json; charset=latin1', '{}', /latin1/],
    [JSON_TYPE, '{"a":', /not JSON/],
    [JSON_TYPE, "{'a':1}", /not JSON/],
  ];
  for (const [type, body, reason] of cases) {
    const read = readJsonBody(type, body);
    assert.equal(read.kind, 'unreadable', String(body));
    assert.match((read as { reason: string }).reason, reason);
  }
});

test('JSON under application/json, any letter case or a UTF-8 charset', () => {
  assert.deepEqual(readJsonBody('Application/JSON; Charset="UTF-8"', new TextEncoder().encode('{"a":"可"}')), { kind: 'json', value: { a: '可' } });
  assert.equal(contentTypeProblem('application/json;charset=utf8'), undefined);
});

test('__proto__ stays an own data property and pollutes nothing', () => {
  const read = readJsonBody(JSON_TYPE, '{"__proto__":{"polluted":true}}');
  assert.equal(read.kind, 'json');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.ok(Object.hasOwn((read as { value: object }).value, '__proto__'));
});

test('a key twice in one object, at any depth, is unreadable and named; so is nesting past the limit', () => {
  const cases: [string, string][] = [
    ['{"total_amount":"1.00","total_amount":"100.00"}', 'the body has the key $.total_amount twice in one object (which one counts is ambiguous)'],
    ['{"store_info":{"store_id":"a","store_id":"b"}}', 'the body has the key $.store_info.store_id twice in one object (which one counts is ambiguous)'],
    ['{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), 'the body nests deeper than 32 levels'],
  ];
  for (const [body, reason] of cases) assert.deepEqual(readJsonBody(JSON_TYPE, body), { kind: 'unreadable', reason });
});

test('a number JSON.parse rounds is unreadable, in the words the command line uses: a numeric pay code past 2^53 is not read as another code', () => {
  assert.deepEqual(readJsonBody(JSON_TYPE, '{"app_id":"a","pay_code":134567890123456789}'), {
    kind: 'unreadable',
    reason: 'the body has the number 134567890123456789 at $.pay_code: more digits than a JSON number keeps (2^53), so it reads 134567890123456780; send it as a string',
  });
  assert.deepEqual(readJsonBody(JSON_TYPE, '{"goods_list":[{"num":2,"price":3}],"total_amount":11.00}'), { kind: 'json', value: { goods_list: [{ num: 2, price: 3 }], total_amount: 11 } });
});

test('a body that begins with a byte order mark is unreadable, as bytes (MSW) and as a string (the HTTP server), and the mark, which prints as nothing, is named', () => {
  const unreadable = { kind: 'unreadable', reason: 'the body begins with a byte order mark (U+FEFF), which JSON sent over a network must not (RFC 8259)' };
  assert.deepEqual(readJsonBody(JSON_TYPE, new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a":1}')])), unreadable);
  assert.deepEqual(readJsonBody(JSON_TYPE, '\ufeff{"a":1}'), unreadable);
});
