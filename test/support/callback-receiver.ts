/**
 * Test-only: a status-callback receiver on 127.0.0.1, port 0. It records every POST (body parsed,
 * arrival time) and answers from a script — HTTP statuses in turn, `hang` for no answer — then 200.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StatusCallback } from '../../src/engine/index.ts';

export type ReceiverAnswer = number | 'hang';

export interface ReceivedCallback {
  body: StatusCallback;
  /** performance.now() at arrival. */
  at: number;
  /** What the receiver answered. */
  answered: ReceiverAnswer;
}

export async function startCallbackReceiver(script: ReceiverAnswer[] = []) {
  const received: ReceivedCallback[] = [];
  const answers = [...script];
  let waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answered = answers.shift() ?? 200;
      received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as StatusCallback, at: performance.now(), answered });
      waiters = waiters.filter((w) => (received.length >= w.count ? (w.resolve(), false) : true));
      if (answered === 'hang') return;
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return {
    url,
    received,
    /** Answers for the next callbacks, in turn (then 200 again). */
    script(next: ReceiverAnswer[]) {
      answers.splice(0, answers.length, ...next);
    },
    /** Resolves once `count` callbacks have arrived in all. */
    waitFor(count: number): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type CallbackReceiver = Awaited<ReturnType<typeof startCallbackReceiver>>;
