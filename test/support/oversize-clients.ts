/** Test-only clients that post bodies over a listener's limit: Node's fetch, and a raw flood. */
import { connect } from 'node:net';

/**
 * Posts a body of each size `tries` times with Node's fetch to `url`; tallies per size what came
 * back: '3002' when the envelope's code is 3002 and `reasonHeader` says "over the limit", else the
 * code or the error (EPIPE, ECONNRESET).
 */
export async function fetchOversize(url: string, sizesMib: readonly number[], tries: number, reasonHeader: string): Promise<Record<string, Record<string, number>>> {
  const outcomes: Record<string, Record<string, number>> = {};
  for (const mib of sizesMib) {
    const body = new Uint8Array(mib * 1024 * 1024).fill(0x20);
    const tally: Record<string, number> = (outcomes[`${mib} MiB`] = {});
    for (let i = 0; i < tries; i++) {
      let outcome: string;
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const { code } = (await response.json()) as { code: number };
        outcome = code === 3002 && /over the limit/.test(response.headers.get(reasonHeader) ?? '') ? '3002' : `code ${code}`;
      } catch (error) {
        outcome = String((error as { cause?: { code?: string } }).cause?.code ?? error);
      }
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    }
  }
  return outcomes;
}

/** `tries` 3002s for each size: what fetchOversize gives when every try was answered. */
export function everyTry(sizesMib: readonly number[], tries: number): Record<string, Record<string, number>> {
  return Object.fromEntries(sizesMib.map((mib) => [`${mib} MiB`, { 3002: tries }]));
}

export interface FloodResult {
  /** The envelope codes read, in order. */
  codes: number[];
  /** Body bytes written before the first byte of an answer was read. */
  sentBeforeAnswer: number;
  sent: number;
  /** False when the client gave up after `GIVE_UP_MS` with the connection still open. */
  closedByServer: boolean;
}

const CHUNK = 64 * 1024;
/** How long a raw client here waits for the server to close before it hangs up itself. */
export const GIVE_UP_MS = 10_000;

/**
 * Writes `text` in one write — pipelined requests reach the server in one read, as a pipelining
 * client's do — and reads until the server closes; after `GIVE_UP_MS` it hangs up itself.
 */
export function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const giveUp = setTimeout(() => socket.destroy(), GIVE_UP_MS);
    let received = '';
    socket.on('data', (data) => (received += data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve(received);
    });
    socket.write(text);
  });
}

/** The envelope codes in what a raw client read, in order. */
export const codesIn = (text: string): number[] => [...text.matchAll(/"code":(\d+)/g)].map((match) => Number(match[1]));

/**
 * A raw client that pipelines a chunked POST which never ends behind `first`, and writes as fast
 * as the socket takes it until the server closes. It tells how much the server let it write while
 * the refusal waited for its turn (before the first answer came) and in all.
 */
export function floodBehind(port: number, first: string): Promise<FloodResult> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const chunk = Buffer.concat([Buffer.from(`${CHUNK.toString(16)}\r\n`), Buffer.alloc(CHUNK, 0x20), Buffer.from('\r\n')]);
    let received = '';
    let sent = 0;
    let sentBeforeAnswer: number | undefined;
    let closedByServer = true;
    const giveUp = setTimeout(() => {
      closedByServer = false;
      socket.destroy();
    }, GIVE_UP_MS);
    socket.on('data', (data) => {
      sentBeforeAnswer ??= sent;
      received += data.toString();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ codes: codesIn(received), sentBeforeAnswer: sentBeforeAnswer ?? sent, sent, closedByServer });
    });
    const pump = () => {
      while (!socket.destroyed) {
        sent += CHUNK;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    socket.write(`${first}POST /pay/qrcode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, pump);
  });
}
