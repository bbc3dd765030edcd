/**
 * The answer to a body over the limit, on node:http — the mock's and the proxy's listeners both:
 * sent on its turn, then what the client still sends is read and thrown away, within bounds,
 * before the connection closes.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * What a client still sends after its body was refused is read and thrown away — at most
 * DRAIN_BYTES, for at most DRAIN_MS — and the connection closes when the client has sent it all,
 * hangs up, or passes either bound. Closing at once, with its bytes unread, resets the connection,
 * and the reset can reach a client still sending before it has read the answer: Node's fetch then
 * reports EPIPE instead of the 3002. Clients stop sending once they have read the answer.
 */
export const DRAIN_BYTES = 16 * 1024 * 1024;
export const DRAIN_MS = 1_000;

export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `refusal` with `Connection: close`, then drains (the bounds above) and closes; `closed`
 * gets the bytes drained. Written on the socket rather than through `res`: Node destroys the
 * socket of a `Connection: close` answer the moment the answer is flushed, the client's bytes
 * still unread, and that close is a reset. Behind pipelined calls not yet answered, it waits for
 * its turn (Node hands `res` the socket when they are done), the body paused meanwhile: written at
 * once, it would come first and end the connection before their answers, and a body read while it
 * waits would outrun the drain's bounds before they start.
 */
export function refuseBody(req: IncomingMessage, res: ServerResponse, refusal: Refusal, closed: (drained: number) => void): void {
  const send = () => {
    const body = Buffer.from(refusal.body);
    req.socket.end(Buffer.concat([Buffer.from(responseHead(refusal.status, { ...refusal.headers, 'content-length': String(body.length), connection: 'close' })), body]));
    drainThenClose(req, closed);
  };
  if (res.socket !== null) return send();
  // Paused, the socket is not read either: a client's reset meanwhile shows on the answer's turn,
  // which still comes, so the refusal is still told.
  req.pause();
  res.once('socket', send);
}

function drainThenClose(req: IncomingMessage, done: (drained: number) => void): void {
  const socket = req.socket;
  let drained = 0;
  const close = () => socket.destroy();
  const timer = setTimeout(close, DRAIN_MS);
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained >= DRAIN_BYTES) close();
  });
  req.on('end', close);
  req.resume();
  socket.once('close', () => {
    clearTimeout(timer);
    done(drained);
  });
}

/** The status line and headers of an answer written on the socket itself. */
function responseHead(status: number, headers: Record<string, string>): string {
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n`;
  for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
  return `${head}\r\n`;
}
