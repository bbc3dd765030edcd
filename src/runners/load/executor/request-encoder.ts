/**
 * A fresh call's bytes, written in one step, for the benchmarks' generator (autocannon-batch.ts)
 * sending calls from `next`. For a request with its own setup, autocannon 9 rebuilds every request
 * through its general builder — two object merges, a header list, a Buffer for the head and another
 * for the body, joined — and deep-clones the request context; that was about a fifth of the
 * generator's time per call (docs/performance.md), enough to make the generator the limit. So, per
 * connection, this swaps in a builder that writes the head and body as one string into one Buffer,
 * and a plain new context in place of the clone.
 *
 * It reaches into autocannon's Client (`requestIterator.requestBuilder`, `resetContext`,
 * `context`): autocannon is pinned to one version in package.json, and request-encoder.test.ts
 * fails if the bytes or the reach change.
 */
import type { LoadCall } from './call-pool.ts';

interface EncodedIterator {
  context: object;
  requestBuilder(request: unknown, context: object): Buffer;
  resetContext(): void;
}

/** The head every call of a batch shares, up to its own path. */
export interface RequestHead {
  host: string;
  /** The batch URL's path and query: a call without its own path goes there. */
  path: string;
}

/** The bytes autocannon would send for `call`, less its header order: request line, Host, keep-alive, JSON type, the call's headers, the length. */
export function encodeCall(head: RequestHead, call: LoadCall): Buffer {
  let text = `POST ${call.path ?? head.path} HTTP/1.1\r\nHost: ${head.host}\r\nConnection: keep-alive\r\ncontent-type: application/json\r\n`;
  if (call.headers !== undefined) for (const key in call.headers) text += `${key}: ${call.headers[key]}\r\n`;
  return Buffer.from(`${text}Content-Length: ${Buffer.byteLength(call.body)}\r\n\r\n${call.body}`);
}

/** Makes `client` build each next request with `build()` (which takes the next call and encodes it). */
export function installRequestEncoder(autocannonClient: unknown, build: () => Buffer): void {
  const iterator = (autocannonClient as { requestIterator: EncodedIterator }).requestIterator;
  iterator.requestBuilder = () => build();
  iterator.resetContext = () => {
    iterator.context = {};
  };
}
