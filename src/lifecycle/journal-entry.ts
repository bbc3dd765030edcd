/**
 * One call the mock received, as its request journal (`GET /__mock/journal`) reports it, and as
 * `paycheck audit` reads it. Snake case: it is wire data. Runtime-neutral.
 */
export interface JournalEntry {
  /** 1, 2, 3 … in the order the mock received the calls. */
  seq: number;
  /** Milliseconds since the epoch on the mock's clock (injectable: tests move it by hand). */
  at_ms: number;
  method: string;
  /** `/pay/qrcode`, `/pay/get`, `/pay/check`, `/pay/cancel`, `/pay/refund`. */
  path: string;
  app_id?: string;
  order_id?: string;
  trade_no?: string;
  refund_order_id?: string;
  /** The `code` answered; absent when a transport fault answered instead. */
  code?: number;
  /** The order's status after the call, when the call named a known order. */
  order_status?: number;
  scenario?: string;
}

export interface Journal {
  entries: JournalEntry[];
}
