/**
 * Where the load goes: the embedded loopback mock (default), or a given base URL — loopback
 * only, unless the caller explicitly allows a remote target and has been warned.
 */
import { isLoopbackUrl } from '../../src/config/settings.ts';
import { MockControlError } from '../../mocks/engine/index.ts';
import { startMockServer } from '../../mocks/http/server.ts';
import { PAY_PATH, REMOTE_WARNING } from '../request/target-guard.ts';
import { LoadError } from './load-error.ts';

export interface TargetOptions {
  baseUrl?: string;
  allowRemote?: boolean;
  /** Embedded mock only: added latency for every pay request, `MS` or `MIN-MAX`. */
  mockLatency?: string;
  warn: (line: string) => void;
}

export interface Target {
  payUrl: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** The pay URL under a base URL (which may carry a path prefix); credentials in it are refused. */
export function payUrlFor(baseUrl: string): URL {
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new LoadError('LOAD_BAD_URL', `--base-url is not a URL: "${baseUrl}"`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new LoadError('LOAD_BAD_URL', `--base-url must be http or https; got ${base.protocol}`);
  if (base.username || base.password) throw new LoadError('LOAD_BAD_URL', '--base-url must not carry credentials');
  if (base.search || base.hash) throw new LoadError('LOAD_BAD_URL', '--base-url must not carry a query or fragment');
  return new URL(PAY_PATH, base);
}

export async function openTarget(options: TargetOptions): Promise<Target> {
  if (options.baseUrl === undefined) {
    let server;
    try {
      server = await startMockServer({ port: 0, ...(options.mockLatency ? { latency: options.mockLatency } : {}) });
    } catch (error) {
      if (error instanceof MockControlError) throw new LoadError('LOAD_USAGE', `--mock-latency: ${error.message}`);
      throw error;
    }
    return { payUrl: payUrlFor(server.url).href, embedded: true, close: () => server.close() };
  }
  if (options.mockLatency !== undefined) throw new LoadError('LOAD_USAGE', '--mock-latency applies to the embedded mock only, not to --base-url');
  const payUrl = payUrlFor(options.baseUrl);
  if (!isLoopbackUrl(payUrl)) {
    if (!options.allowRemote) {
      throw new LoadError('LOAD_REMOTE_REFUSED', `refusing to send load to ${payUrl.origin}: not a loopback address (add --allow-remote if you mean it)`);
    }
    options.warn(REMOTE_WARNING);
  }
  return { payUrl: payUrl.href, embedded: false, close: async () => {} };
}
