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
import { Pool, type Dispatcher } from 'undici';
import type { NoCodeCause } from '../../../checks/load/outcomes.ts';
import { ANSWER_LIMIT_BYTES, causeOfCode, type CodedCause } from '../../../adapters/client/outbound.ts';

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
  /** Ends every call in flight now as timed out (the run's drain deadline has passed); returns how many. */
  cutOff(): number;
  /** Closes the kept connections (calls in flight are the caller's to await first). */
  close(): void;
}

/** The pay call's own headers, shared by every call that adds none. */
const JSON_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json' };
/** How long a connection is kept idle when the server does not say (undici's default is 4 s). */
const IDLE_KEEP_MS = 1_000;

/** Whether the answer's head declares a length past `limit` (raw header names and values alternate). */
function declaresMoreThan(headers: readonly Buffer[], limit: number): boolean {
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (headers[i].length === 14 && headers[i].toString('latin1').toLowerCase() === 'content-length') return Number(headers[i + 1].toString('latin1')) > limit;
  }
  return false;
}

/** The load report's name for each cause a failure's code can name (outbound.ts reads the code). */
const NO_CODE_CAUSE_OF: Readonly<Record<CodedCause, NoCodeCause>> = {
  // The call's own timer usually fires first; undici's timeouts are set to the same length.
  timeout: 'timeout',
  refused: 'refused',
  reset: 'reset',
  'too-large': 'tooLarge',
  'not-http': 'notHttp',
  'untrusted-tls': 'untrustedTls',
  // No code of the socket's, TLS's or undici's that the table knows: the connection broke.
  network: 'reset',
};

/** The calls of one `fire`: it settles when the last has ended, or rejects when a recorder throws. */
interface Batch {
  /** The pool's calls not yet ended, shared by its batches: what a cut-off ends. */
  live: Set<PoolCall<LoadCall>>;
  left: number;
  settle(): void;
  reject(error: Error): void;
}

/**
 * One call's undici handler. A class rather than closures: the executor makes one per call, and
 * a closure apiece (nine of them) cost more than the call's own bookkeeping, the more so under
 * tsx, which names each closure as it is made.
 */
class PoolCall<C extends LoadCall> implements Dispatcher.DispatchHandlers {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private status = 0;
  private ended = false;
  private cutOff: NoCodeCause | undefined;
  private abortCall: ((error?: Error) => void) | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();

  constructor(
    private readonly call: C,
    private readonly recorder: CallRecorder<C>,
    private readonly limit: number,
    timeoutMs: number,
    private readonly batch: Batch,
  ) {
    // The whole call, answer included: a server that drips its answer meets this, not only the idle timeouts.
    this.timer = setTimeout(timedOut, timeoutMs, this);
    batch.live.add(this);
  }

  onTimeout(): void {
    this.cut('timeout');
    // Still queued for a connection: it ends now, and onConnect refuses it when its turn comes.
    if (this.abortCall === undefined) this.end(undefined, 'timeout');
  }

  onConnect(abort: (error?: Error) => void): void {
    // Throwing, not aborting: undici then drops the call unsent and keeps the connection.
    if (this.cutOff !== undefined) throw new Error(this.cutOff);
    this.abortCall = abort;
  }

  /** Called for a 1xx too; the final answer's status comes last. */
  onHeaders(statusCode: number, headers: Buffer[]): boolean {
    this.status = statusCode;
    if (declaresMoreThan(headers, this.limit)) this.cut('tooLarge');
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.size > this.limit) this.cut('tooLarge');
    else this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.end(Buffer.concat(this.chunks, this.size).toString('utf8'), undefined);
  }

  onError(error: Error & { code?: string }): void {
    this.end(undefined, this.cutOff ?? NO_CODE_CAUSE_OF[causeOfCode(error.code)]);
  }

  /** The call is dropped with its cause named; undici then reports the abort through onError. */
  private cut(cause: NoCodeCause): void {
    this.cutOff ??= cause;
    this.abortCall?.(new Error(cause));
  }

  /** Records the answer (a body) or the failure (a cause), once. */
  private end(body: string | undefined, cause: NoCodeCause | undefined): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    const { batch } = this;
    batch.live.delete(this);
    try {
      if (body !== undefined) this.recorder.answered(this.call, performance.now() - this.started, this.status, body);
      else this.recorder.failed(this.call, cause!);
    } catch (error) {
      // A recorder that throws (a bug of the workload's) fails the run rather than leaving a call open.
      batch.left = -1;
      batch.reject(error as Error);
      return;
    }
    if (--batch.left === 0) batch.settle();
  }
}

function timedOut(call: PoolCall<LoadCall>): void {
  call.onTimeout();
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
  const live = new Set<PoolCall<LoadCall>>();

  function send(call: C, batch: Batch): void {
    recorder.sent(call);
    const headers = call.headers === undefined ? JSON_HEADERS : { ...JSON_HEADERS, ...call.headers };
    pool.dispatch({ path: call.path ?? ownPath, method: 'POST', headers, body: call.body }, new PoolCall(call, recorder, limit, timeoutMs, batch));
  }

  return {
    fire(next, count) {
      if (count <= 0) return Promise.resolve();
      return new Promise((settle, reject) => {
        const batch: Batch = { live, left: count, settle, reject };
        try {
          for (let i = 0; i < count && batch.left > 0; i++) send(next(), batch);
        } catch (error) {
          reject(error as Error);
        }
      });
    },
    cutOff() {
      const calls = [...live];
      for (const call of calls) call.onTimeout();
      return calls.length;
    },
    close: () => void pool.destroy(),
  };
}
