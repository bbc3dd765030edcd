/**
 * Validates a response body against the openapi.yaml schema of its call, narrowed to the `oneOf`
 * member its `code` selects (so a finding says what is wrong with that answer, not why every other
 * member does not fit either), and turns Ajv's errors into findings (rule `schema`).
 */
import type { ErrorObject } from 'ajv';
import type { SchemaName, SchemaSet } from '../../kernel/spec/schemas.ts';
import { jsonPath, shown, type Finding } from './finding.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';

export interface SpecDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

type Schema = { $ref?: string; oneOf?: Schema[]; properties?: { code?: { const?: unknown } } };
const NAME_OF_REF = /^#\/components\/schemas\/([^/]+)$/;

/**
 * The schema a call's answer with this code must match, read from the document: the call's 200
 * response schema, and within its `oneOf` the member whose `code` is that constant, else the one
 * with no constant code (the error envelope). A name, or `Name/oneOf/i` for an inline member.
 */
export function responseSchemaFor(document: SpecDocument, call: string, code: unknown): string | undefined {
  const schemas = document.components.schemas as Record<string, Schema>;
  const post = document.paths[call]?.post as { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> } | undefined;
  const top = NAME_OF_REF.exec(post?.responses?.['200']?.content?.['application/json']?.schema?.$ref ?? '')?.[1];
  if (top === undefined) return undefined;
  const members = (schemas[top]?.oneOf ?? []).map((member, i) => {
    const name = NAME_OF_REF.exec(member.$ref ?? '')?.[1];
    return { name: name ?? `${top}/oneOf/${i}`, code: (name ? schemas[name] : member)?.properties?.code?.const };
  });
  if (members.length === 0) return top;
  return (members.find((m) => m.code === code) ?? members.find((m) => m.code === undefined) ?? { name: top }).name;
}

export function createSchemaCheck(schemas: SchemaSet, document: SpecDocument) {
  return function checkSchema(body: unknown, call: string = API_PATHS.pay): Finding[] {
    const name = responseSchemaFor(document, call, (body as { code?: unknown } | null)?.code);
    if (name === undefined) {
      return [{ rule: 'schema', path: '$', expected: 'a call openapi.yaml describes', actual: call, message: `openapi.yaml has no JSON 200 response for ${call}`, severity: 'error' }];
    }
    // A member path (`GetResponse/oneOf/0`) resolves as a JSON pointer under the document's schemas.
    const validate = schemas.validator(name as SchemaName);
    if (validate(body)) return [];
    return dedupe((validate.errors ?? []).filter((e) => !COMBINATOR.has(e.keyword)).map((e) => toFinding(e, body, name)));
  };
}

// allOf/oneOf/not only say "a branch failed"; the branch's own error says what.
const COMBINATOR = new Set(['allOf', 'anyOf', 'oneOf', 'if']);

function toFinding(error: ErrorObject, body: unknown, schema: string): Finding {
  const params = error.params as Record<string, unknown>;
  let pointer = error.instancePath;
  let actual: unknown = valueAt(body, pointer);
  let expected: string;
  switch (error.keyword) {
    case 'required':
      pointer += `/${String(params.missingProperty)}`;
      actual = undefined;
      expected = 'present';
      break;
    case 'additionalProperties':
      pointer += `/${String(params.additionalProperty)}`;
      actual = valueAt(body, pointer);
      expected = 'absent (not in the schema)';
      break;
    case 'type':
      expected = `type ${String(params.type)}`;
      break;
    case 'const':
      expected = shown(params.allowedValue);
      break;
    case 'enum':
      expected = `one of ${shown(params.allowedValues)}`;
      break;
    default:
      expected = `${error.keyword} ${error.message ?? ''}`.trim();
  }
  const path = jsonPath(pointer);
  return { rule: 'schema', path, expected, actual: shown(actual), message: `${schema}: ${path} ${error.message ?? error.keyword}`, severity: 'error' };
}

function valueAt(body: unknown, pointer: string): unknown {
  let node = body;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.path}|${f.expected}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
