/**
 * Runtime-neutral target checks for the k6 script, which has no URL class: is a base URL a
 * loopback address, and the warning for one that is not. Agrees with isLoopbackUrl of
 * src/kernel/settings.ts (target-guard.test.ts holds the two together).
 */
export const REMOTE_WARNING =
  'WARNING: this target is not a loopback address. Every request is a real payment attempt: real pay codes move real money.';

/**
 * The host as WHATWG URL parsing finds it in an http(s) URL: after the scheme and any slashes, the user-info up to
 * the last `@` before the path (skipped: it is not the host), then the host up to port, path,
 * query or fragment — where `\` ends it as `/` does, so `http://ex.com\@127.0.0.1` is ex.com — and a
 * port of digits. What URL would refuse to parse, or reads as another host, is not loopback here.
 */
const HOST = /^https?:[/\\]*(?:[^/\\?#]*@)?(\[[^\]]*\]|[^:/\\?#]*)(?::(\d{0,5}))?(?=[/\\?#]|$)/i;

/** A decimal octet as URL parsing reads it (no leading zero: `08` is octal there, and invalid). */
const OCTET = /^(?:0|[1-9]\d{0,2})$/;

export function isLoopbackBaseUrl(url: string): boolean {
  // URL parsing drops tabs and newlines anywhere, and leading and trailing spaces and controls.
  const match = HOST.exec(url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, ''));
  if (!match || Number(match[2] ?? 0) > 65_535) return false;
  const host = match[1].toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  const octets = host.replace(/\.$/, '').split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => OCTET.test(o) && Number(o) <= 255);
}
