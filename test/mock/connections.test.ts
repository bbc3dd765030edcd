/**
 * The mock's connections are bounded (issue #12, point 5): one with no request in flight is closed
 * after the idle timeout, never one whose answer is pending; past the connection cap a new one is
 * closed on arrival while the others are served on. Short timeouts configured for speed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { execFileSync } from 'node:child_process';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/adapters/http/server.ts';
import { createNodeEngine } from '../../src/adapters/http/build-engine.ts';
import type { MockRequest } from '../../src/engine/index.ts';
import { startPaycheckProcess } from '../support/paycheck-process.ts';
import { signedPay } from '../support/signed-request.ts';

const IDLE_MS = 300;
/** Node closes a kept-alive connection this long after the idle timeout. */
const KEEP_ALIVE_MARGIN_MS = 1_000;

async function withServer(options: MockServerOptions, run: (server: MockServer) => Promise<void>): Promise<void> {
  const server = await startMockServer({ port: 0, selfCheck: true, ...options });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

interface Probe {
  socket: Socket;
  /** Resolves at the close with the ms since the connect, the moment (performance.now()) and whatever the server sent. */
  closed: Promise<{ ms: number; at: number; received: string }>;
  /** Resolves when `count` answers have arrived. */
  answers(count: number): Promise<string>;
}

function probe(port: number): Probe {
  const socket = connect(port, '127.0.0.1');
  const started = performance.now();
  let received = '';
  const waiting: { count: number; resolve: (text: string) => void }[] = [];
  socket.on('data', (data) => {
    received += data.toString();
    const seen = received.split('HTTP/1.1 ').length - 1;
    for (const wait of waiting.filter((w) => seen >= w.count)) wait.resolve(received);
  });
  socket.on('error', () => undefined);
  const closed = new Promise<{ ms: number; at: number; received: string }>((resolve) =>
    socket.on('close', () => resolve({ ms: performance.now() - started, at: performance.now(), received })),
  );
  return { socket, closed, answers: (count) => new Promise((resolve) => waiting.push({ count, resolve })) };
}

const HEALTH = 'GET /__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

test('connections that send nothing are closed after the idle timeout', async () => {
  await withServer({ idleTimeoutMs: IDLE_MS }, async (server) => {
    const probes = Array.from({ length: 50 }, () => probe(server.port));
    const closes = await Promise.all(probes.map((p) => p.closed));
    for (const { ms, received } of closes) {
      assert.ok(ms >= IDLE_MS - 50 && ms < IDLE_MS + 1_000, `closed after ${Math.round(ms)} ms`);
      assert.equal(received, '', 'closed without a word');
    }
  });
});

const FLOOD = 3_000;
/** The flood's sockets on both ends, and some room: a machine with fewer descriptors cannot run it. */
const openFiles = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
const roomForFlood = openFiles === Infinity || Number.isNaN(openFiles) || openFiles >= 3 * FLOOD;

test(`${FLOOD} connections opened at once and left silent are all accepted and all closed after the idle timeout`, { skip: !roomForFlood && `ulimit -n is ${openFiles}` }, async () => {
  // Its own process: the flood's client side must not share the server's event loop.
  const mock = await startPaycheckProcess(['mock', '--port', '0', '--quiet', '--idle-timeout-ms', '500']);
  try {
    const probes = Array.from({ length: FLOOD }, () => probe(mock.port));
    const deadline = new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 15_000).unref());
    const outcomes = await Promise.all(probes.map((p) => Promise.race([p.closed.then(() => 'closed' as const), deadline])));
    for (const p of probes) p.socket.destroy();
    assert.equal(outcomes.filter((o) => o === 'open').length, 0, 'left open: on the client side only, if the kernel dropped them before the mock accepted them');
  } finally {
    await mock.stop();
  }
});

test('a kept-alive connection is closed once idle for the idle timeout (and Node\'s margin); each request starts it again', async () => {
  await withServer({ idleTimeoutMs: IDLE_MS }, async (server) => {
    const p = probe(server.port);
    p.socket.write(HEALTH);
    await p.answers(1);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS + KEEP_ALIVE_MARGIN_MS / 2));
    p.socket.write(HEALTH);
    await p.answers(2);
    const answered = performance.now();
    const idle = (await p.closed).at - answered;
    assert.ok(idle >= IDLE_MS + KEEP_ALIVE_MARGIN_MS - 100 && idle < IDLE_MS + KEEP_ALIVE_MARGIN_MS + 1_000, `closed ${Math.round(idle)} ms after the last answer`);
  });
});

test('an answer slower than the idle timeout is still delivered: no idle timeout while a request is in flight', async () => {
  await withServer({ idleTimeoutMs: IDLE_MS }, async (server) => {
    const started = performance.now();
    const response = await fetch(`${server.url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-mock-latency': String(IDLE_MS * 3) }, body: JSON.stringify(signedPay()) });
    assert.equal(((await response.json()) as { code: number }).code, 1000);
    assert.ok(performance.now() - started >= IDLE_MS * 3 - 20);
  });
});

test('past the connection cap a new connection is closed on arrival, and the ones held are served on', async () => {
  const CAP = 5;
  await withServer({ maxConnections: CAP, idleTimeoutMs: 10_000 }, async (server) => {
    const held = Array.from({ length: CAP }, () => probe(server.port));
    for (const p of held) p.socket.write(HEALTH);
    await Promise.all(held.map((p) => p.answers(1)));
    const extra = Array.from({ length: 3 }, () => probe(server.port));
    for (const p of extra) p.socket.write(HEALTH);
    for (const { ms, received } of await Promise.all(extra.map((p) => p.closed))) {
      assert.equal(received, '', 'refused: no answer');
      assert.ok(ms < 1_000, `closed after ${Math.round(ms)} ms`);
    }
    for (const p of held) p.socket.write(HEALTH);
    for (const text of await Promise.all(held.map((p) => p.answers(2)))) assert.equal(text.split('HTTP/1.1 200').length - 1, 2, 'held connections answered again');
    held[0].socket.destroy();
    await held[0].closed;
    // The server learns of that close a moment later; until then a newcomer is still one too many.
    let answer: string | undefined;
    for (let attempt = 0; answer === undefined && attempt < 20; attempt++) {
      const again = probe(server.port);
      again.socket.write(HEALTH);
      answer = await Promise.race([again.answers(1), again.closed.then(() => undefined)]);
      again.socket.destroy();
    }
    assert.match(answer ?? '', /^HTTP\/1\.1 200/, 'a freed place is taken');
    for (const p of held) p.socket.destroy();
  });
});

test('the timeouts and the cap given in code are held to their ranges; the headers timeout to the request timeout', async () => {
  for (const [options, message] of [
    [{ idleTimeoutMs: 0 }, 'idleTimeoutMs must be a whole number from 1 to 2147483647; got 0'],
    [{ maxConnections: 0 }, 'maxConnections must be a whole number from 1 to 1000000; got 0'],
    [{ requestTimeoutMs: 3e9 }, 'requestTimeoutMs must be a whole number from 1 to 2147483647; got 3000000000'],
    [{ headersTimeoutMs: 2_000, requestTimeoutMs: 1_000 }, 'headersTimeoutMs (2000) must not be above requestTimeoutMs (1000)'],
  ] as const) {
    await assert.rejects(startMockServer({ port: 0, ...options }), { name: 'RangeError', message });
  }
});

test('an answer decided in the turn the mock starts to close still goes out: its order is kept either way', async () => {
  const engine = createNodeEngine();
  let server: MockServer | undefined;
  // close() runs in the answer's own turn, after the answer is held for the turn's writes.
  const closingEngine = { ...engine, handle: (request: MockRequest) => (request.method === 'POST' && queueMicrotask(() => void server!.close()), engine.handle(request)) };
  server = await startMockServer({ port: 0, engine: closingEngine });
  const order = signedPay();
  const response = await fetch(`${server.url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(order) });
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as { code: number }).code, 1000);
  await server.close();
  assert.equal(engine.orders.size, 1);
});
