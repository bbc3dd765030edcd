/**
 * A body over the proxy's limit: answered 3002 by the proxy itself with `Connection: close`,
 * never forwarded, named on the cashier's side — and, pipelined behind a call still upstream,
 * answered after that call's answer, which the connection's close must not cut off. What the
 * client still sends is drained within the mock's bounds; `paycheck proxy` runs in its own process
 * for the fetch test, where a close racing the client's read shows (one event loop hides it).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import type { ProxyServer } from '../../src/runners/proxy/proxy-server.ts';
import { signedBody } from '../../src/runners/bench/lib/signed-bodies.ts';
import { journalOf } from '../lifecycle/support.ts';
import { startTestProxy } from './support.ts';
import { codesIn, everyTry, exchange, fetchOversize, floodBehind } from '../support/oversize-clients.ts';
import { startPaycheckProcess } from '../support/paycheck-process.ts';
import { DRAIN_BYTES } from '../../src/adapters/http/refuse-body.ts';

const LIMIT = 4096;
const MIB = 1024 * 1024;
/** Loopback's socket buffers, both ends, with room to spare: what a paused body lets a client write. */
const WAITING_BYTES = 32 * MIB;
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

test('a body over the limit: 3002 from the proxy, Connection: close, not forwarded, a client-side finding', async () => {
  const before = (await journalOf(mock.url)).length;
  const received = await exchange(portOf(proxy.url), post(`{"pad":"${'x'.repeat(LIMIT)}"}`));
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

test('a body over the limit marked as a deliberate format probe of paycheck\'s: the same 3002, journalled as the probe, not charged', async () => {
  const findings = proxy.findings().length;
  const received = await exchange(portOf(proxy.url), post(`{"pad":"${'x'.repeat(LIMIT)}"}`, 'X-Paycheck-Probe: format\r\n'));
  assert.deepEqual(codesIn(received), [3002]);
  assert.equal(proxy.findings().length, findings);
  assert.deepEqual([proxy.journal().at(-1)?.code, proxy.journal().at(-1)?.probe], [3002, 'format']);
});

test('pipelined behind a call the upstream answers 1.5 s later, the 3002 comes after that answer', async () => {
  const slow = post(signedBody(1, 'PXPIPE'), 'X-Mock-Latency: 1500\r\n');
  const received = await exchange(portOf(proxy.url), slow + post(`{"pad":"${'x'.repeat(LIMIT)}"}`));
  assert.deepEqual(codesIn(received), [1000, 3002], received.slice(0, 300));
});

test('a chunked body over the limit, pipelined behind a call still upstream, is not read while it waits', { timeout: 15_000 }, async () => {
  const slow = post(signedBody(2, 'PXFLOOD'), 'X-Mock-Latency: 1500\r\n');
  const result = await floodBehind(portOf(proxy.url), slow);
  assert.deepEqual(result.codes, [1000, 3002]);
  assert.equal(result.closedByServer, true);
  // The socket buffers' worth (a few MiB): read and thrown away, a loopback client writes about a
  // gigabyte in those 1.5 s. After the answer, at most the drain's bytes and one read.
  assert.ok(result.sentBeforeAnswer <= WAITING_BYTES, `${result.sentBeforeAnswer} bytes written while the refusal waited`);
  assert.ok(result.sent <= WAITING_BYTES + DRAIN_BYTES + 64 * 1024, `${result.sent} bytes written in all`);
});

test('`paycheck proxy` in its own process: Node fetch posting 4 and 16 MiB gets the 3002 on every try, and the log says what was drained', { timeout: 60_000 }, async () => {
  const child = await startPaycheckProcess(['proxy', '--upstream', mock.url, '--port', '0']);
  try {
    const outcomes = await fetchOversize(`${child.url}/pay/qrcode`, [4, 16], 10, 'x-paycheck-proxy');
    assert.deepEqual(outcomes, everyTry([4, 16], 10));
    const refused = await child.linesMatching(/→ 200 3002 refused, not forwarded: .* over the limit .*; \d+ bytes drained — client request-format$/, 20);
    assert.equal(refused.length, 20, child.lines().slice(-3).join('\n'));
  } finally {
    await child.stop();
  }
});
