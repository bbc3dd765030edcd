/**
 * The benchmarks' load generator: autocannon, sending a fixed number of calls (`amount`) or as
 * many as the target takes for `durationS`, optionally paced (`overallRate`). Either each call's
 * body (and path and headers) comes from `next`, or one `fixed` call is built once and sent as
 * it is: autocannon at its own speed, the baseline the benchmarks hold the rest against. The load
 * executor sends through call-pool.ts; autocannon only ever meets paycheck's own servers here.
 */
import autocannon from 'autocannon';
import type { LoadCall } from './call-pool.ts';
import { encodeCall, installRequestEncoder } from './request-encoder.ts';

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

/** Each request's call from `next`, or one `fixed` call. */
type BatchCalls = { next: () => LoadCall; fixed?: never } | { fixed: LoadCall; next?: never };

export type BatchOptions = BatchSettings & BatchCalls;

const HEADERS = { 'content-type': 'application/json' };

function fixedRequest(call: LoadCall): autocannon.Request {
  return { method: 'POST', body: call.body, headers: { ...HEADERS, ...call.headers }, ...(call.path === undefined ? {} : { path: call.path }) };
}

export function fireBatch(options: BatchOptions): Promise<autocannon.Result> {
  const { next } = options;
  const request: autocannon.Request =
    next === undefined
      ? fixedRequest(options.fixed)
      : {
          method: 'POST',
          headers: HEADERS,
          // Each connection's first call; request-encoder.ts builds the rest.
          setupRequest(req) {
            const call = next();
            req.body = call.body;
            if (call.path !== undefined) req.path = call.path;
            if (call.headers !== undefined) Object.assign(req.headers as object, call.headers);
            return req;
          },
        };
  return new Promise((resolve, reject) => {
    autocannon(
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
          if (next === undefined) return;
          const target = new URL(options.url);
          const head = { host: target.host, path: target.pathname + target.search };
          installRequestEncoder(client, () => encodeCall(head, next()));
        },
      },
      (error: unknown, result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(result);
      },
    );
  });
}
