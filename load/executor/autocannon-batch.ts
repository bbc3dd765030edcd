/**
 * The one place that drives autocannon: a batch of fresh signed orders fired at the pay URL,
 * either a fixed number (`amount`, one per connection: a scheduled slot of arrivals) or as many
 * as the target takes for `durationS` (the benchmark). autocannon sends, parses and times every
 * request; this module hands it each body and reads each answer's `code` and checks.
 */
import autocannon from 'autocannon';
import { inspectPayAnswer, type PayInspection } from '../request/pay-answer-checks.ts';
import type { SignedOrder } from '../request/signed-order-stream.ts';

export interface BatchRecorder {
  sent(signMs: number): void;
  answered(latencyMs: number, status: number, inspection: PayInspection): void;
  /** No answer: connection error or timeout. */
  failed(): void;
}

export interface BatchOptions {
  url: string;
  timeoutS: number;
  connections: number;
  /** Exactly this many requests, each connection sending `amount / connections`. */
  amount?: number;
  /** Or as many as fit in this time (whole seconds; autocannon stops on a sample tick). */
  durationS?: number;
  nextOrder: () => SignedOrder;
  recorder: BatchRecorder;
}

interface OrderContext {
  orderId?: string;
}

const HEADERS = { 'content-type': 'application/json' };

export function fireBatch(options: BatchOptions): Promise<autocannon.Result> {
  const { nextOrder, recorder } = options;
  // autocannon calls onResponse and then emits 'response' for the same answer, synchronously:
  // the inspection waits here for its latency.
  let inspection: PayInspection | undefined;
  const request: autocannon.Request = {
    method: 'POST',
    headers: HEADERS,
    setupRequest(req, context) {
      const order = nextOrder();
      (context as OrderContext).orderId = order.orderId;
      recorder.sent(order.signMs);
      req.body = order.body;
      return req;
    },
    onResponse(status, body, context) {
      inspection = inspectPayAnswer(status, body, (context as OrderContext).orderId ?? '');
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
      (error: unknown, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
    instance.on('response', (_client, status, _bytes, latencyMs) => {
      recorder.answered(latencyMs, status, inspection ?? inspectPayAnswer(status, '', ''));
      inspection = undefined;
    });
    instance.on('reqError', () => recorder.failed());
  });
}
