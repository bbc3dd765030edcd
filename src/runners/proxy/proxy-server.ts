/**
 * `paycheck proxy`: a loopback listener in front of one upstream. Every call goes to the upstream
 * unchanged — method, path, query, the headers that are not the connection's own, the body's bytes
 * — through paycheck's one outbound call (no redirect followed, the answer limit), and the
 * upstream's answer goes back unchanged. Each API call is judged (exchange-judge.ts) and journalled
 * in the mock's journal shape, so `paycheck audit --base-url <proxy>` judges the cashier from it.
 * `/__mock/health`, `/__mock/journal`, `/__mock/reset` and `/__mock/findings` are the proxy's own;
 * every other `/__mock/*` goes to the upstream too.
 */
import { checkNumber, RANGES } from '../../kernel/number-range.ts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANSWER_LIMIT_BYTES, sendOutbound, TransportError } from '../../adapters/client/outbound.ts';
import { bodyOf, pathOf, queryOf, readBody } from '../../adapters/http/read-body.ts';
import { refuseBody } from '../../adapters/http/refuse-body.ts';
import { REQUEST_SIZE_LIMIT } from '../../kernel/settings.ts';
import { createRing, DEFAULT_JOURNAL_CAP, envelopeBody, JSON_TYPE, type MockRequest, type RequestVerdict } from '../../engine/index.ts';
import { hasMockControls } from '../../checks/preflight/preflight.ts';
import type { JournalEntry } from '../../kernel/journal-entry.ts';
import type { Mask } from '../../kernel/redaction/mask.ts';
import { DEFAULT_PROXY_PORT } from '../../kernel/settings.ts';
import { excusedBy, PROBE_HEADER, readProbe, type ProbeFault } from '../../kernel/probe.ts';
import { apiUrl } from '../../kernel/spec/api-url.ts';
import { createExchangeJudge, type ExchangeJudgeOptions, type ProxyFinding, type SignVerdict, type UpstreamAnswer } from './exchange-judge.ts';

const PROXY_HOST = '127.0.0.1';
/** Longer than the mock's slow scenarios (65 s): the cashier's own timeout ends a call sooner. */
export const UPSTREAM_TIMEOUT_MS = 90_000;

/** The connection's own headers (RFC 9110 §7.6.1), and those fetch sets itself: never forwarded either way. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-length', 'expect', 'accept-encoding']);
/** Dropped from an answer: the body is passed on as read (fetch decodes a compressed one) with its own length. */
const ANSWER_DROPPED = new Set([...HOP_BY_HOP, 'content-encoding']);

/** One exchange as `--record` writes it: the request as sent (masked), what came back. */
export interface RecordedExchange {
  seq: number;
  at_ms: number;
  method: string;
  path: string;
  query?: string;
  headers: Record<string, string>;
  /** The request body, masked (pay codes keep their first and last four digits, the secret is ***). */
  body: string;
  sign: SignVerdict;
  answer: { status: number; code?: number } | { error: string };
  /** A deliberate probe of paycheck's: the fault it declared and was not charged (its header is in `headers`, for a replay). */
  probe?: ProbeFault;
}

export interface ProxyOptions extends Omit<ExchangeJudgeOptions, 'now'> {
  /** The upstream's base URL (already allowed: loopback, or --allow-remote). */
  upstream: string;
  /** Default 4020; 0 picks a free port. */
  port?: number;
  /** Answer a request that breaks the spec (3001 / 3002) here, instead of forwarding it. */
  errors?: boolean;
  /** Called with each API exchange once it is over (`--record`). */
  record?: (exchange: RecordedExchange) => void;
  journalCap?: number;
  bodyLimit?: number;
  upstreamTimeoutMs?: number;
  /** The journal's clock and the sign diagnoses' (default Date.now; tests share the mock's manual clock). */
  now?: () => number;
  /** Applied to everything the proxy serves or writes of an exchange. */
  mask: Mask;
  /** One line per exchange; absent = quiet. */
  log?: (line: string) => void;
}

interface Exchange {
  entry: JournalEntry;
  findings: ProxyFinding[];
}

const probeOf = (headers: IncomingMessage['headers']) => readProbe(headers[PROBE_HEADER.toLowerCase()]);

export interface ProxyServer {
  url: string;
  port: number;
  journal(): JournalEntry[];
  findings(): ProxyFinding[];
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions): Promise<ProxyServer> {
  const upstream = new URL(options.upstream);
  const cap = options.journalCap ?? DEFAULT_JOURNAL_CAP;
  checkNumber(cap, RANGES.journalCap, 'the journal cap');
  const bodyLimit = options.bodyLimit ?? REQUEST_SIZE_LIMIT;
  const timeoutMs = options.upstreamTimeoutMs ?? UPSTREAM_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const { mask, log } = options;
  const judge = createExchangeJudge({ ...options, now });
  const exchanges = createRing<Exchange>(cap);
  let seq = 0;

  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (req, res) => {
    const url = req.url ?? '/';
    // Origin-form only: an absolute URL here would name another host, and the proxy forwards to one.
    if (!url.startsWith('/') || url.startsWith('//')) {
      plain(res, 400, 'the proxy takes paths only (origin-form), never another host');
      return;
    }
    readBody(
      req,
      bodyLimit,
      (bytes) => void route({ method: req.method ?? 'GET', path: pathOf(url), query: queryOf(url), headers: req.headers, body: bodyOf(bytes) }, bytes, req, res),
      (reason) => {
        const seqOf = open({ method: req.method ?? 'POST', path: pathOf(url) });
        const refusal = { status: 200, headers: { 'content-type': JSON_TYPE, 'x-paycheck-proxy': `refused: ${reason}` }, body: envelopeBody({ code: 3002 }) };
        // An oversize body is a format fault, excused by the rule the judge applies (excusedBy).
        const excused = excusedBy(probeOf(req.headers), 'format');
        const charged = excused ? 'probe format, not charged' : 'client request-format';
        refuseBody(req, res, refusal, (drained) => log?.(`#${seqOf.entry.seq} ${seqOf.entry.method} ${seqOf.entry.path} → 200 3002 refused, not forwarded: ${reason}; ${drained} bytes drained — ${charged}`));
        if (excused) seqOf.entry.probe = 'format';
        else seqOf.findings.push({ exchange: seqOf.entry.seq, call: seqOf.entry.path, side: 'client', rule: 'request-format', path: '$', expected: `a body of at most ${bodyLimit} bytes`, actual: reason, message: `${reason}: not forwarded (the mock answers it 3002)`, severity: 'error' });
        seqOf.entry.code = 3002;
      },
    );
  });

  /** A new journal entry, numbered on arrival as the mock numbers its calls. */
  function open(request: Pick<MockRequest, 'method' | 'path'>): Exchange {
    const exchange: Exchange = { entry: { seq: ++seq, at_ms: now(), method: request.method, path: request.path }, findings: [] };
    exchanges.push(exchange);
    return exchange;
  }

  async function route(request: MockRequest, bytes: Buffer, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const own = await admin(request);
    if (own) {
      send(res, own.status, { 'content-type': JSON_TYPE, ...own.headers }, Buffer.from(mask(JSON.stringify(own.body))));
      return;
    }
    const verdict = judge.judgeRequest(request);
    const exchange = verdict ? open(request) : undefined;
    const started = performance.now();
    let answer: UpstreamAnswer;
    const spec = verdict?.refused;
    if (options.errors && spec && (spec.step === 'presence' || spec.step === 'format')) {
      const text = envelopeBody({ code: spec.fault === 'missing' ? 3001 : 3002 });
      const headers = { 'content-type': JSON_TYPE, 'x-paycheck-proxy': `not forwarded: ${spec.reason}`.replace(/[^\x20-\x7e]/g, '?') };
      send(res, 200, headers, Buffer.from(text));
      answer = { status: 200, headers, text };
    } else {
      answer = await forward(request, bytes, req, res);
    }
    if (!exchange || !verdict) return;
    finish(exchange, request, verdict, answer, performance.now() - started);
  }

  async function forward(request: MockRequest, bytes: Buffer, req: IncomingMessage, res: ServerResponse): Promise<UpstreamAnswer> {
    // Under the upstream's own path, as every command joins a base URL and a path.
    const target = new URL(apiUrl(upstream.href, req.url ?? '/'));
    // What the cashier named must stay on the upstream: a path never changes the host.
    if (target.origin !== upstream.origin) {
      plain(res, 400, 'that path would leave the upstream');
      return { error: 'not forwarded: the path would leave the upstream' };
    }
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const gone = new AbortController();
    const onClose = () => gone.abort(new Error('the cashier closed the connection before the answer'));
    res.once('close', onClose);
    try {
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const answer = await sendOutbound(target, { method: request.method, headers, body: hasBody ? new Uint8Array(bytes) : undefined, timeoutMs, signal: gone.signal, limitBytes: ANSWER_LIMIT_BYTES });
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!ANSWER_DROPPED.has(name)) out[name] = value;
      send(res, answer.status, out, Buffer.from(answer.bytes));
      return { status: answer.status, headers: answer.headers, text: answer.text };
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      // The cashier gets what it would have got from the upstream: no answer.
      res.socket?.destroy();
      return { error: `${error.transportCause}: ${error.message}` };
    } finally {
      res.off('close', onClose);
    }
  }

  function finish(exchange: Exchange, request: MockRequest, verdict: RequestVerdict, answer: UpstreamAnswer, ms: number): void {
    const judged = judge.judge(request.path, verdict, answer, probeOf(request.headers));
    Object.assign(exchange.entry, judged.journal);
    const { seq: at, path } = exchange.entry;
    exchange.findings.push(...judged.findings.map((f, i) => ({ exchange: at, call: path, side: judged.sides[i], ...f })));
    options.record?.({
      seq: at,
      at_ms: exchange.entry.at_ms,
      method: request.method,
      path,
      ...(request.query === undefined ? {} : { query: request.query }),
      headers: recordedHeaders(request.headers),
      body: mask(typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('base64')),
      sign: judge.signVerdict(verdict),
      answer: 'error' in answer ? { error: mask(answer.error) } : { status: answer.status, ...(exchange.entry.code === undefined ? {} : { code: exchange.entry.code }) },
      ...(judged.probe ? { probe: judged.probe } : {}),
    });
    if (log) {
      const outcome = 'error' in answer ? answer.error : `${answer.status}${exchange.entry.code === undefined ? '' : ` ${exchange.entry.code}`}`;
      const notes = [...(judged.probe ? [`probe ${judged.probe}, not charged`] : []), ...exchange.findings.map((f) => `${f.side} ${f.rule}`)];
      const found = notes.length === 0 ? '' : ` — ${notes.join(', ')}`;
      log(mask(`#${at} ${request.method} ${path} → ${outcome} (${ms.toFixed(1)} ms)${found}`));
    }
  }

  async function admin(request: MockRequest): Promise<{ status: number; body: unknown; headers?: Record<string, string> } | undefined> {
    const query = new URLSearchParams(request.query ?? '');
    const key = `${request.method} ${request.path}`;
    if (key === 'GET /__mock/health') {
      const all = exchanges.items();
      // `ok` as the mock's: whether the mock's controls (X-Mock-*, /__mock/orders …) work through this address.
      const controls = await hasMockControls(upstream.href);
      const probes = all.filter((e) => e.entry.probe !== undefined).length;
      return { status: 200, body: { ok: controls, proxy: { upstream: apiUrl(upstream.href, ''), exchanges: all.length, findings: all.reduce((n, e) => n + e.findings.length, 0), probes, journal: { entries: exchanges.size, cap, dropped: exchanges.dropped } } } };
    }
    if (key === 'GET /__mock/journal') {
      const orderId = query.get('order_id');
      const appId = query.get('app_id');
      const entries = exchanges.items().map((e) => e.entry).filter((e) => (orderId === null || e.order_id === orderId) && (appId === null || e.app_id === appId));
      return { status: 200, body: { entries }, headers: { 'x-mock-journal-cap': String(cap), 'x-mock-journal-dropped': String(exchanges.dropped) } };
    }
    if (key === 'GET /__mock/findings') {
      const side = query.get('side');
      return { status: 200, body: { findings: findingsOf().filter((f) => side === null || f.side === side) } };
    }
    if (key === 'POST /__mock/reset') {
      const cleared = exchanges.size;
      exchanges.clear();
      seq = 0;
      judge.reset();
      return { status: 200, body: { ok: true, cleared } };
    }
    return undefined;
  }

  function findingsOf(): ProxyFinding[] {
    return exchanges.items().flatMap((e) => e.findings);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PROXY_PORT, PROXY_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${PROXY_HOST}:${port}`,
    port,
    journal: () => exchanges.items().map((e) => e.entry),
    findings: findingsOf,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The headers a replay sends again: the content type, the mock's controls, and a probe's mark (so the replay does not charge it either). */
function recordedHeaders(headers: MockRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !(name === 'content-type' || name.startsWith('x-mock-') || name === PROBE_HEADER.toLowerCase())) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  if (res.destroyed) return;
  res.writeHead(status, { ...headers, 'content-length': String(body.length) });
  res.end(body);
}

function plain(res: ServerResponse, status: number, text: string): void {
  send(res, status, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from(text));
}
