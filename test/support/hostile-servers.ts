/**
 * Test-only: loopback servers that answer the way a broken or hostile target does — never, without
 * end, too much, in garbage, cut off, elsewhere, or in HTML. Each forwards the calls a preflight
 * makes (`/pay/get` lookups) to a real mock, so that a command gets past its preflight and meets
 * the hostility where it does its work. A redirect points at a canary server on another port,
 * which counts every request that reaches it: paycheck must send it none.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { onLoopback } from './loopback.ts';

export const HOSTILE_KINDS = ['never answers', 'endless stream', '10 MB answer', 'garbage bytes', 'reset mid-answer', 'redirect to another port', 'HTTP 200 with HTML'] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** Every path a preflight asks; the rest meet the hostility. */
const PREFLIGHT_PATHS: ReadonlySet<string> = new Set(['/pay/get']);

const TEN_MB = 10 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

export interface Canary {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

export interface HostileServer {
  url: string;
  kind: HostileKind;
  close(): Promise<void>;
}

export async function startCanary(): Promise<Canary> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    res.end('{"code":1000,"msg":"canary","data":{}}');
  });
  const { origin, close } = await onLoopback(server);
  return { url: origin, hits, close };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function forward(req: IncomingMessage, res: ServerResponse, to: string): Promise<void> {
  const answer = await fetch(new URL(req.url ?? '/', to), {
    method: req.method,
    headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
    body: req.method === 'POST' ? await readBody(req) : undefined,
  });
  res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
  res.end(Buffer.from(await answer.arrayBuffer()));
}

function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const more = (): void => {
    while (!res.destroyed && res.write(CHUNK));
    if (!res.destroyed) res.once('drain', more);
  };
  res.write('{"code":1000,"msg":"');
  more();
}

function hostile(kind: HostileKind, req: IncomingMessage, res: ServerResponse, canary: Canary): void {
  req.resume();
  switch (kind) {
    case 'never answers':
      return;
    case 'endless stream':
      return endless(res);
    case '10 MB answer':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': TEN_MB });
      res.end(Buffer.alloc(TEN_MB, 'x'));
      return;
    case 'garbage bytes':
      req.socket.end(Buffer.from([0x00, 0xff, 0x13, 0x37, ...Buffer.from(' not HTTP at all \r\n\r\n')]));
      return;
    case 'reset mid-answer':
      req.socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{"code":10');
      setTimeout(() => req.socket.resetAndDestroy(), 5);
      return;
    case 'redirect to another port':
      res.writeHead(307, { location: new URL(req.url ?? '/', canary.url).href });
      res.end();
      return;
    case 'HTTP 200 with HTML':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>');
      return;
  }
}

/** A server of `kind`; `mockUrl` answers its preflight calls. */
export async function startHostileServer(kind: HostileKind, mockUrl: string, canary: Canary): Promise<HostileServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (PREFLIGHT_PATHS.has(path)) {
      forward(req, res, mockUrl).catch(() => res.destroy());
      return;
    }
    hostile(kind, req, res, canary);
  });
  server.keepAliveTimeout = 60_000;
  const { origin, close } = await onLoopback(server);
  return { url: origin, kind, close };
}
