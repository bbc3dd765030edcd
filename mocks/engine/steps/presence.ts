/**
 * Step 1, parameters present (参数验证) → else 3001. The required names come from the spec's
 * PayRequest; an absent, `null` or empty-string value counts as missing (D: empty = missing).
 * The one schema run made here also serves the format step.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { Code } from '../../../src/codes.ts';
import { headerOf } from '../request-control.ts';
import { readJsonBody } from '../request-body.ts';
import type { PayRequest, Step } from '../pay-context.ts';

export function presenceStep(validate: ValidateFunction, required: readonly string[], missingCode: Code): Step {
  return {
    name: 'presence',
    run(ctx) {
      const read = readJsonBody(headerOf(ctx.request.headers, 'content-type'), ctx.request.body);
      ctx.body = read;
      if (read.kind === 'empty') return { code: missingCode, reason: 'the body is empty' };
      if (read.kind !== 'json') return undefined;
      if (validate(read.value)) {
        ctx.params = read.value as PayRequest;
        return undefined;
      }
      ctx.schemaErrors = validate.errors ?? [];
      const value = read.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      for (const name of required) {
        const field = Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
        if (field === undefined || field === null || field === '') return { code: missingCode, reason: `${name} is missing` };
      }
      return undefined;
    },
  };
}
