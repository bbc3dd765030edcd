/**
 * A small fetch-based client for the platform's POST calls (/pay/qrcode by default, and the
 * lifecycle calls by `path`) that keeps the evidence: the request exactly as
 * sent, the string to sign (secret masked), and the raw answer beside its parsed body. It uses the
 * global fetch at call time, so MSW's interception applies. Transport failures are returned, not
 * thrown.
 */
import { isLoopbackUrl, type AppCredentials } from '../../kernel/settings.ts';
import type { SignEncoding } from '../../kernel/signing/encoding.ts';
import { displayCanonical } from '../../kernel/signing/explain.ts';
import { nodeSigner } from '../node/node-digests.ts';
import { signTypeOf } from '../../kernel/signing/signer.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { apiUrl } from '../../kernel/spec/api-url.ts';
import { sendOutbound, TransportError, type TransportCause } from './outbound.ts';


export interface PayClientOptions {
  /** The API root; every call goes under its path (apiUrl). */
  baseUrl: string;
  app: AppCredentials;
  encoding: SignEncoding;
  timeoutMs?: number;
  /** Any host but loopback must be allowed on purpose (a live PAY_BASE_URL, or MSW's interception). */
  allowRemote?: boolean;
}

export interface SentRequest {
  method: 'POST';
  url: string;
  /** Only the headers the client set, which is what a reproduction needs. */
  headers: Readonly<Record<string, string>>;
  /** The body, byte for byte. */
  text: string;
  /** The body as a value, when it was built from one. */
  json?: unknown;
}

interface ReceivedResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  text: string;
  /** A redirect's `Location` (never followed). */
  redirectedTo?: string;
  body?: unknown;
  parseError?: string;
}

export interface Exchange {
  request: SentRequest;
  /** The string a verifier builds from the body sent, secret masked ('' when the body is no object). */
  canonical: string;
  response?: ReceivedResponse;
  transportError?: string;
  /** The class of `transportError`. */
  transportCause?: TransportCause;
  durationMs: number;
}

export interface SendOptions {
  headers?: Readonly<Record<string, string>>;
  /** Another call of the same platform (`/pay/get`, `/pay/refund` …), under the base URL; default /pay/qrcode. */
  path?: string;
}

export type Params = Readonly<Record<string, unknown>>;

export function createPayClient(options: PayClientOptions) {
  if (!options.allowRemote && !isLoopbackUrl(options.baseUrl)) {
    throw new RangeError(`refusing to send to ${options.baseUrl}: not loopback (a live target must be allowed explicitly)`);
  }
  const url = apiUrl(options.baseUrl, API_PATHS.pay);
  const signOptions = { secret: options.app.secret, encoding: options.encoding };

  function canonicalOf(json: unknown): string {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return '';
    const params = json as Params;
    return displayCanonical(params, { rsa: signTypeOf(params) === 'RSA', showPayCode: true });
  }

  /** `params` with `sign` computed with this client's secret and encoding. */
  function sign<T extends Params>(params: T): T & { sign: string } {
    return nodeSigner.signed(params, signOptions);
  }

  /** Sends a value as JSON, or a string verbatim, without touching `sign`. */
  async function send(body: unknown, sendOptions: SendOptions = {}): Promise<Exchange> {
    const raw = typeof body === 'string';
    const text = raw ? body : JSON.stringify(body);
    const target = sendOptions.path ? apiUrl(options.baseUrl, sendOptions.path) : url;
    const request: SentRequest = {
      method: 'POST',
      url: target,
      headers: { 'content-type': 'application/json', ...lowerKeys(sendOptions.headers ?? {}) },
      text,
      ...(raw ? {} : { json: body }),
    };
    const started = performance.now();
    const exchange = (extra: Partial<Exchange>): Exchange => ({
      request, canonical: canonicalOf(raw ? tryParse(text) : body), durationMs: performance.now() - started, ...extra,
    });
    try {
      const response: ReceivedResponse = await sendOutbound(target, { method: 'POST', headers: request.headers, body: text, timeoutMs: options.timeoutMs ?? 15_000 });
      try {
        response.body = JSON.parse(response.text);
      } catch (error) {
        response.parseError = (error as Error).message;
      }
      return exchange({ response });
    } catch (error) {
      if (error instanceof TransportError) return exchange({ transportError: error.message, transportCause: error.transportCause });
      throw error;
    }
  }

  /** Signs, then sends. */
  function pay(params: Params, sendOptions?: SendOptions): Promise<Exchange> {
    return send(sign(params), sendOptions);
  }

  return { url, options, sign, send, pay, canonicalOf };
}

export type PayClient = ReturnType<typeof createPayClient>;

function lowerKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
