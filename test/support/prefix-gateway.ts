/**
 * Test-only: a gateway that serves an upstream under a path prefix (`/api/…` → `/…`) and answers
 * 404 to anything outside it, keeping both lists, so a test can say that nothing left the prefix
 * (a path that dropped it is in `strays`) and what the upstream was asked (`forwarded`).
 */
import { createServer, request as httpRequest } from 'node:http';
import { onLoopback, type Loopback } from './loopback.ts';

export interface PrefixGateway extends Loopback {
  /** `METHOD path` of every request outside the prefix, refused. */
  strays: string[];
  /** `METHOD path` of every request passed on, as the upstream saw it (no query). */
  forwarded: string[];
}

export async function prefixGateway(upstreamUrl: string, prefix: string): Promise<PrefixGateway> {
  const upstream = new URL(upstreamUrl);
  const strays: string[] = [];
  const forwarded: string[] = [];
  const gateway = await onLoopback(
    createServer((req, res) => {
      const url = req.url ?? '/';
      if (url !== prefix && !url.startsWith(`${prefix}/`)) {
        strays.push(`${req.method} ${url}`);
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const path = url.slice(prefix.length) || '/';
      forwarded.push(`${req.method} ${path.split('?')[0]}`);
      const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      out.on('error', () => res.destroy());
      req.pipe(out);
    }),
  );
  return { ...gateway, strays, forwarded };
}
