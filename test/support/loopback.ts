/** Test-only: a node:http server listening on a loopback port, its connections tracked, closed with every connection still open (a hanging answer included). */
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Loopback {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** The connections open now. */
  sockets: Set<Socket>;
  /** How many connections were ever opened. */
  opened(): number;
  close(): Promise<void>;
}

export async function onLoopback(server: Server): Promise<Loopback> {
  const sockets = new Set<Socket>();
  let opened = 0;
  server.on('connection', (socket) => {
    opened++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sockets,
    opened: () => opened,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
