/**
 * The engine over bare node:http (not MSW, which costs ~20× here): loopback only, a body limit
 * answered before the rest is read (and the rest drained within bounds, so that the answer
 * arrives), header/request timeouts for slow clients, transport faults
 * carried out, a turn's answers written together, an optional snapshot of the order store, a log
 * told of every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { checkNumber, RANGES } from '../../kernel/number-range.ts';
import { DEFAULT_MOCK_PORT, REQUEST_SIZE_LIMIT } from '../../kernel/settings.ts';
import { transportOutcome, type Engine, type MockRequest, type MockResponse, type TransportFault } from '../../engine/index.ts';
import { writeOrRefuse } from '../node/file-write.ts';
import { createNodeEngine, type NodeEngineOptions } from './build-engine.ts';
import { startCallbackDelivery, type CallbackDeliverer } from './callback-delivery.ts';
import type { RequestLog } from './request-log.ts';
import { createTurnWrites } from './turn-writes.ts';
import { bodyOf, pathOf, queryOf, readBody } from './read-body.ts';
import { refuseBody } from './refuse-body.ts';

const MOCK_HOST = '127.0.0.1';

export interface MockServerOptions extends NodeEngineOptions {
  /** A ready engine; otherwise one is built from the other options. */
  engine?: Engine;
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** The largest body read (default REQUEST_SIZE_LIMIT, 512 KiB); a larger one is answered 3002 at once. */
  bodyLimit?: number;
  /** A connection with no request in flight — none sent yet, or between two — is closed after this (default 5 s). */
  idleTimeoutMs?: number;
  /** Time allowed for a client to send its headers (default 10 s); at most the request timeout. */
  headersTimeoutMs?: number;
  /** Time allowed for a client to send the whole request (default 30 s). */
  requestTimeoutMs?: number;
  /** How often Node looks for connections past those two timeouts (default 1 s). */
  timeoutCheckIntervalMs?: number;
  /** Connections held at once (default 10 000); one more is closed as soon as it is accepted. */
  maxConnections?: number;
  /** Told of every request answered (e.g. `createMockLog` in src/checks/report/mock-log.ts); absent = quiet. */
  log?: RequestLog;
  /** Orders are read from it at start (if it exists) and written to it then (a path that cannot take it is refused) and at close. */
  snapshotFile?: string;
  /** How latency is waited out; tests inject a recorder. */
  sleep?: (ms: number) => Promise<void>;
  /** An engine failure (in test mode, a self-check violation): answered with HTTP 500 and reported here. */
  onError?: (error: unknown) => void;
  /** Where status callbacks are POSTed (loopback only); none = no callbacks. */
  callbackUrl?: string;
  /** Pages served beside the engine (the console): an answer for a GET it knows, else undefined. */
  pages?: (request: MockRequest) => Promise<MockResponse> | undefined;
  /** Hostile variants for every callback: the `X-Mock-Callback` grammar. */
  callbackVariants?: string;
  /** Multiplies the callback retry waits, timeout and hold time (default 1; tests use 0.01). */
  callbackTimeScale?: number;
  /** How long an out-of-order callback waits for its order's next one (default 2 s × the time scale). */
  callbackHoldMs?: number;
}

export interface MockServer {
  url: string;
  port: number;
  engine: Engine;
  /** Present when a callback URL is configured. */
  callbacks: CallbackDeliverer | undefined;
  close(): Promise<void>;
}

/** How often paying orders whose time has come are settled, so their callbacks go out unasked. */
const SETTLE_INTERVAL_MS = 100;

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const callbackUrl = options.callbackUrl;
  const engine =
    options.engine ?? createNodeEngine(callbackUrl === undefined ? options : { ...options, callbacks: options.callbacks ?? { variants: options.callbackVariants } });
  if (callbackUrl !== undefined && engine.outbox === undefined) throw new Error('a callback URL needs an engine made with callbacks on');
  const bodyLimit = checkNumber(options.bodyLimit ?? REQUEST_SIZE_LIMIT, RANGES.bodyLimit, 'bodyLimit');
  const log = options.log;
  const onError = options.onError ?? ((error: unknown) => console.error('paycheck mock: engine failure:', error));
  const snapshotFile = options.snapshotFile;
  // Through a file beside it, renamed over it: a crash mid-write never leaves half a snapshot.
  const writeSnapshot = (file: string) =>
    writeOrRefuse(file, () => {
      const temp = `${file}.tmp`;
      try {
        writeFileSync(temp, engine.orders.snapshot());
        renameSync(temp, file);
      } finally {
        rmSync(temp, { force: true });
      }
    });
  if (snapshotFile) {
    // A directory is not read: the write below refuses it by its name.
    if (existsSync(snapshotFile) && !statSync(snapshotFile).isDirectory()) engine.orders.restore(readFileSync(snapshotFile, 'utf8'), snapshotFile);
    // Written now as well as at close, so that a path that cannot take it (no such folder, a
    // directory, no permission) stops the start instead of losing every order at shutdown.
    writeSnapshot(snapshotFile);
  }

  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const sleep =
    options.sleep ??
    ((ms: number) =>
      new Promise<void>((resolve) => {
        const entry = { timer: setTimeout(() => (timers.delete(entry), resolve()), ms), resolve };
        timers.add(entry);
      }));
  let closing = false;

  const limits = connectionLimits(options);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
      // Node waits a second past this before it closes, a margin over the Keep-Alive: timeout it advertises.
      keepAliveTimeout: limits.idleTimeoutMs,
    },
    (req, res) => {
      // A request in flight is the request timeout's to bound, and its answer may rightly take
      // long (the slow scenarios, added latency, a hang fault): no idle timeout meanwhile. Node
      // starts the keep-alive one when the answer is sent.
      req.socket.setTimeout(0);
      const started = log ? performance.now() : 0;
      const url = req.url ?? '/';
      readBody(
        req,
        bodyLimit,
        (bytes) => {
          const request: MockRequest = { method: req.method ?? 'GET', path: pathOf(url), query: queryOf(url), headers: req.headers, body: bodyOf(bytes) };
          answer(request, req, res, started);
        },
        (reason) => refuse(req, res, reason),
      );
    },
  );

  server.maxConnections = limits.maxConnections;
  // A connection that has sent nothing yet is idle too: closed at the idle timeout, sooner than
  // the headers timeout would (Node destroys a socket whose timeout fires with nobody listening).
  server.on('connection', (socket) => socket.setTimeout(limits.idleTimeoutMs));

  // The engine answers synchronously; only a delay or an async answer costs a promise. This is the
  // hot path the bench measures, so the common case stays free of microtask hops.
  function answer(request: MockRequest, req: IncomingMessage, res: ServerResponse, started: number): void {
    let response: MockResponse | Promise<MockResponse>;
    try {
      // The pay path is POST: one string compare keeps the pages off it.
      response = (request.method === 'GET' ? options.pages?.(request) : undefined) ?? engine.handle(request);
    } catch (error) {
      response = failure(error);
    }
    if (response instanceof Promise) {
      response.then((r) => deliver(request, req, res, started, r), (error: unknown) => deliver(request, req, res, started, failure(error)));
    } else if (response.delayMs !== undefined) {
      const ready = response;
      void sleep(response.delayMs).then(() => finish(request, req, res, started, ready));
    } else {
      finish(request, req, res, started, response);
    }
  }

  function failure(error: unknown): MockResponse {
    onError(error);
    return { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: String(error) }) };
  }

  function deliver(request: MockRequest, req: IncomingMessage, res: ServerResponse, started: number, response: MockResponse): void {
    if (response.delayMs === undefined) finish(request, req, res, started, response);
    else void sleep(response.delayMs).then(() => finish(request, req, res, started, response));
  }

  // The answers of one turn of the event loop go out together, at its end (turn-writes.ts).
  const writes = createTurnWrites();

  function finish(request: MockRequest, req: IncomingMessage, res: ServerResponse, started: number, response: MockResponse): void {
    writes.hold(() => {
      if (closing || res.destroyed) return;
      const outcome = send(req, res, response);
      if (log) log({ method: request.method, url: req.url ?? '/', response, ms: performance.now() - started, outcome });
    });
  }

  /** An envelope 3002 for a body over the limit, on its turn; then the connection closes the gentle way. */
  function refuse(req: IncomingMessage, res: ServerResponse, reason: string): void {
    const response = engine.reject('format', reason, { method: req.method ?? 'POST', path: pathOf(req.url ?? '/') });
    refuseBody(req, res, response, (drained) => log?.({ method: req.method ?? '?', url: req.url ?? '/', response, ms: 0, outcome: `refused drained=${drained}` }));
  }

  const callbacks = callbackUrl === undefined ? undefined : startCallbackDelivery({ url: callbackUrl, outbox: engine.outbox!, timeScale: options.callbackTimeScale, holdMs: options.callbackHoldMs });
  const settler = callbacks
    ? setInterval(() => {
        try {
          engine.settleDue();
        } catch (error) {
          onError(error);
        }
      }, SETTLE_INTERVAL_MS)
    : undefined;
  settler?.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: options.port ?? DEFAULT_MOCK_PORT, host: MOCK_HOST, backlog: LISTEN_BACKLOG }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(settler);
    callbacks?.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${MOCK_HOST}:${port}`,
    port,
    engine,
    callbacks,
    async close() {
      if (closing) return;
      // Answers already decided go out: their orders are kept (and in the snapshot) either way.
      writes.flush();
      closing = true;
      clearInterval(settler);
      callbacks?.close();
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      if (snapshotFile) writeSnapshot(snapshotFile);
    },
  };
}

/**
 * Connections the kernel holds for the mock to accept. Node's 511 lets a flood of a few thousand at
 * once overflow: the kernel drops the overflow before the mock sees it, while each client believes
 * itself connected — and no timeout of the mock's can close what it never accepted. The kernel caps
 * this at net.core.somaxconn (commonly 4096).
 */
const LISTEN_BACKLOG = 4_096;

export const DEFAULT_IDLE_TIMEOUT_MS = 5_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Far above what any load profile opens (the stress and spike profiles: 1 000 connections), far below a flood. */
export const DEFAULT_MAX_CONNECTIONS = 10_000;

type ConnectionLimits = Required<Pick<MockServerOptions, 'idleTimeoutMs' | 'headersTimeoutMs' | 'requestTimeoutMs' | 'timeoutCheckIntervalMs' | 'maxConnections'>>;

/** The options' timeouts and cap with their defaults, each in its range (Node refuses headers past the request timeout). */
function connectionLimits(options: MockServerOptions): ConnectionLimits {
  const limits = {
    idleTimeoutMs: checkNumber(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, RANGES.timeoutMs, 'idleTimeoutMs'),
    headersTimeoutMs: checkNumber(options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, RANGES.timeoutMs, 'headersTimeoutMs'),
    requestTimeoutMs: checkNumber(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, RANGES.timeoutMs, 'requestTimeoutMs'),
    timeoutCheckIntervalMs: checkNumber(options.timeoutCheckIntervalMs ?? 1_000, RANGES.timeoutMs, 'timeoutCheckIntervalMs'),
    maxConnections: checkNumber(options.maxConnections ?? DEFAULT_MAX_CONNECTIONS, RANGES.connections, 'maxConnections'),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new RangeError(`headersTimeoutMs (${limits.headersTimeoutMs}) must not be above requestTimeoutMs (${limits.requestTimeoutMs})`);
  }
  return limits;
}

/** Writes the response, or carries out its transport fault; says which. */
function send(req: IncomingMessage, res: ServerResponse, response: MockResponse): string {
  const headers = response.headers;
  if (response.fault) return carryOut(req, res, response.status, headers, response.fault);
  // Encoded once: its length and its bytes.
  const body = Buffer.from(response.body);
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
  return 'sent';
}

/** The fault as the engine describes it: the head or not, exactly its bytes, then close, reset or hang. */
function carryOut(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, fault: TransportFault): string {
  const end = () => {
    if (fault.then === 'close') req.socket.destroy();
    else if (fault.then === 'reset') req.socket.resetAndDestroy();
  };
  if (!fault.head) end();
  else {
    res.writeHead(status, headers);
    if (fault.bytes.length > 0) res.write(fault.bytes, end);
    else {
      res.flushHeaders();
      setImmediate(end);
    }
  }
  return transportOutcome(fault);
}
