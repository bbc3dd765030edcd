/**
 * Where the load goes: a base URL — loopback only, unless the caller explicitly allows a remote
 * target and has been warned. Starting a mock to aim at is the caller's business (the CLI's).
 */
import { isLoopbackUrl } from '../../../kernel/settings.ts';
import { PaycheckError } from '../../../kernel/errors.ts';
import { ENDPOINT_PATHS, REMOTE_WARNING } from '../request/target-guard.ts';
import { ENDPOINTS, type Endpoint } from '../../../checks/load/thresholds.ts';

export interface TargetOptions {
  allowRemote?: boolean;
  warn: (line: string) => void;
}

export interface LoadTarget {
  payUrl: string;
  /** Each call's URL path (the pay call's is `payUrl`'s), for calls sent beside the pay calls. */
  paths: Readonly<Record<Endpoint, string>>;
}

/** Each call's URL under a base URL (which may carry a path prefix); credentials in it are refused. */
function endpointUrlsFor(baseUrl: string): Record<Endpoint, URL> {
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new PaycheckError('PAYCHECK_BAD_URL', `--base-url is not a URL: "${baseUrl}"`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new PaycheckError('PAYCHECK_BAD_URL', `--base-url must be http or https; got ${base.protocol}`);
  if (base.username || base.password) throw new PaycheckError('PAYCHECK_BAD_URL', '--base-url must not carry credentials');
  if (base.search || base.hash) throw new PaycheckError('PAYCHECK_BAD_URL', '--base-url must not carry a query or fragment');
  return Object.fromEntries(ENDPOINTS.map((e) => [e, new URL(ENDPOINT_PATHS[e], base)])) as Record<Endpoint, URL>;
}

/** The pay URL under a base URL. */
export const payUrlFor = (baseUrl: string): URL => endpointUrlsFor(baseUrl).pay;

export function loadTarget(baseUrl: string, options: TargetOptions): LoadTarget {
  const urls = endpointUrlsFor(baseUrl);
  if (!isLoopbackUrl(urls.pay)) {
    if (!options.allowRemote) {
      throw new PaycheckError('PAYCHECK_REMOTE_REFUSED', `refusing to send load to ${urls.pay.origin}: not a loopback address (add --allow-remote if you mean it)`);
    }
    options.warn(REMOTE_WARNING);
  }
  const paths = Object.fromEntries(ENDPOINTS.map((e) => [e, urls[e].pathname])) as Record<Endpoint, string>;
  return { payUrl: urls.pay.href, paths };
}
