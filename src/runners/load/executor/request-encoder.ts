/**
 * A fresh call's bytes, written in one step. For a request with its own setup, autocannon 9
 * rebuilds every request through its general builder — two object merges, a header list, a
 * Buffer for the head and another for the body, joined — deep-clones the request context, and
 * turns every answer's raw headers into an object through lodash. On the executor's path that is
 * about a fifth of the generator's time per call (docs/performance.md). So, per connection, this
 * swaps in a builder that writes the head and body as one string into one Buffer, a plain new
 * context in place of the clone, and an answer hand-over without the header object (no call here
 * reads answer headers).
 *
 * It reaches into autocannon's Client (`requestIterator.requestBuilder`,
 * `resetContext`, `recordBody`, `context`): autocannon is pinned to one version in package.json,
 * and request-encoder.test.ts fails if the bytes or the reach change.
 */
import type { LoadCall } from './call-pool.ts';

interface EncodedIterator {
  context: object;
  requestBuilder(request: unknown, context: object): Buffer;
  resetContext(): void;
  recordBody(request: { onResponse?: (status: number, body: string, context: object) => void } | undefined, status: number, body: string): void;
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

/** Makes `client` build each next request with `build(context)` (which takes the call and encodes it). */
export function installRequestEncoder(autocannonClient: unknown, build: (context: object) => Buffer): void {
  const iterator = (autocannonClient as { requestIterator: EncodedIterator }).requestIterator;
  iterator.requestBuilder = (_request, context) => build(context);
  iterator.resetContext = () => {
    iterator.context = {};
  };
  iterator.recordBody = (request, status, body) => request?.onResponse?.(status, body, iterator.context);
}
