/**
 * How the load executor's calls reach the target: over kept-alive connections, each call sent the
 * moment its arrival is due and answered on whichever connection was free. Opening a connection
 * per arrival (what a batch of one call per autocannon connection does) put the connect and the
 * batch's start-up into every latency: against a bare server the executor measured its own p99
 * at 52-144 ms at 1 000-2 000 req/s and topped out at 2 400-2 900 req/s (docs/performance.md, "The open
 * model's connections").
 *
 * The connections are undici's (the client under Node's fetch): at 10 calls in flight it sent
 * about twice what node:http's agent did per core. Its pool never replays a call.
 *
 * The target may be hostile, so the rules of adapters/client/outbound.ts hold here too: nothing
 * is followed (a redirect is an answer), an answer is read up to ANSWER_LIMIT_BYTES and its
 * connection dropped past that, and a call without an answer ends with its cause.
 */
import { Pool } from 'undici';
import type { NoCodeCause } from '../../../checks/load/outcomes.ts';
import { ANSWER_LIMIT_BYTES } from '../../../adapters/client/outbound.ts';

/** One call of a load run: what it sends. */
export interface LoadCall {
  body: string;
  /** Absent: the pool URL's own path (the pay call). */
  path?: string;
  /** Added to the request's headers (e.g. `x-mock-scenario`). */
  headers?: Readonly<Record<string, string>>;
}

export interface CallRecorder<C extends LoadCall> {
  sent(call: C): void;
  /** An HTTP answer of any status, its body as received. */
  answered(call: C, latencyMs: number, status: number, body: string): void;
  /** Sent and never answered, and why. */
  failed(call: C, cause: NoCodeCause): void;
}

export interface CallPoolOptions<C extends LoadCall> {
  url: string;
  /** The whole call, answer included. */
  timeoutS: number;
  /** Connections kept open between calls: the most calls the run has in flight at once. */
  keep: number;
  recorder: CallRecorder<C>;
  limitBytes?: number;
}

export interface CallPool<C extends LoadCall> {
  /** Sends `count` calls from `next` now; settles once each is answered or failed (rejects only when the recorder throws). */
  fire(next: () => C, count: number): Promise<void>;
  /** Closes the kept connections (calls in flight are the caller's to await first). */
  close(): void;
}

const JSON_TYPE = 'application/json';
/** How long a connection is kept idle when the server does not say (undici's default is 4 s). */
const IDLE_KEEP_MS = 1_000;

/** Whether the answer's head declares a length past `limit` (raw header names and values alternate). */
function declaresMoreThan(headers: readonly Buffer[], limit: number): boolean {
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (headers[i].length === 14 && headers[i].toString('latin1').toLowerCase() === 'content-length') return Number(headers[i + 1].toString('latin1')) > limit;
  }
  return false;
}

/** What each failure's code says of the call: undici's own codes, llhttp's (HPE_*), the socket's. */
function causeOf(error: Error & { code?: string }): NoCodeCause {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'refused';
  // The call's own timer usually fires first; undici's timeouts are set to the same length.
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timeout';
  if (code === 'UND_ERR_HEADERS_OVERFLOW') return 'tooLarge';
  // A chunked answer cut off by the connection's close: a cut, not bytes that are not HTTP.
  if (code === 'HPE_INVALID_EOF_STATE') return 'reset';
  if (code.startsWith('HPE_')) return 'notHttp';
  return 'reset';
}

export function createCallPool<C extends LoadCall>(options: CallPoolOptions<C>): CallPool<C> {
  const target = new URL(options.url);
  const limit = options.limitBytes ?? ANSWER_LIMIT_BYTES;
  const timeoutMs = options.timeoutS * 1000;
  const { recorder } = options;
  // One call per connection at a time (no pipelining: a pay call is not safe to replay), up to
  // `keep` connections. An idle connection is kept as long as the server's `Keep-Alive: timeout`
  // less two seconds, or a second when it says none: a server that closes idle connections sooner
  // than it says would meet calls written to a closed socket, failed as resets and never replayed.
  const pool = new Pool(target.origin, { connections: options.keep, pipelining: 1, keepAliveTimeout: IDLE_KEEP_MS, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const ownPath = target.pathname + target.search;

  // A recorder that throws (a bug of the workload's) fails the run rather than leaving a call open.
  function send(call: C): Promise<void> {
    recorder.sent(call);
    const started = performance.now();
    return new Promise((settle, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let status = 0;
      let ended = false;
      let cutOff: NoCodeCause | undefined;
      let abort: ((error?: Error) => void) | undefined;
      const end = (record: () => void): void => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        try {
          record();
          settle();
        } catch (error) {
          reject(error as Error);
        }
      };
      // The call is dropped with its cause named; undici then reports the abort through onError.
      const cut = (cause: NoCodeCause): void => {
        cutOff ??= cause;
        abort?.(new Error(cause));
      };
      // The whole call, answer included: a server that drips its answer meets this, not only the idle timeouts.
      const timer = setTimeout(() => {
        cut('timeout');
        // Still queued for a connection: it ends now, and onConnect refuses it when its turn comes.
        if (abort === undefined) end(() => recorder.failed(call, 'timeout'));
      }, timeoutMs);
      pool.dispatch(
        { path: call.path ?? ownPath, method: 'POST', headers: { 'content-type': JSON_TYPE, ...call.headers }, body: call.body },
        {
          onConnect: (abortCall) => {
            // Throwing, not aborting: undici then drops the call unsent and keeps the connection.
            if (cutOff !== undefined) throw new Error(cutOff);
            abort = abortCall;
          },
          // Called for a 1xx too; the final answer's status comes last.
          onHeaders: (statusCode, headers) => {
            status = statusCode;
            if (declaresMoreThan(headers, limit)) cut('tooLarge');
            return true;
          },
          onData: (chunk) => {
            size += chunk.length;
            if (size > limit) cut('tooLarge');
            else chunks.push(chunk);
            return true;
          },
          onComplete: () => end(() => recorder.answered(call, performance.now() - started, status, Buffer.concat(chunks, size).toString('utf8'))),
          onError: (error) => end(() => recorder.failed(call, cutOff ?? causeOf(error))),
        },
      );
    });
  }

  return {
    fire(next, count) {
      const calls: Promise<void>[] = [];
      for (let i = 0; i < count; i++) calls.push(send(next()));
      return Promise.all(calls).then(() => undefined);
    },
    close: () => void pool.destroy(),
  };
}
