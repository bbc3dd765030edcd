/**
 * Reading openapi.yaml's request schemas as the fuzzer walks them: a `$ref` (or a JSON pointer
 * below `#/components/schemas`) followed, an object's properties and `required` gathered from its
 * own keywords and its `allOf`, each call's request schema found under its path. Nothing here restates a schema: every limit, name
 * and pattern the generators use is read through these functions.
 */
import type { SchemaName } from '../../kernel/spec/schemas.ts';
import { presenceRule, type PresenceRule } from '../../engine/presence-rule.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';

/** The JSON Schema keywords openapi.yaml uses in its request schemas. */
export interface JsonSchema {
  $ref?: string;
  type?: 'string' | 'number' | 'integer' | 'object' | 'array' | 'boolean';
  enum?: readonly unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  unevaluatedProperties?: boolean;
  oneOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  allOf?: readonly JsonSchema[];
}

export interface SpecDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

export type ApiPath = (typeof API_PATHS)[keyof typeof API_PATHS];
export const CALL_PATHS = Object.values(API_PATHS) as ApiPath[];

/** A node with its `$ref` followed (a chain of them too). */
export function resolve(document: SpecDocument, node: JsonSchema): JsonSchema {
  let at = node;
  for (let hops = 0; at.$ref !== undefined; hops++) {
    if (hops > 16) throw new Error(`openapi.yaml: a $ref loop at ${node.$ref}`);
    const pointer = at.$ref.replace(/^#\//, '').split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    let target: unknown = document;
    for (const part of pointer) target = (target as Record<string, unknown> | undefined)?.[part];
    if (target === undefined) throw new Error(`openapi.yaml: ${at.$ref} resolves to nothing`);
    // Keywords beside a $ref (a description) say nothing about the value.
    at = target as JsonSchema;
  }
  return at;
}

/** An object schema's declared properties and required names, allOf merged in. */
export interface ObjectShape {
  properties: Readonly<Record<string, JsonSchema>>;
  required: readonly string[];
  /** No keys but the declared ones (additionalProperties or unevaluatedProperties false). */
  closed: boolean;
}

export function objectShape(document: SpecDocument, node: JsonSchema): ObjectShape {
  const schema = resolve(document, node);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  let closed = schema.additionalProperties === false || schema.unevaluatedProperties === false;
  for (const part of schema.allOf ?? []) {
    const inner = objectShape(document, part);
    Object.assign(properties, inner.properties);
    required.push(...inner.required);
    closed ||= inner.closed;
  }
  Object.assign(properties, schema.properties ?? {});
  required.push(...(schema.required ?? []));
  return { properties, required: [...new Set(required)], closed };
}

/** Whether a node describes an object (its own `type`, or properties / allOf that make one). */
export function isObjectSchema(document: SpecDocument, node: JsonSchema): boolean {
  const schema = resolve(document, node);
  return schema.type === 'object' || schema.properties !== undefined || (schema.allOf ?? []).some((part) => isObjectSchema(document, part));
}

/**
 * What the fuzzer reads of one call: its path, its request schema, and which fields are missing
 * (3001) — the required names and the "at least one of" groups, as the mock's presence step reads
 * them from the same schema.
 */
export interface CallSchema {
  path: ApiPath;
  /** The request body's schema name under components.schemas (PayRequest, OrderLookupRequest …). */
  name: SchemaName;
  shape: ObjectShape;
  presence: PresenceRule;
}

export function callSchema(document: SpecDocument, path: ApiPath): CallSchema {
  const post = document.paths[path]?.post as { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } } | undefined;
  const ref = post?.requestBody?.content?.['application/json']?.schema?.$ref;
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref ?? '')?.[1];
  if (name === undefined) throw new Error(`openapi.yaml: ${path} has no JSON request schema by $ref`);
  return { path, name: name as SchemaName, shape: objectShape(document, { $ref: ref }), presence: presenceRule(document, name) };
}
