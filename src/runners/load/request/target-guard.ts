/**
 * Runtime-neutral target checks for the k6 script, which has no URL class: is a base URL a
 * loopback address, and the warning for one that is not. Agrees with isLoopbackUrl of
 * src/kernel/settings.ts (target-guard.test.ts holds the two together).
 */
import type { Endpoint } from '../../../checks/load/thresholds.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';

/** Each call under a base URL, relative so that the base URL's own path (a prefix) is kept. */
export const ENDPOINT_PATHS: Readonly<Record<Endpoint, string>> = {
  pay: API_PATHS.pay.slice(1),
  get: API_PATHS.get.slice(1),
  cancel: API_PATHS.cancel.slice(1),
};

export const REMOTE_WARNING =
  'WARNING: this target is not a loopback address. Every request is a real payment attempt: real pay codes move real money.';

/** scheme, optional user-info (skipped: it is not the host), then the host up to port/path. */
const HOST = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i;

export function isLoopbackBaseUrl(url: string): boolean {
  const match = HOST.exec(url.trim());
  if (!match) return false;
  const host = match[1].toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
