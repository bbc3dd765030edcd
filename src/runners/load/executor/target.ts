/**
 * Where the load goes: a base URL — loopback only, unless the caller explicitly allows a remote
 * target and has been warned. Starting a mock to aim at is the caller's business (the CLI's).
 */
import { isLoopbackUrl } from '../../../kernel/settings.ts';
import { PaycheckError } from '../../../kernel/errors.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';
import { apiUrl } from '../../../kernel/spec/api-url.ts';
import { requireBaseUrl } from '../../../kernel/base-url.ts';
import { REMOTE_WARNING } from '../request/target-guard.ts';
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

/** Each call's URL under a base URL, joined as the preflight joins it; a base URL that cannot be one is PAYCHECK_BAD_URL. */
function endpointUrlsFor(baseUrl: string): Record<Endpoint, URL> {
  requireBaseUrl(baseUrl);
  return Object.fromEntries(ENDPOINTS.map((e) => [e, new URL(apiUrl(baseUrl, API_PATHS[e]))])) as Record<Endpoint, URL>;
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
