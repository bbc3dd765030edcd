import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { compileSchemas, type SchemaName } from '../../src/kernel/spec/schemas.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';

const spec = loadSpec();
const schemas = compileSchemas(spec);

interface Media {
  schema: { $ref: string };
  examples?: Record<string, { value: unknown }>;
}

/** Every media object with examples, wherever it sits in paths and webhooks. */
function mediaWithExamples(): { where: string; media: Media }[] {
  const found: { where: string; media: Media }[] = [];
  const walk = (node: unknown, where: string) => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.schema && record.examples) found.push({ where, media: record as unknown as Media });
    for (const [key, child] of Object.entries(record)) walk(child, `${where}/${key}`);
  };
  walk(spec.paths, '#/paths');
  walk(spec.webhooks, '#/webhooks');
  return found;
}

const schemaOfCode: Record<number, SchemaName> = { 1000: 'PaySuccess', 1001: 'PayFailed', 1002: 'PayPending' };

test('every example in openapi.yaml validates against its own schema', () => {
  const media = mediaWithExamples();
  assert.ok(media.length >= 2, 'request and response examples are found');
  let count = 0;
  for (const { where, media: m } of media) {
    const name = m.schema.$ref.split('/').pop() as SchemaName;
    for (const [exampleName, example] of Object.entries(m.examples ?? {})) {
      const validate = schemas.validator(name);
      assert.ok(validate(example.value), `${where} ${exampleName}: ${JSON.stringify(validate.errors)}`);
      const code = (example.value as { code?: number }).code;
      if (code !== undefined && where.startsWith('#/paths//pay/qrcode/')) {
        const specific = schemas.validator(schemaOfCode[code] ?? 'PayError');
        assert.ok(specific(example.value), `${where} ${exampleName} as ${code}: ${JSON.stringify(specific.errors)}`);
      }
      count++;
    }
  }
  assert.ok(count >= 6, `examples checked: ${count}`);
});

test('the response schemas reject what they must', () => {
  const response = schemas.validator('PayResponse');
  const ok = { code: 1000, msg: '支付成功', data: { trade_no: 't', order_id: 'o', pay_type: 0, order_status: 1, total_amount: 1, payable_amount: 1, real_amount: 1, voucher_list: [] } };
  assert.ok(response(ok));
  assert.equal(response({ ...ok, data: { ...ok.data, order_status: 0 } }), false, '1000 with order_status 0');
  assert.equal(response({ ...ok, code: 1002, data: { ...ok.data, order_status: 0 } }), false, '1002 with real_amount 1');
  assert.equal(response({ code: 3004, msg: 'x', data: { a: 1 } }), false, 'error with data');
  assert.equal(response({ code: 9999, msg: 'x', data: {} }), false, 'unknown code');
});

test('the signed example in the spec verifies with the demo secret', () => {
  const post = spec.paths['/pay/qrcode'].post as { requestBody: { content: Record<string, Media> } };
  const example = post.requestBody.content['application/json'].examples?.wechatMinimal.value as Record<string, unknown>;
  assert.ok(nodeSigner.verify(example, { secret: DEMO_APP.secret, encoding: 'base64' }));
});

test('the worked example in the spec description is what the signer computes', () => {
  const description = (spec.info as { description: string }).description;
  const flat = description.replace(/\s+/g, ' ');
  const request = JSON.parse(/request `(\{[^`]*\})`/.exec(flat)?.[1] ?? 'null') as Record<string, unknown>;
  const secret = /secret `([^`]+)`/.exec(flat)?.[1] ?? '';
  assert.ok(request && secret, 'the description names a request and a secret');
  const sig = nodeSigner.signature(request, { secret, encoding: 'base64' });
  assert.ok(description.includes(sig.canonical), 'string to sign');
  assert.ok(description.includes(sig.md5 ?? '?'), 'md5');
  assert.ok(description.includes(sig.sign), 'sign');
});
