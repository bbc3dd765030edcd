/**
 * The string to sign, per the platform's signing rule (openapi.yaml, "Signing rule").
 * Runtime-neutral on purpose: the mock, Node code and k6 scripts all build the same string.
 */

/** The secret's key, misspelt exactly as the platform spells it. */
export const SECRET_KEY = 'app_sercet';

export type SignableParams = Readonly<Record<string, unknown>>;

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

/** How one value is written after `key=` (D-16): strings verbatim, the rest as compact JSON. */
export function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// Code-unit order, which for the ASCII keys of this API is the rule's ASCII order;
// localeCompare would put `_` before `A`.
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds `k1=v1&k2=v2…` from every non-empty parameter but `sign`, plus `app_sercet` when a
 * secret is given (RSA signs without it).
 */
export function canonicalString(params: SignableParams, secret?: string): string {
  const keys: string[] = [];
  for (const key in params) {
    // A caller-sent `app_sercet` is never signed in place of the real one.
    if (key !== 'sign' && key !== SECRET_KEY && !isEmptyValue(params[key])) keys.push(key);
  }
  if (secret !== undefined) keys.push(SECRET_KEY);
  keys.sort(byCodeUnit);
  let out = '';
  for (const key of keys) {
    const value = key === SECRET_KEY ? (secret as string) : formatValue(params[key]);
    out += (out === '' ? '' : '&') + key + '=' + value;
  }
  return out;
}
