/** Test-only: a loopback server that answers each request with its own path, keeps what it was sent and counts its connections. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

interface Seen {
  path: string;
  scenario: string | undefined;
  type: string | undefined;
  body: string;
}

export async function recordingServer(): Promise<{ url: string; seen: Seen[]; connections: Set<Socket>; opened: () => number; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const connections = new Set<Socket>();
  let opened = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', scenario: req.headers['x-mock-scenario'] as string | undefined, type: req.headers['content-type'], body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    });
  });
  server.on('connection', (socket) => {
    opened++;
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/pay/qrcode`,
    seen,
    connections,
    opened: () => opened,
    close: () =>
      new Promise((resolve) => {
        for (const socket of connections) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

