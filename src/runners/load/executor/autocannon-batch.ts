/**
 * The one place that drives autocannon: a batch of calls fired at the target, either a fixed
 * number (`amount`, one per connection: a scheduled slot of arrivals, or the follow-ups due in a
 * slot) or as many as the target takes for `durationS` (the benchmark). autocannon sends, parses
 * and times every request; this module hands it each call's body (and path and headers, when the
 * call has its own) and gives each answer back with the call it answers.
 */
import autocannon from 'autocannon';

export interface BatchCall {
  body: string;
  /** Absent: the batch URL's own path (the pay call). */
  path?: string;
  /** Added to the request's headers (e.g. `x-mock-scenario`). */
  headers?: Readonly<Record<string, string>>;
}

export interface BatchRecorder<C extends BatchCall> {
  sent(call: C): void;
  /** An HTTP answer of any status, its body as received. */
  answered(call: C, latencyMs: number, status: number, body: string): void;
  /** Sent and never answered: connection error or timeout. Reported when the batch ends. */
  failed(call: C): void;
}

export interface BatchOptions<C extends BatchCall> {
  url: string;
  timeoutS: number;
  connections: number;
  /** Exactly this many requests, each connection sending `amount / connections`. */
  amount?: number;
  /** Or as many as fit in this time (whole seconds; autocannon stops on a sample tick). */
  durationS?: number;
  next: () => C;
  recorder: BatchRecorder<C>;
}

interface CallContext<C> {
  call?: C;
}

const HEADERS = { 'content-type': 'application/json' };

export function fireBatch<C extends BatchCall>(options: BatchOptions<C>): Promise<autocannon.Result> {
  const { next, recorder } = options;
  // Calls sent and not yet answered: whatever is left when the batch ends got no answer.
  const pending = new Set<C>();
  // autocannon calls onResponse and then emits 'response' for the same answer, synchronously:
  // the answer waits here for its latency.
  let answer: { call: C; status: number; body: string } | undefined;
  const request: autocannon.Request = {
    method: 'POST',
    headers: HEADERS,
    setupRequest(req, context) {
      const call = next();
      (context as CallContext<C>).call = call;
      pending.add(call);
      recorder.sent(call);
      req.body = call.body;
      if (call.path !== undefined) req.path = call.path;
      if (call.headers !== undefined) Object.assign(req.headers as object, call.headers);
      return req;
    },
    onResponse(status, body, context) {
      const call = (context as CallContext<C>).call;
      if (call !== undefined) answer = { call, status, body };
    },
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        amount: options.amount,
        duration: options.durationS ?? 1,
        timeout: options.timeoutS,
        // A batch ends on the first sample tick after its last answer: keep that short.
        sampleInt: options.amount === undefined ? 1000 : 50,
        requests: [request],
      },
      (error: unknown, result) => {
        for (const call of pending) recorder.failed(call);
        pending.clear();
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(result);
      },
    );
    instance.on('response', (_client, _status, _bytes, latencyMs) => {
      if (answer === undefined || !pending.delete(answer.call)) return;
      recorder.answered(answer.call, latencyMs, answer.status, answer.body);
      answer = undefined;
    });
  });
}
