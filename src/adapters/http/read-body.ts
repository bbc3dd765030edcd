/**
 * A request body read on node:http within a limit — the mock's and the proxy's listeners both —
 * refused from `Content-Length` before it is read, or as soon as a chunked body passes the limit.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';

/** Calls `done` with the whole body, or `tooLarge` (once, with why) when it passes `limit`. */
export function readBody(req: IncomingMessage, limit: number, done: (bytes: Buffer) => void, tooLarge: (reason: string) => void): void {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    tooLarge(`the body (${declared} bytes) is over the limit of ${limit}`);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > limit) {
      refused = true;
      tooLarge(`the body is over the limit of ${limit} bytes`);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (!refused) done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
  });
}

/** Valid UTF-8 is decoded here, natively; anything else goes on as bytes, which the engine refuses (3002). */
export function bodyOf(bytes: Buffer): string | Buffer {
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes;
}

export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function queryOf(url: string): string | undefined {
  const query = url.indexOf('?');
  return query === -1 ? undefined : url.slice(query + 1);
}
