/**
 * What an adapter, a runner or a test may ask of the engine. The order store, the clock and the
 * journal stay inside; what outside code needs of them is named here and nothing more.
 */
import type { ErrorDialect } from '../kernel/codes.ts';
import type { Journal } from '../kernel/journal-entry.ts';
import type { OutboxDrain } from './callback/outbox.ts';
import type { JournalFilter } from './journal.ts';
import type { MockRequest, MockResponse } from './types.ts';

export interface Engine {
  /** Answers one request, synchronously: an API call, a `/__mock/*` route, or a 404/405. */
  handle(request: MockRequest): MockResponse;
  /**
   * An envelope for a request the adapter refused before the engine saw it (e.g. a body over the
   * limit); journaled when the adapter says which call it was.
   */
  reject(fault: 'missing' | 'format', reason: string, call?: { method: string; path: string }): MockResponse;
  /** Which codes the errors answer with (the CLI says so at start). */
  readonly dialect: ErrorDialect;
  /** Clears orders, the journal, callbacks and rate-limit buckets (as `POST /__mock/reset`); returns how many orders were dropped. */
  reset(): number;
  /** Settles every paying order whose time has come (the adapter calls it on a timer when callbacks are on). */
  settleDue(): number;
  orders: {
    /** How many orders the store holds. */
    readonly size: number;
    /** The orders as snapshot text (src/engine/snapshot.ts). */
    snapshot(): string;
    /** Adds a snapshot's orders; returns how many. Throws MockControlError naming `source` on bad text. */
    restore(text: string, source: string): number;
  };
  journal: {
    /** The calls kept, oldest first (as `GET /__mock/journal`). */
    read(filter?: JournalFilter): Journal;
  };
  /** Status callbacks waiting for an adapter to deliver; undefined when callbacks are off. */
  outbox: OutboxDrain | undefined;
}
