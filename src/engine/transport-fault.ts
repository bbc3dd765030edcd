/**
 * The byte-level faults, defined once: what goes on the wire and how the exchange ends. Adapters
 * only carry the description out (node:http on a socket, MSW as a Fetch Response), so a client
 * sees the same bytes through either.
 */
import type { MockResponse, TransportFault } from './types.ts';

const NOTHING = new Uint8Array(0);
const utf8 = new TextEncoder();

/** Nothing sent; the connection is reset. */
export const RESET: TransportFault = { head: false, bytes: NOTHING, then: 'reset' };
/** Nothing sent, ever; the connection stays open until the client gives up or the server closes. */
export const HANG: TransportFault = { head: false, bytes: NOTHING, then: 'hang' };

/**
 * Truncation: the headers promise the whole body (its UTF-8 length in `content-length`), the first
 * half of its UTF-8 bytes follows — possibly ending inside a multi-byte character — and the
 * connection closes.
 */
export function truncate(response: MockResponse): void {
  const body = utf8.encode(response.body);
  response.headers['content-length'] = String(body.length);
  response.fault = { head: true, bytes: body.subarray(0, body.length >> 1), then: 'close' };
}

/** How an adapter's log names what it did. */
export function transportOutcome(fault: TransportFault): string {
  return fault.then === 'close' ? 'truncated' : fault.then;
}
