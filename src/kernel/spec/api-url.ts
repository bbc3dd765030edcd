/**
 * A base URL and a path joined into the URL a command sends to — the one way, for the preflight,
 * the pay client (and so the contract suite, fuzz and checkout), the load executor, the k6
 * scripts, audit's journal and the proxy's upstream — so that what the preflight probes is what
 * the command then calls. A base URL may carry a path (a gateway that serves the API under `/api`);
 * every path goes under it, the mock's controls (`/__mock/*`) too: a mock behind that gateway has
 * them under the same prefix. Plain string work, for the k6 scripts, which have no URL class; the
 * check of a whole base URL is src/kernel/base-url.ts.
 */
import { API_PATHS } from './api-paths.ts';

/** `path` (from `/`, a query allowed) under `baseUrl`'s own path; a trailing slash on the base is the same as none. */
export function apiUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * The API path a URL ends in (`…/api/pay/get` → `/pay/get`), query and trailing slashes aside:
 * which call a URL under any base is, and in a base URL, the call every URL would then repeat.
 */
export function apiPathEndingOf(url: string): string | undefined {
  const path = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return Object.values(API_PATHS).find((p) => path.endsWith(p));
}

/** The advice for a base URL that ends in an API path: the same URL without it. */
export function apiPathAdvice(baseUrl: string, flag = '--base-url'): string | undefined {
  const ending = apiPathEndingOf(baseUrl);
  if (ending === undefined) return undefined;
  const root = baseUrl.replace(/\/+$/, '').slice(0, -ending.length);
  return `${flag} "${baseUrl}" ends in ${ending}, which paycheck puts after it on every call: ${flag} is the API root, without /pay/… (here "${root}")`;
}
