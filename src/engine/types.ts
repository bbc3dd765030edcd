/**
 * The engine's plain values: no HTTP framework, no Node types. Adapters (src/adapters/http, src/adapters/msw)
 * convert their own request and response objects into these and back.
 */

export interface MockRequest {
  method: string;
  /** Path only, no query string (`/pay/qrcode`). Adapters strip the query into `query`. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  body: string | Uint8Array;
  /** The query string without `?`, if any (admin routes read it). */
  query?: string;
}

/**
 * A transport fault as the bytes to put on the wire and how to end, so that every adapter carries
 * it out the same way (src/engine/transport-fault.ts builds them): send the status line and the
 * headers or not (`head`), then exactly `bytes` of the body, then `close` the connection, `reset`
 * it (TCP RST), or `hang` (leave it open and send nothing more).
 */
export interface TransportFault {
  head: boolean;
  bytes: Uint8Array;
  then: 'close' | 'reset' | 'hang';
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  fault?: TransportFault;
  /** Wait this long before answering (latency faults, slow scenarios). Adapters sleep; the engine never does. */
  delayMs?: number;
  /** For the adapter's request log only; `payCode` is unmasked — mask it before printing. */
  log?: RequestLogInfo;
}

interface RequestLogInfo {
  code?: number;
  scenario?: string;
  orderId?: string;
  payCode?: string;
  faults?: string;
}

/** What adapters call. The engine answers synchronously; the wider type leaves room for async steps. */
export type MockHandler = (request: MockRequest) => Promise<MockResponse> | MockResponse;
