/**
 * Whether a string can be a base URL (`--base-url`, `PAY_BASE_URL`, `--upstream`): one check for
 * every command and the preflight, so that a URL one of them takes the others take too. Parses
 * with URL (Node and browsers; the k6 scripts check BASE_URL with apiPathAdvice alone).
 */
import { PaycheckError } from './errors.ts';
import { DEFAULT_BASE_URL } from './settings.ts';
import { apiPathAdvice } from './spec/api-url.ts';

/**
 * Why `baseUrl` cannot be a base URL, in one sentence that names `flag`; undefined when it can.
 * A URL with credentials or a query is not echoed: either may hold a secret.
 */
export function baseUrlProblem(baseUrl: string, flag = '--base-url'): string | undefined {
  if (!URL.canParse(baseUrl)) return `${flag} "${baseUrl}" is not a URL: give the API root, e.g. ${DEFAULT_BASE_URL}`;
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${flag} "${baseUrl}" is not an http(s) URL (${url.protocol}): give the API root, e.g. ${DEFAULT_BASE_URL}`;
  if (url.username !== '' || url.password !== '') return `${flag} must not carry credentials: give the API root, e.g. ${url.origin}`;
  if (url.search !== '' || url.hash !== '') return `${flag} must not carry a query or fragment: give the API root, e.g. ${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return apiPathAdvice(baseUrl, flag);
}

/** `baseUrl`, or PAYCHECK_BAD_URL (exit 3) before anything is sent. */
export function requireBaseUrl(baseUrl: string, flag = '--base-url'): string {
  const problem = baseUrlProblem(baseUrl, flag);
  if (problem !== undefined) throw new PaycheckError('PAYCHECK_BAD_URL', problem);
  return baseUrl;
}
