/**
 * Preflight over real loopback HTTP: each way a target cannot be used is named within seconds,
 * and the contract suite aimed at such a target stops in its global setup instead of failing
 * every test.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { preflight } from '../../src/checks/preflight/preflight.ts';

const closers: (() => Promise<void>)[] = [];
after(async () => {
  await Promise.all(closers.map((c) => c()));
});
async function mock(options: Parameters<typeof startMockServer>[0]): Promise<MockServer> {
  const server = await startMockServer({ port: 0, ...options });
  closers.push(() => server.close());
  return server;
}
async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const check = (baseUrl: string, app = { ...DEMO_APP }) => preflight({ baseUrl, app, encoding: 'base64', timeoutMs: 2_000 });

test('a closed port, an invalid URL, another API, another app, another secret: each named', async () => {
  const html = await listen(createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>a shop</html>')));
  const otherApp = await mock({ apps: [{ appId: 'their-app', secret: 'theirs' }] });
  const otherSecret = await mock({ apps: [{ appId: DEMO_APP.appId, secret: 'not-the-demo-secret' }] });
  const cases: [string, Promise<Awaited<ReturnType<typeof check>>>, string, RegExp][] = [
    ['closed port', check(await closedPort()), 'unreachable', /cannot be reached: .*ECONNREFUSED/],
    ['invalid URL', check('http//127.0.0.1:4010'), 'invalid-url', /is not a URL/],
    ['another API', check(html), 'not-this-api', /does not speak this API/],
    ['another app', check(otherApp.url), 'unknown-app', /does not know app_id paycheck-demo-app/],
    ['another secret', check(otherSecret.url), 'bad-signature', /refuses the signature .* PAY_APP_SECRET/],
  ];
  const started = Date.now();
  for (const [name, report, cause, message] of cases) {
    const r = await report;
    assert.equal(r.usable, false, name);
    assert.equal(r.cause, cause, name);
    assert.match(r.message ?? '', message, name);
  }
  assert.ok(Date.now() - started < 15_000);
  const fine = await check((await mock({})).url);
  assert.equal(fine.usable, true, fine.message);
});

test('the contract suite aimed at a target that knows another app stops in seconds, naming the cause, running no test', async () => {
  const otherApp = await mock({ apps: [{ appId: 'their-app', secret: 'theirs' }] });
  const started = Date.now();
  // Asynchronous child: the mock answering it lives in this process.
  let out = '';
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn('npx', ['playwright', 'test', '--reporter=line'], { env: { ...process.env, PAYCHECK_TARGETS: 'live', PAY_BASE_URL: otherApp.url, PAY_APP_ID: '', PAY_APP_SECRET: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', resolve);
  });
  assert.notEqual(status, 0);
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  assert.match(out, /\[live\] the target cannot be used: the target does not know app_id paycheck-demo-app \(code 3003\): check PAY_APP_ID/);
  assert.doesNotMatch(out, /\d+ passed|\d+ failed \(/);
});

test('a server that takes the request and never answers: unreachable, said as late, within the timeout', async () => {
  const hang = await listen(createServer(() => undefined));
  const started = Date.now();
  const report = await preflight({ baseUrl: hang, app: { ...DEMO_APP }, encoding: 'base64', timeoutMs: 500 });
  assert.equal(report.cause, 'unreachable');
  assert.match(report.message ?? '', /did not answer within 0\.5 s/);
  assert.ok(Date.now() - started < 5_000);
});

test('a server that answers, but later than the preflight waits: said as late, not as one that says nothing', async () => {
  const late = createServer((_req, res) => {
    const timer = setTimeout(() => res.end('{}'), 2_000);
    res.on('close', () => clearTimeout(timer));
  });
  const report = await preflight({ baseUrl: await listen(late), app: { ...DEMO_APP }, encoding: 'base64', timeoutMs: 500 });
  late.closeAllConnections();
  assert.equal(report.cause, 'unreachable');
  assert.match(report.message ?? '', /did not answer within 0\.5 s/);
  assert.doesNotMatch(report.message ?? '', /says nothing|takes the request/);
});
