/**
 * How paycheck's own HTTP leaves the process — the pay client (contract suite, checkout, preflight,
 * doctor), the status-callback delivery, the audit's journal fetch: to the URL named and nowhere
 * else. A redirect is an answer like any other (status and `Location` kept, never followed, so a
 * target cannot send paycheck's signed bodies to a host the user did not name); an answer is read
 * up to ANSWER_LIMIT_BYTES and no further (a hostile target cannot grow paycheck's memory); a
 * call without an answer fails with a named cause. The load executor keeps the same rules over
 * its kept-alive connections (runners/load/executor/call-pool.ts).
 */

/** The most of one answer paycheck reads. The API's answers are well under 2 KiB. */
export const ANSWER_LIMIT_BYTES = 64 * 1024;
/** The most of a mock's journal read: about 200 000 calls (the mock keeps 10 000 by default). */
export const JOURNAL_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Why a call has no (usable) answer: the classes the reports name. `refused`: nothing took the
 * connection (the request provably never reached a server). `untrusted-tls`: the server's
 * certificate did not verify, so nothing was sent. `blocked-port`: the port is one the fetch
 * standard blocks (6000, 6665–6669, 10080…), which Node's fetch never connects to.
 */
export type TransportCause = 'timeout' | 'refused' | 'reset' | 'too-large' | 'not-http' | 'untrusted-tls' | 'blocked-port' | 'network';

/** Whether the cause leaves no byte of the request sent (see above): nothing to follow up. */
export const sentNothing = (cause: TransportCause | undefined): boolean => cause === 'refused' || cause === 'untrusted-tls' || cause === 'blocked-port';

export class TransportError extends Error {
  constructor(
    readonly transportCause: TransportCause,
    message: string,
    /** Set when the answer's body went past this many bytes (too-large of the body, not of the head). */
    readonly bodyLimitBytes?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface OutboundRequest {
  /** Any method: the proxy forwards what the cashier sent. */
  method: string;
  headers?: Readonly<Record<string, string>>;
  /** Bytes go as they are (the proxy forwards a body unchanged, valid UTF-8 or not). */
  body?: string | Uint8Array<ArrayBuffer>;
  /** The whole call, answer body included. */
  timeoutMs: number;
  /** Aborts the call early (its reason becomes the message). */
  signal?: AbortSignal;
  /** The most of the answer read (default ANSWER_LIMIT_BYTES; a journal is larger than an answer). */
  limitBytes?: number;
}

export interface OutboundAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The answer's bytes as they came, for whoever must pass them on unchanged (the proxy). */
  bytes: Uint8Array;
  /** A 3xx answer's `Location`: where the target wanted paycheck to go (not followed). */
  redirectedTo?: string;
}

export async function sendOutbound(url: string | URL, request: OutboundRequest): Promise<OutboundAnswer> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  try {
    const res = await fetch(url, { method: request.method, headers: request.headers, body: request.body, signal, redirect: 'manual' });
    const headers = headersOf(res.headers);
    const bytes = await readLimited(res, request.limitBytes ?? ANSWER_LIMIT_BYTES);
    const redirect = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    return { status: res.status, headers, text: new TextDecoder().decode(bytes), bytes, ...(redirect === null ? {} : { redirectedTo: redirect }) };
  } catch (error) {
    if (error instanceof TransportError) throw error;
    if (timeout.aborted) throw new TransportError('timeout', `no answer within ${request.timeoutMs} ms`);
    if (request.signal?.aborted) throw new TransportError('network', messageOf(request.signal.reason));
    throw classify(error);
  }
}

/** "HTTP 307 to http://…, not followed" for a redirect; undefined otherwise. */
export function describeRedirect(answer: Pick<OutboundAnswer, 'status' | 'redirectedTo'>): string | undefined {
  if (answer.status < 300 || answer.status >= 400) return undefined;
  return `HTTP ${answer.status} redirect${answer.redirectedTo === undefined ? '' : ` to ${answer.redirectedTo}`}, not followed (paycheck sends only to the URL named)`;
}

async function readLimited(res: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(`declares ${declared} bytes`, limit);
  }
  if (res.body === null) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(`sent more than ${limit} bytes`, limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(what: string, limit: number): TransportError {
  return new TransportError('too-large', `answer too large: the target ${what}; paycheck reads at most ${limit} bytes of it`, limit);
}

/** The causes an error's code can name; a blocked port has no code (fetch says only 'bad port'). */
export type CodedCause = Exclude<TransportCause, 'blocked-port'>;

/** What each failure's code says of a call: the socket's, TLS's, undici's own (the client under fetch and the load executor's pool). */
const CAUSE_OF_CODE: Readonly<Record<string, CodedCause>> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'refused',
  EAI_AGAIN: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  // A chunked answer cut off by the connection's close: a cut, not bytes that are not HTTP.
  HPE_INVALID_EOF_STATE: 'reset',
  UND_ERR_HEADERS_OVERFLOW: 'too-large',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'untrusted-tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'untrusted-tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted-tls',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted-tls',
  CERT_HAS_EXPIRED: 'untrusted-tls',
  CERT_NOT_YET_VALID: 'untrusted-tls',
  ERR_TLS_CERT_ALTNAME_INVALID: 'untrusted-tls',
};

/** The cause an error's code names; llhttp's parse errors (HPE_*) say that what came back is not HTTP. */
export function causeOfCode(code: string | undefined): CodedCause {
  if (code === undefined) return 'network';
  return CAUSE_OF_CODE[code] ?? (code.startsWith('HPE_') ? 'not-http' : 'network');
}

const WHAT_OF_CAUSE: Partial<Record<TransportCause, string>> = {
  refused: 'no server took the connection',
  reset: 'connection closed or reset before a whole answer',
  // The body's limit is readLimited's to name; a code says too large only of the head.
  'too-large': "the answer's head is larger than Node reads",
  'not-http': 'the answer is not HTTP',
  'untrusted-tls': "the server's TLS certificate is not trusted",
  'blocked-port': "Node's fetch never connects to this port: the fetch standard blocks it",
};

function classify(error: unknown): TransportError {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code;
  const detail = code ?? e.cause?.message;
  // fetch refuses a blocked port before any connection, with no code, only this message.
  const cause: TransportCause = e.cause?.message === 'bad port' ? 'blocked-port' : causeOfCode(code);
  const what = WHAT_OF_CAUSE[cause] ?? e.message ?? 'fetch failed';
  return new TransportError(cause, detail && !what.includes(detail) ? `${what} (${detail})` : what);
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}
