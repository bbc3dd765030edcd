/**
 * One call the mock received, as its request journal (`GET /__mock/journal`) reports it, and as
 * `paycheck audit` reads it. Snake case: it is wire data. Runtime-neutral.
 */
import type { SignDiagnosis } from './signing/mistakes.ts';
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
  /**
   * The injected faults that fired on this call, comma-separated as `X-Mock-Fault` names them.
   * With `truncate` or `non-json` the client got no readable answer, though `code` says what the
   * mock had decided.
   */
  fault?: string;
  /** The delay the mock added before answering (a slow scenario, injected latency), when there was one. */
  delay_ms?: number;
  /** A call answered 3004 (table dialect 2000): the string the mock signed, masked, and the signing mistake that reproduces the sign sent, if a common one does. */
  sign_diagnosis?: SignDiagnosis;
  /**
   * The proxy's journal only: the fault of a request paycheck spoiled on purpose (X-Paycheck-Probe,
   * src/kernel/probe.ts), which the proxy did not charge to the cashier.
   */
  probe?: string;
}

/** Faults that spoil an answer on the wire after the mock decided it (the mock's mangling faults). */
export const SPOILING_FAULTS = ['truncate', 'non-json'] as const;

/** Whether the client could read what this call answered (a code came back, unspoiled). */
export function answerReadable(entry: JournalEntry): boolean {
  return entry.code !== undefined && (entry.fault === undefined || !entry.fault.split(',').some((kind) => (SPOILING_FAULTS as readonly string[]).includes(kind)));
}

export interface Journal {
  entries: JournalEntry[];
}
