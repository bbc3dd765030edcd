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
 * What the adapter must do to the connection instead of (or while) answering normally:
 * `reset` — drop the connection with a TCP reset, nothing sent;
 * `hang` — never answer (the connection stays open until the client gives up or the server closes);
 * `truncate` — send the headers and half the body, then close the connection.
 */
export type TransportFault = { kind: 'reset' } | { kind: 'hang' } | { kind: 'truncate' };

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

export interface RequestLogInfo {
  code?: number;
  scenario?: string;
  orderId?: string;
  payCode?: string;
  faults?: string;
}

/** What adapters call. The engine answers synchronously; the wider type leaves room for async steps. */
export type MockHandler = (request: MockRequest) => Promise<MockResponse> | MockResponse;
