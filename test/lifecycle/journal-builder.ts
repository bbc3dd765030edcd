/**
 * Test-only: staged journals, written as a cashier's calls at times in seconds after the pay.
 * Defaults follow the mock: a 1002 pay leaves the order paying (0), a query answers 1000 with the
 * status, a cancel 1000 with 5.
 */
import type { JournalEntry } from '../../src/kernel/journal-entry.ts';

const T0 = Date.UTC(2026, 0, 1);

export interface Call {
  code?: number;
  status?: number;
  scenario?: string;
  order?: string;
  tradeOnly?: boolean;
  /** Injected faults that fired, as the journal writes them. */
  fault?: string;
}

export function staged(orderId = 'ORDER1') {
  const entries: JournalEntry[] = [];
  const add = (path: string, seconds: number, call: Call): void => {
    const order = call.order ?? orderId;
    entries.push({
      seq: entries.length + 1,
      at_ms: T0 + Math.round(seconds * 1000),
      method: 'POST',
      path,
      app_id: 'paycheck-demo-app',
      ...(call.tradeOnly ? {} : { order_id: order }),
      trade_no: `LFT-${order}`,
      ...(call.code === undefined ? {} : { code: call.code }),
      ...(call.status === undefined ? {} : { order_status: call.status }),
      scenario: call.scenario ?? 'USER_PAYING',
      ...(call.fault === undefined ? {} : { fault: call.fault }),
    });
  };
  const builder = {
    entries,
    pay(seconds: number, call: Call = { code: 1002, status: 0 }) {
      add('/pay/qrcode', seconds, call);
      return builder;
    },
    get(seconds: number, status = 0, call: Call = {}) {
      add('/pay/get', seconds, { code: 1000, status, ...call });
      return builder;
    },
    check(seconds: number, status = 0, call: Call = {}) {
      add('/pay/check', seconds, { code: 1000, status, ...call });
      return builder;
    },
    cancel(seconds: number, call: Call = { code: 1000, status: 5 }) {
      add('/pay/cancel', seconds, call);
      return builder;
    },
  };
  return builder;
}

/** Polls at `from`, `from + every` … up to `to` (inclusive), all answering `status`. */
export function polls(builder: ReturnType<typeof staged>, from: number, to: number, every: number, status = 0) {
  for (let t = from; t <= to + 1e-9; t += every) builder.get(Number(t.toFixed(3)), status);
  return builder;
}
