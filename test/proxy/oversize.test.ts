/**
 * A body over the proxy's limit: answered 3002 by the proxy itself with `Connection: close`,
 * never forwarded, named on the cashier's side — and, pipelined behind a call still upstream,
 * answered after that call's answer, which the connection's close must not cut off.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import type { ProxyServer } from '../../src/runners/proxy/proxy-server.ts';
import { signedBody } from '../../src/runners/bench/lib/signed-bodies.ts';
import { journalOf } from '../lifecycle/support.ts';
import { startTestProxy } from './support.ts';

const LIMIT = 4096;
let mock: MockServer;
let proxy: ProxyServer;
before(async () => {
  mock = await startMockServer({ port: 0 });
  proxy = await startTestProxy(mock.url, { bodyLimit: LIMIT });
});
after(async () => {
  await proxy.close();
  await mock.close();
});

const portOf = (url: string) => Number(new URL(url).port);

function post(body: string, headers = ''): string {
  return `POST /pay/qrcode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Writes `text` in one write and reads until the proxy closes. */
function exchange(text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port: portOf(proxy.url), host: '127.0.0.1' });
    let received = '';
    socket.on('data', (data) => (received += data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(received));
    socket.write(text);
  });
}

const codesIn = (text: string) => [...text.matchAll(/"code":(\d+)/g)].map((match) => Number(match[1]));

test('a body over the limit: 3002 from the proxy, Connection: close, not forwarded, a client-side finding', async () => {
  const before = (await journalOf(mock.url)).length;
  const received = await exchange(post(`{"pad":"${'x'.repeat(LIMIT)}"}`));
  assert.deepEqual(codesIn(received), [3002]);
  assert.match(received, /\r\nconnection: close\r\n/i);
  assert.match(received, /x-paycheck-proxy: refused: the body \(\d+ bytes\) is over the limit of 4096/);
  assert.equal((await journalOf(mock.url)).length, before, 'nothing reached the upstream');
  assert.deepEqual(
    proxy.findings().map((f) => [f.side, f.rule]),
    [['client', 'request-format']],
  );
  assert.equal(proxy.journal().at(-1)?.code, 3002);
});

test('pipelined behind a call the upstream answers 1.5 s later, the 3002 comes after that answer', async () => {
  const slow = post(signedBody(1, 'PXPIPE'), 'X-Mock-Latency: 1500\r\n');
  const received = await exchange(slow + post(`{"pad":"${'x'.repeat(LIMIT)}"}`));
  assert.deepEqual(codesIn(received), [1000, 3002], received.slice(0, 300));
});
