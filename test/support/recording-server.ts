/** Test-only: a loopback server that answers each request with its own path, keeps what it was sent and counts its connections. */
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { onLoopback } from './loopback.ts';

interface Seen {
  path: string;
  scenario: string | undefined;
  type: string | undefined;
  body: string;
}

export async function recordingServer(): Promise<{ url: string; seen: Seen[]; connections: Set<Socket>; opened: () => number; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', scenario: req.headers['x-mock-scenario'] as string | undefined, type: req.headers['content-type'], body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    });
  });
  const loopback = await onLoopback(server);
  return { url: `${loopback.origin}/pay/qrcode`, seen, connections: loopback.sockets, opened: loopback.opened, close: loopback.close };
}
