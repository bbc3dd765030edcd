/**
 * Step 1, parameters present (参数验证) → else 3001. The required names, and the "at least one
 * of" groups, come from the call's request schema in the spec (presence-rule.ts); an absent,
 * `null` or empty-string value counts as missing (D-50), and an optional field sent so is
 * absent — as the signer leaves it out of the string (D-29), so `store_info: null` is no
 * store_info. The one schema run made here also serves the format step.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { Code } from '../../kernel/codes.ts';
import { headerOf } from '../request-control.ts';
import { readJsonBody } from '../request-body.ts';
import type { PresenceRule } from '../presence-rule.ts';
import { isMissingValue } from '../../kernel/signing/canonical.ts';
import type { CallContext, SignedParams, Step } from '../pay-context.ts';

/** D-50: an absent, `null` or empty-string value is missing (the fuzzer's oracle reads it here too). */
export const isMissing = (value: Readonly<Record<string, unknown>>, name: string): boolean => isMissingValue(Object.hasOwn(value, name) ? value[name] : undefined);

/** The body without the optional fields it sends empty; the body itself when it has none (the fuzzer's oracle reads it here too). */
export function withoutEmptyOptionals(value: unknown, optional: readonly string[]): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const fields = value as Record<string, unknown>;
  const empty = optional.filter((name) => Object.hasOwn(fields, name) && isMissing(fields, name));
  if (empty.length === 0) return value;
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !empty.includes(name)));
}

export function presenceStep<C extends CallContext<P>, P extends SignedParams>(validate: ValidateFunction, rule: PresenceRule, missingCode: Code): Step<C> {
  return {
    name: 'presence',
    run(ctx) {
      const read = readJsonBody(headerOf(ctx.request.headers, 'content-type'), ctx.request.body);
      ctx.body = read;
      if (read.kind === 'empty') return { code: missingCode, reason: 'the body is empty' };
      if (read.kind !== 'json') return undefined;
      const value = withoutEmptyOptionals(read.value, rule.optional);
      if (validate(value)) {
        ctx.params = value as P;
        return undefined;
      }
      ctx.schemaErrors = validate.errors ?? [];
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      const fields = value as Record<string, unknown>;
      for (const name of rule.required) if (isMissing(fields, name)) return { code: missingCode, reason: `${name} is missing` };
      for (const group of rule.oneOf) {
        if (group.every((name) => isMissing(fields, name))) return { code: missingCode, reason: `${group.join(' or ')} is missing` };
      }
      return undefined;
    },
  };
}
