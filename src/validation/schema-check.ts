/**
 * Validates a response body against the openapi.yaml schema that its `code` selects, and turns
 * Ajv's errors into findings (rule `schema`).
 */
import type { ErrorObject } from 'ajv';
import type { SchemaName, SchemaSet } from '../spec/schemas.ts';
import { jsonPath, shown, type Finding } from './finding.ts';

export function schemaNameForCode(code: unknown): SchemaName {
  if (code === 1000) return 'PaySuccess';
  if (code === 1002) return 'PayPending';
  if (code === 1001) return 'PayFailed';
  return 'PayError';
}

export function createSchemaCheck(schemas: SchemaSet) {
  return function checkSchema(body: unknown): Finding[] {
    const name = schemaNameForCode((body as { code?: unknown } | null)?.code);
    const validate = schemas.validator(name);
    if (validate(body)) return [];
    return dedupe((validate.errors ?? []).filter((e) => !COMBINATOR.has(e.keyword)).map((e) => toFinding(e, body, name)));
  };
}

// allOf/oneOf/not only say "a branch failed"; the branch's own error says what.
const COMBINATOR = new Set(['allOf', 'anyOf', 'oneOf', 'if']);

function toFinding(error: ErrorObject, body: unknown, schema: SchemaName): Finding {
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
