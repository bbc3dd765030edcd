/**
 * Ajv validators compiled straight from the document's `components.schemas` — nothing restated.
 * Runtime-neutral: the caller hands in the parsed document.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { components } from './openapi.ts';

export type SchemaName = keyof components['schemas'];

const SPEC_ID = 'paycheck:openapi';
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface SchemaSet {
  validator(name: SchemaName): ValidateFunction;
}

export function compileSchemas(document: { components: { schemas: Record<string, unknown> } }): SchemaSet {
  // strictRequired off: `anyOf: [{required: [a]}, {required: [b]}]` is how the document says
  // "at least one of", with the properties declared beside the anyOf.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  // Refs in the document are `#/components/schemas/…`: keep that shape under one $id.
  ajv.addKeyword({ keyword: 'components', schemaType: 'object' });
  ajv.addSchema({ $id: SPEC_ID, components: document.components });
  const cache = new Map<SchemaName, ValidateFunction>();
  return {
    validator(name) {
      let fn = cache.get(name);
      if (!fn) {
        const found = ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
        if (!found) throw new Error(`openapi.yaml has no schema ${name}`);
        fn = found;
        cache.set(name, fn);
      }
      return fn;
    },
  };
}

export type { ErrorObject };
