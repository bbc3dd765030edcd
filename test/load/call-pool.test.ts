import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCallPool, type CallRecorder, type LoadCall } from '../../src/runners/load/executor/call-pool.ts';
import type { NoCodeCause } from '../../src/checks/load/outcomes.ts';
import { onLoopback } from '../support/loopback.ts';
import { recordingServer } from '../support/recording-server.ts';
import { selfSignedCert } from '../support/tls-cert.ts';
import { HOSTILE_KINDS, startCanary, startHostileServer, type HostileKind } from '../support/hostile-servers.ts';

interface Tally<C extends LoadCall> {
  recorder: CallRecorder<C>;
  sent: C[];
  answered: { call: C; latencyMs: number; status: number; body: string }[];
  failed: { call: C; cause: NoCodeCause }[];
}

function tally<C extends LoadCall>(): Tally<C> {
  const t: Tally<C> = {
    sent: [],
    answered: [],
    failed: [],
    recorder: {
      sent: (call) => t.sent.push(call),
      answered: (call, latencyMs, status, body) => t.answered.push({ call, latencyMs, status, body }),
      failed: (call, cause) => t.failed.push({ call, cause }),
    },
  };
  return t;
}

test('each call goes with its own body (CJK included), path, query and headers, and every answer comes back with its call', async () => {
  const server = await recordingServer();
  const calls: LoadCall[] = Array.from({ length: 12 }, (_, n) => ({
    body: JSON.stringify({ n, title: '可口可乐300ml', note: 'ü'.repeat(n) }),
    ...(n % 3 === 1 ? { path: `/pay/get?n=${n}` } : {}),
    ...(n % 4 === 2 ? { headers: { 'x-mock-scenario': 'USER_PAYING' } } : {}),
  }));
  const t = tally<LoadCall>();
  const pool = createCallPool({ url: `${server.url}?from=pool`, timeoutS: 5, keep: 4, recorder: t.recorder });
  let i = 0;
  try {
    await pool.fire(() => calls[i++], calls.length);
  } finally {
    pool.close();
    await server.close();
  }
  assert.equal(t.sent.length, calls.length);
  assert.deepEqual(t.failed, []);
  const seen = new Map(server.seen.map((s) => [JSON.parse(s.body).n as number, s]));
  for (const [n, call] of calls.entries()) {
    assert.deepEqual(seen.get(n), { path: call.path ?? '/pay/qrcode?from=pool', scenario: call.headers?.['x-mock-scenario'], type: 'application/json', body: call.body }, `call ${n}`);
  }
  for (const { call, status, body, latencyMs } of t.answered) {
    assert.equal(status, 200);
    assert.equal(JSON.parse(body).path, call.path ?? '/pay/qrcode?from=pool');
    assert.ok(latencyMs > 0);
  }
});

test('connections are kept between slots: 5 slots of 8 calls open at most 8 connections, and close() ends them', async () => {
  const server = await recordingServer();
  const t = tally<LoadCall>();
  const pool = createCallPool({ url: server.url, timeoutS: 5, keep: 8, recorder: t.recorder });
  let n = 0;
  try {
    for (let slot = 0; slot < 5; slot++) await pool.fire(() => ({ body: String(n++) }), 8);
    assert.equal(t.answered.length, 40);
    assert.ok(server.opened() <= 8, `${server.opened()} connections opened for 40 calls`);
    pool.close();
    const deadline = Date.now() + 2000;
    while (server.connections.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(server.connections.size, 0, 'close() left connections open');
  } finally {
    pool.close();
    await server.close();
  }
});

test('a closed port: every call fails as refused, and fire settles', async () => {
  const server = await recordingServer();
  const url = server.url;
  await server.close();
  const t = tally<LoadCall>();
  const pool = createCallPool({ url, timeoutS: 5, keep: 2, recorder: t.recorder });
  try {
    await pool.fire(() => ({ body: '{}' }), 3);
  } finally {
    pool.close();
  }
  assert.deepEqual(t.failed.map((f) => f.cause), ['refused', 'refused', 'refused']);
  assert.equal(t.answered.length, 0);
});

test('a TLS certificate Node does not trust: every call fails as untrustedTls, and nothing reaches the server', async () => {
  const tls = selfSignedCert();
  let requests = 0;
  const server = createHttpsServer({ key: tls.key, cert: tls.cert }, (_req, res) => {
    requests++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const t = tally<LoadCall>();
  const pool = createCallPool({ url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/pay/qrcode`, timeoutS: 5, keep: 2, recorder: t.recorder });
  try {
    await pool.fire(() => ({ body: '{}' }), 3);
  } finally {
    pool.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    tls.remove();
  }
  assert.deepEqual(t.failed.map((f) => f.cause), ['untrustedTls', 'untrustedTls', 'untrustedTls']);
  assert.equal(t.answered.length, 0);
  assert.equal(requests, 0);
});

const EXPECTED: Record<HostileKind, { cause?: NoCodeCause; status?: number }> = {
  'never answers': { cause: 'timeout' },
  'endless stream': { cause: 'tooLarge' },
  '10 MB answer': { cause: 'tooLarge' },
  'garbage bytes': { cause: 'notHttp' },
  'reset mid-answer': { cause: 'reset' },
  'redirect to another port': { status: 307 },
  'HTTP 200 with HTML': { status: 200 },
};

for (const kind of HOSTILE_KINDS) {
  test(`a target that ${kind === 'never answers' ? 'never answers' : `answers with ${kind}`}: each call ends once, ${EXPECTED[kind].cause ?? `an answer of ${EXPECTED[kind].status}`}, nothing followed`, async () => {
    const canary = await startCanary();
    const server = await startHostileServer(kind, 'http://127.0.0.1:9', canary);
    const t = tally<LoadCall>();
    const pool = createCallPool({ url: `${server.url}/pay/qrcode`, timeoutS: 0.5, keep: 2, recorder: t.recorder });
    try {
      await pool.fire(() => ({ body: '{}' }), 2);
      await pool.fire(() => ({ body: '{}' }), 2);
    } finally {
      pool.close();
      await server.close();
      await canary.close();
    }
    assert.equal(t.answered.length + t.failed.length, 4, 'every call ends exactly once');
    const expected = EXPECTED[kind];
    if (expected.cause !== undefined) assert.deepEqual(t.failed.map((f) => f.cause), Array(4).fill(expected.cause));
    else assert.deepEqual(t.answered.map((a) => a.status), Array(4).fill(expected.status));
    assert.deepEqual(canary.hits, [], 'a redirect was followed');
  });
}

/** A loopback server that never answers, or declares a large answer, sends a little and stalls. */
async function stallingServer(declare?: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    if (declare !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': declare });
      res.write('{"code":');
    }
  });
  const { origin, close } = await onLoopback(server);
  return { url: `${origin}/pay/qrcode`, close };
}

test('calls still queued for the one connection time out too, each once, and fire settles', { timeout: 10_000 }, async () => {
  const server = await stallingServer();
  const t = tally<LoadCall>();
  const pool = createCallPool({ url: server.url, timeoutS: 0.3, keep: 1, recorder: t.recorder });
  try {
    await pool.fire(() => ({ body: '{}' }), 3);
  } finally {
    pool.close();
    await server.close();
  }
  assert.deepEqual(t.failed.map((f) => f.cause), ['timeout', 'timeout', 'timeout']);
  assert.equal(t.answered.length, 0);
});

test('an answer that declares more than the limit is cut at its head, not left to time out', { timeout: 10_000 }, async () => {
  const server = await stallingServer(10 * 1024 * 1024);
  const t = tally<LoadCall>();
  const pool = createCallPool({ url: server.url, timeoutS: 5, keep: 1, recorder: t.recorder });
  try {
    await pool.fire(() => ({ body: '{}' }), 1);
  } finally {
    pool.close();
    await server.close();
  }
  assert.deepEqual(t.failed.map((f) => f.cause), ['tooLarge']);
});

test('close() with calls in flight ends each of them once, and fire settles', { timeout: 10_000 }, async () => {
  const server = await stallingServer();
  const t = tally<LoadCall>();
  const pool = createCallPool({ url: server.url, timeoutS: 30, keep: 2, recorder: t.recorder });
  try {
    const fired = pool.fire(() => ({ body: '{}' }), 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    pool.close();
    await fired;
  } finally {
    await server.close();
  }
  assert.equal(t.failed.length, 3);
  assert.equal(t.answered.length, 0);
});

test('a recorder that throws fails the fire instead of leaving the call open', { timeout: 10_000 }, async () => {
  const server = await recordingServer();
  const pool = createCallPool({
    url: server.url,
    timeoutS: 5,
    keep: 1,
    recorder: { sent: () => undefined, answered: () => assert.fail('the workload broke'), failed: () => undefined },
  });
  try {
    await assert.rejects(pool.fire(() => ({ body: '{}' }), 1), /the workload broke/);
  } finally {
    pool.close();
    await server.close();
  }
});
