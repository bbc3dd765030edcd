/**
 * The string to sign, per the platform's signing rule (openapi.yaml, "Signing rule").
 * Runtime-neutral on purpose: the mock, Node code and k6 scripts all build the same string.
 */
import { PaycheckError } from '../errors.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-shape.ts';

/** The secret's key, misspelt exactly as the platform spells it. */
export const SECRET_KEY = 'app_sercet';

export type SignableParams = Readonly<Record<string, unknown>>;

/**
 * D-50: a required parameter sent absent, `null` or `""` is missing (3001) — narrower than
 * isEmptyValue's "empty", so that `{}` or `[]` for a string field is a format error (3002).
 */
export function isMissingValue(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** `null`, `undefined`, `""`, `{}` and `[]` are left out of the string; `" "` is not (D-29). */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    for (const _ in value) return false;
    return true;
  }
  return false;
}

/**
 * How one value is written after `key=` (D-16): strings verbatim, the rest as compact JSON — but
 * nothing nested past MAX_JSON_DEPTH, which JSON.stringify would meet with a stack overflow.
 */
function formatValue(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  // The value sits at level 2 of the request.
  if (typeof value === 'object' && value !== null && nestsDeeperThan(value, MAX_JSON_DEPTH - 1)) {
    throw new PaycheckError('PAYCHECK_INPUT_TOO_DEEP', `${key} nests deeper than ${MAX_JSON_DEPTH} levels (the request is level 1): too deep to sign`);
  }
  return JSON.stringify(value);
}

/**
 * Builds `k1=v1&k2=v2…` from every non-empty parameter but `sign`, plus `app_sercet` when a
 * secret is given (RSA signs without it).
 */
export function canonicalString(params: SignableParams, secret?: string): string {
  const pairs: string[] = [];
  for (const key in params) {
    // A caller-sent `app_sercet` is never signed in place of the real one.
    if (key !== 'sign' && key !== SECRET_KEY && !isEmptyValue(params[key])) pairs.push(key);
  }
  if (secret !== undefined) pairs.push(SECRET_KEY);
  sortByCodeUnit(pairs);
  // The mock verifies every request with this: one array reused for the pairs and one join keep
  // it to a single flat string, where `+=` would build a chain of cons strings to flatten.
  for (let i = 0; i < pairs.length; i++) {
    const key = pairs[i];
    pairs[i] = key + '=' + (key === SECRET_KEY ? (secret as string) : formatValue(key, params[key]));
  }
  return pairs.join('&');
}

/**
 * Code-unit order, which for the ASCII keys of this API is the rule's ASCII order (localeCompare
 * would put `_` before `A`). An insertion sort: a request has about ten keys, and it needs neither
 * a comparator call per step nor the work array of Array.prototype.sort.
 */
function sortByCodeUnit(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}
