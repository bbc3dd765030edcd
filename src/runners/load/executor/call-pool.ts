/**
 * How the load executor's calls reach the target: over kept-alive connections, each call sent the
 * moment its arrival is due and answered on whichever connection was free. Opening a connection
 * per arrival (what a batch of one call per autocannon connection does) put the connect and the
 * batch's start-up into every latency: against a bare server the executor measured its own p99
 * at 136 ms at 500 req/s and stopped keeping up near 2 600 req/s (docs/performance.md, "The open
 * model's connections").
 *
 * The connections are undici's (the client under Node's fetch): at 10 calls in flight it sent
 * about twice what node:http's agent did per core. Its pool keeps a connection no longer than the
 * server's `Keep-Alive: timeout` says and never replays a call.
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
  /** Sends `count` calls from `next` now; settles once each is answered or failed (never rejects). */
  fire(next: () => C, count: number): Promise<void>;
  /** Closes the kept connections (calls in flight are the caller's to await first). */
  close(): void;
}

const JSON_TYPE = 'application/json';

/** What each failure's code says of the call: undici's own codes, llhttp's (HPE_*), the socket's. */
function causeOf(error: Error & { code?: string }): NoCodeCause {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'refused';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timeout';
  if (code === 'UND_ERR_HEADERS_OVERFLOW' || code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return 'tooLarge';
  if (code.startsWith('HPE_')) return 'notHttp';
  return 'reset';
}

export function createCallPool<C extends LoadCall>(options: CallPoolOptions<C>): CallPool<C> {
  const target = new URL(options.url);
  const limit = options.limitBytes ?? ANSWER_LIMIT_BYTES;
  const timeoutMs = options.timeoutS * 1000;
  const { recorder } = options;
  // One call per connection at a time (no pipelining: a pay call is not safe to replay), up to `keep` connections.
  const pool = new Pool(target.origin, { connections: options.keep, pipelining: 1, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const ownPath = target.pathname + target.search;

  function send(call: C): Promise<void> {
    recorder.sent(call);
    const started = performance.now();
    return new Promise((settle) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let status = 0;
      let ended = false;
      let cutOff: NoCodeCause | undefined;
      let abort: ((error?: Error) => void) | undefined;
      const end = (): boolean => {
        if (ended) return false;
        ended = true;
        clearTimeout(timer);
        settle();
        return true;
      };
      // The call is dropped with its cause named; undici then reports the abort through onError.
      const cut = (cause: NoCodeCause): void => {
        cutOff ??= cause;
        abort?.(new Error(cause));
      };
      // The whole call, answer included: a server that drips its answer meets this, not only the idle timeouts.
      const timer = setTimeout(() => {
        cut('timeout');
        // Still queued for a connection: it ends now; undici drops it when its turn comes.
        if (abort === undefined && end()) recorder.failed(call, 'timeout');
      }, timeoutMs);
      pool.dispatch(
        { path: call.path ?? ownPath, method: 'POST', headers: { 'content-type': JSON_TYPE, ...call.headers }, body: call.body },
        {
          onConnect: (abortCall) => {
            abort = abortCall;
            if (cutOff !== undefined) abortCall(new Error(cutOff));
          },
          onHeaders: (statusCode) => {
            status = statusCode;
            return true;
          },
          onData: (chunk) => {
            size += chunk.length;
            if (size > limit) cut('tooLarge');
            else chunks.push(chunk);
            return true;
          },
          onComplete: () => {
            if (end()) recorder.answered(call, performance.now() - started, status, Buffer.concat(chunks, size).toString('utf8'));
          },
          onError: (error) => {
            if (end()) recorder.failed(call, cutOff ?? causeOf(error));
          },
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
