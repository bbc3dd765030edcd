import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fireBatch } from '../../src/runners/load/executor/autocannon-batch.ts';
import type { LoadCall } from '../../src/runners/load/executor/call-pool.ts';
import { recordingServer } from '../support/recording-server.ts';

test('calls from next: each its own body, path and headers', async () => {
  const server = await recordingServer();
  const calls: LoadCall[] = [
    { body: '{"n":0}' },
    { body: '{"n":1}', path: '/pay/get' },
    { body: '{"n":2}', headers: { 'x-mock-scenario': 'USER_PAYING' } },
    { body: '{"n":3}', path: '/pay/cancel' },
  ];
  let i = 0;
  try {
    const result = await fireBatch({ url: server.url, timeoutS: 5, connections: 2, amount: calls.length, next: () => calls[i++] });
    assert.equal(result.non2xx + result.errors, 0);
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

test('one call from next per request, in order on one connection', async () => {
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
  const calls: LoadCall[] = Array.from({ length: 40 }, (_, n) => ({
    body: JSON.stringify({ n, title: '可口可乐300ml', note: 'ü'.repeat(n) }),
    ...(n % 3 === 1 ? { path: `/pay/get?n=${n}` } : {}),
    ...(n % 4 === 2 ? { headers: { 'x-mock-scenario': 'USER_PAYING' } } : {}),
  }));
  let i = 0;
  try {
    const result = await fireBatch({ url: `${server.url}?from=batch`, timeoutS: 5, connections: 2, amount: calls.length, next: () => calls[i++] });
    assert.equal(result.requests.total, calls.length);
  } finally {
    await server.close();
  }
  assert.equal(server.seen.length, calls.length);
  const seen = new Map(server.seen.map((s) => [JSON.parse(s.body).n as number, s]));
  for (const [n, call] of calls.entries()) {
    assert.deepEqual(seen.get(n), { path: call.path ?? '/pay/qrcode?from=batch', scenario: call.headers?.['x-mock-scenario'], type: 'application/json', body: call.body }, `call ${n}`);
  }
});
