/**
 * Where the load goes: the embedded loopback mock (default), or a given base URL — loopback
 * only, unless the caller explicitly allows a remote target and has been warned.
 */
import { isLoopbackUrl } from '../../../kernel/settings.ts';
import { MockControlError } from '../../../engine/index.ts';
import { startMockServer } from '../../../adapters/http/server.ts';
import { ENDPOINT_PATHS, REMOTE_WARNING } from '../request/target-guard.ts';
import { ENDPOINTS, type Endpoint } from '../../../checks/load/thresholds.ts';
import { LoadError } from './load-error.ts';

export interface TargetOptions {
  baseUrl?: string;
  allowRemote?: boolean;
  /** Embedded mock only: added latency for every pay request, `MS` or `MIN-MAX`. */
  mockLatency?: string;
  /** Embedded mock only: how long a paying order takes to settle, and the slow scenarios' delay (the checkout's time scale). */
  mockTiming?: { pendingMs: number; slowMs: number };
  warn: (line: string) => void;
}

export interface LoadTarget {
  payUrl: string;
  /** Each call's URL path (the pay call's is `payUrl`'s), for calls sent beside the pay calls. */
  paths: Readonly<Record<Endpoint, string>>;
  embedded: boolean;
  close(): Promise<void>;
}

/** Each call's URL under a base URL (which may carry a path prefix); credentials in it are refused. */
export function endpointUrlsFor(baseUrl: string): Record<Endpoint, URL> {
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new LoadError('LOAD_BAD_URL', `--base-url is not a URL: "${baseUrl}"`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new LoadError('LOAD_BAD_URL', `--base-url must be http or https; got ${base.protocol}`);
  if (base.username || base.password) throw new LoadError('LOAD_BAD_URL', '--base-url must not carry credentials');
  if (base.search || base.hash) throw new LoadError('LOAD_BAD_URL', '--base-url must not carry a query or fragment');
  return Object.fromEntries(ENDPOINTS.map((e) => [e, new URL(ENDPOINT_PATHS[e], base)])) as Record<Endpoint, URL>;
}

/** The pay URL under a base URL. */
export const payUrlFor = (baseUrl: string): URL => endpointUrlsFor(baseUrl).pay;

function targetAt(baseUrl: string, embedded: boolean, close: () => Promise<void>): LoadTarget {
  const urls = endpointUrlsFor(baseUrl);
  const paths = Object.fromEntries(ENDPOINTS.map((e) => [e, urls[e].pathname])) as Record<Endpoint, string>;
  return { payUrl: urls.pay.href, paths, embedded, close };
}

export async function openTarget(options: TargetOptions): Promise<LoadTarget> {
  if (options.baseUrl === undefined) {
    let server;
    try {
      server = await startMockServer({ port: 0, ...(options.mockLatency ? { latency: options.mockLatency } : {}), ...options.mockTiming });
    } catch (error) {
      if (error instanceof MockControlError) throw new LoadError('LOAD_USAGE', `--mock-latency: ${error.message}`);
      throw error;
    }
    return targetAt(server.url, true, () => server.close());
  }
  if (options.mockLatency !== undefined) throw new LoadError('LOAD_USAGE', '--mock-latency applies to the embedded mock only, not to --base-url');
  const target = targetAt(options.baseUrl, false, async () => {});
  const payUrl = new URL(target.payUrl);
  if (!isLoopbackUrl(payUrl)) {
    if (!options.allowRemote) {
      throw new LoadError('LOAD_REMOTE_REFUSED', `refusing to send load to ${payUrl.origin}: not a loopback address (add --allow-remote if you mean it)`);
    }
    options.warn(REMOTE_WARNING);
  }
  return target;
}
