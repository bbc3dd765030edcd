/**
 * The one place that drives autocannon: a batch of calls fired at the target, either a fixed
 * number (`amount`, one per connection: a scheduled slot of arrivals, or the follow-ups due in a
 * slot) or as many as the target takes for `durationS` (the benchmarks), optionally paced
 * (`overallRate`). autocannon sends, parses and times every request; this module hands it each
 * call's body (and path and headers, when the call has its own) and, given a recorder, gives each
 * answer back with the call it answers. A `fixed` call is built once and sent as it is: autocannon
 * at its own speed, the baseline the benchmarks hold the rest against.
 */
import autocannon from 'autocannon';
import type { NoCodeCause } from '../../../checks/load/outcomes.ts';
import { guardConnection } from './answer-guard.ts';
import { encodeCall, installRequestEncoder, type BatchCall } from './request-encoder.ts';

export type { BatchCall } from './request-encoder.ts';

export interface BatchRecorder<C extends BatchCall> {
  sent(call: C): void;
  /** An HTTP answer of any status, its body as received. */
  answered(call: C, latencyMs: number, status: number, body: string): void;
  /** Sent and never answered, and why. Reported when the batch ends. */
  failed(call: C, cause: NoCodeCause): void;
}

interface BatchSettings {
  url: string;
  timeoutS: number;
  connections: number;
  /** Exactly this many requests, each connection sending `amount / connections`. */
  amount?: number;
  /** Or as many as fit in this time (whole seconds; autocannon stops on a sample tick). */
  durationS?: number;
  /** Requests per second over all connections; absent: as fast as the target answers. */
  overallRate?: number;
}

/** Each request's call from `next` (its answers to `recorder`, if any), or one `fixed` call. */
type BatchCalls<C extends BatchCall> = { next: () => C; recorder?: BatchRecorder<C>; fixed?: never } | { fixed: BatchCall; next?: never; recorder?: never };

export type BatchOptions<C extends BatchCall> = BatchSettings & BatchCalls<C>;

interface CallContext<C> {
  call?: C;
}

const HEADERS = { 'content-type': 'application/json' };

function fixedRequest(call: BatchCall): autocannon.Request {
  return { method: 'POST', body: call.body, headers: { ...HEADERS, ...call.headers }, ...(call.path === undefined ? {} : { path: call.path }) };
}

export function fireBatch<C extends BatchCall>(options: BatchOptions<C>): Promise<autocannon.Result> {
  const { next, recorder } = options;
  // Calls sent and not yet answered, with when: whatever is left when the batch ends got no answer.
  const pending = new Map<C, number>();
  // Why a pending call was cut off, where the answer guard or a connection error says so.
  const causes = new Map<C, NoCodeCause>();
  // autocannon calls onResponse and then emits 'response' for the same answer, synchronously:
  // the answer waits here for its latency.
  let answer: { call: C; status: number; body: string } | undefined;
  // The next call, made the request context's and, given a recorder, pending.
  const take = (context: object): C => {
    const call = next!();
    (context as CallContext<C>).call = call;
    if (recorder !== undefined) {
      pending.set(call, performance.now());
      recorder.sent(call);
    }
    return call;
  };
  const request: autocannon.Request =
    next === undefined
      ? fixedRequest(options.fixed)
      : {
          method: 'POST',
          headers: HEADERS,
          // Each connection's first call; request-encoder.ts builds the rest.
          setupRequest(req, context) {
            const call = take(context);
            req.body = call.body;
            if (call.path !== undefined) req.path = call.path;
            if (call.headers !== undefined) Object.assign(req.headers as object, call.headers);
            return req;
          },
          // Only a recorder wants the answers; without one autocannon need not hand them over.
          ...(recorder === undefined
            ? {}
            : {
                onResponse(status: number, body: string, context: CallContext<C>) {
                  if (context.call !== undefined) answer = { call: context.call, status, body };
                },
              }),
        };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        amount: options.amount,
        duration: options.durationS ?? 1,
        overallRate: options.overallRate,
        timeout: options.timeoutS,
        // A batch ends on the first sample tick after its last answer: keep that short.
        sampleInt: options.amount === undefined ? 1000 : 50,
        requests: [request],
        setupClient: (client) => {
          guardConnection(client, (context, cause) => {
            const call = (context as CallContext<C>).call;
            if (call !== undefined && pending.has(call)) causes.set(call, cause);
          });
          if (next !== undefined) {
            const target = new URL(options.url);
            const head = { host: target.host, path: target.pathname + target.search };
            installRequestEncoder(client, (context) => encodeCall(head, take(context)));
          }
        },
      },
      (error: unknown, result) => {
        const now = performance.now();
        // Not cut off for a named cause: it hung to the timeout, or its connection just closed.
        for (const [call, sentAt] of pending) recorder?.failed(call, causes.get(call) ?? (now - sentAt >= options.timeoutS * 1000 ? 'timeout' : 'reset'));
        pending.clear();
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(result);
      },
    );
    if (recorder === undefined) return;
    instance.on('response', (_client, _status, _bytes, latencyMs) => {
      if (answer === undefined || !pending.delete(answer.call)) return;
      recorder.answered(answer.call, latencyMs, answer.status, answer.body);
      answer = undefined;
    });
  });
}
