/**
 * Where a value breaks a schema of openapi.yaml, as JSON paths. A missing or unknown property is
 * reported at its own path (`/data/voucher_list`, `/notify_url`), not at its parent's, so a test
 * can name the one place a decision shows.
 */
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { compileSchemas, type ErrorObject, type SchemaName } from '../../src/kernel/spec/schemas.ts';

const schemas = compileSchemas(loadSpec());

function pathOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string; unevaluatedProperty?: string };
  const child = params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty;
  return child === undefined ? error.instancePath : `${error.instancePath}/${child}`;
}

/** Sorted, distinct paths of every violation; `[]` when the value conforms. */
export function failures(name: SchemaName, value: unknown): string[] {
  const validate = schemas.validator(name);
  if (validate(value)) return [];
  return [...new Set((validate.errors ?? []).map(pathOf))].sort();
}

type Examples = Record<string, { examples?: Record<string, { value: unknown }> }>;
interface Operation {
  requestBody?: { content: Examples };
  responses?: Record<string, { content?: Examples }>;
}

function exampleIn(content: Examples | undefined, name: string, where: string): Record<string, unknown> {
  const example = content?.['application/json']?.examples?.[name];
  if (!example) throw new Error(`openapi.yaml has no example ${name} at ${where}`);
  return structuredClone(example.value) as Record<string, unknown>;
}

/** A request or response example of one of openapi.yaml's operations, by name. */
export function specExample(kind: 'request' | 'response', name: string, path = '/pay/qrcode'): Record<string, unknown> {
  const post = loadSpec().paths[path]?.post as Operation | undefined;
  const content = kind === 'request' ? post?.requestBody?.content : post?.responses?.['200']?.content;
  return exampleIn(content, name, `${path} ${kind}`);
}

/** A request example of one of openapi.yaml's webhooks, by name. */
export function webhookExample(webhook: string, name: string): Record<string, unknown> {
  const post = (loadSpec().webhooks?.[webhook] as { post?: Operation } | undefined)?.post;
  return exampleIn(post?.requestBody?.content, name, `webhook ${webhook}`);
}
