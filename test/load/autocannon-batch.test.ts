import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fireBatch, type BatchCall } from '../../src/runners/load/executor/autocannon-batch.ts';

interface Seen {
  path: string;
  scenario: string | undefined;
  type: string | undefined;
  body: string;
}

/** A loopback server that answers each request with its own path and keeps what it was sent. */
async function recordingServer(): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', scenario: req.headers['x-mock-scenario'] as string | undefined, type: req.headers['content-type'], body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/pay/qrcode`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('calls from next: each its own body, path and headers, every answer given back with its call', async () => {
  const server = await recordingServer();
  const calls: BatchCall[] = [
    { body: '{"n":0}' },
    { body: '{"n":1}', path: '/pay/get' },
    { body: '{"n":2}', headers: { 'x-mock-scenario': 'USER_PAYING' } },
    { body: '{"n":3}', path: '/pay/cancel' },
  ];
  let i = 0;
  const sent: BatchCall[] = [];
  const answered: { call: BatchCall; body: string }[] = [];
  try {
    await fireBatch({
      url: server.url,
      timeoutS: 5,
      connections: 2,
      amount: calls.length,
      next: () => calls[i++],
      recorder: { sent: (call) => sent.push(call), answered: (call, _ms, _status, body) => answered.push({ call, body }), failed: () => assert.fail('no call fails') },
    });
  } finally {
    await server.close();
  }
  const byBody = (a: { body: string }, b: { body: string }) => a.body.localeCompare(b.body);
  assert.deepEqual(server.seen.sort(byBody), [
    { path: '/pay/qrcode', scenario: undefined, type: 'application/json', body: '{"n":0}' },
    { path: '/pay/get', scenario: undefined, type: 'application/json', body: '{"n":1}' },
    { path: '/pay/qrcode', scenario: 'USER_PAYING', type: 'application/json', body: '{"n":2}' },
    { path: '/pay/cancel', scenario: undefined, type: 'application/json', body: '{"n":3}' },
  ]);
  assert.equal(sent.length, calls.length);
  assert.deepEqual(
    answered.map(({ call, body }) => [call.body, JSON.parse(body).path]).sort(),
    [['{"n":0}', '/pay/qrcode'], ['{"n":1}', '/pay/get'], ['{"n":2}', '/pay/qrcode'], ['{"n":3}', '/pay/cancel']],
  );
});

test('a fixed call is sent as it is, every time, with the JSON content type', async () => {
  const server = await recordingServer();
  try {
    const result = await fireBatch({ url: server.url, timeoutS: 5, connections: 2, amount: 6, fixed: { body: '{"same":true}', headers: { 'x-mock-scenario': 'SUCCESS' } } });
    assert.equal(result.requests.total, 6);
  } finally {
    await server.close();
  }
  assert.deepEqual(server.seen, Array.from({ length: 6 }, () => ({ path: '/pay/qrcode', scenario: 'SUCCESS', type: 'application/json', body: '{"same":true}' })));
});

test('without a recorder the calls still go out, one per request', async () => {
  const server = await recordingServer();
  let n = 0;
  try {
    const result = await fireBatch({ url: server.url, timeoutS: 5, connections: 1, amount: 3, next: () => ({ body: String(n++) }) });
    assert.equal(result.requests.total, 3);
  } finally {
    await server.close();
  }
  assert.deepEqual(server.seen.map((s) => s.body), ['0', '1', '2']);
});

test('every call after a connection\'s first (written by request-encoder.ts) arrives whole: byte length of CJK bodies, its path, query and headers', async () => {
  const server = await recordingServer();
  const calls: BatchCall[] = Array.from({ length: 40 }, (_, n) => ({
    body: JSON.stringify({ n, title: '可口可乐300ml', note: 'ü'.repeat(n) }),
    ...(n % 3 === 1 ? { path: `/pay/get?n=${n}` } : {}),
    ...(n % 4 === 2 ? { headers: { 'x-mock-scenario': 'USER_PAYING' } } : {}),
  }));
  let i = 0;
  const answered: string[] = [];
  try {
    await fireBatch({
      url: `${server.url}?from=batch`,
      timeoutS: 5,
      connections: 2,
      amount: calls.length,
      next: () => calls[i++],
      recorder: { sent: () => undefined, answered: (_call, _ms, status, body) => answered.push(`${status} ${body}`), failed: () => assert.fail('no call fails') },
    });
  } finally {
    await server.close();
  }
  assert.equal(answered.length, calls.length);
  const seen = new Map(server.seen.map((s) => [JSON.parse(s.body).n as number, s]));
  for (const [n, call] of calls.entries()) {
    assert.deepEqual(seen.get(n), { path: call.path ?? '/pay/qrcode?from=batch', scenario: call.headers?.['x-mock-scenario'], type: 'application/json', body: call.body }, `call ${n}`);
  }
});
