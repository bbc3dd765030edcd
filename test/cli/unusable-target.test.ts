/**
 * `paycheck contracts`, `load`, `doctor` and `fuzz` aimed at a target that cannot be used — a
 * closed port, an invalid URL, a server of another API, one that knows another app, one with
 * another secret, one that redirects, answers garbage or a head too large to read — each end
 * within seconds, exit 3, naming the cause; never a run of identical failures.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { JOURNAL_LIMIT_BYTES } from '../../src/adapters/client/outbound.ts';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { startCanary, type Canary } from '../support/hostile-servers.ts';
import { runCli } from '../support/run-cli.ts';

const servers: (MockServer | Server)[] = [];
const urls: Record<string, string> = {};
let canary: Canary;
const CAUSES: Record<string, [code: string, message: RegExp]> = {
  'closed port': ['PAYCHECK_TARGET_UNREACHABLE', /cannot be reached: no server took the connection \(ECONNREFUSED\)/],
  'invalid URL': ['PAYCHECK_BAD_URL', /is not an http\(s\) URL/],
  'another API': ['PAYCHECK_TARGET_NOT_API', /does not speak this API/],
  'another app': ['PAYCHECK_TARGET_REFUSED', /does not know app_id paycheck-demo-app .*PAY_APP_ID/],
  'another secret': ['PAYCHECK_TARGET_REFUSED', /refuses the signature of app_id paycheck-demo-app .*PAY_APP_SECRET/],
  // The Location is named as audit names it; the canary shows it was never requested.
  'a redirect': ['PAYCHECK_TARGET_NOT_API', /\/pay\/get answered HTTP 302 redirect to http:\/\/127\.0\.0\.1:\d+\/pay\/get, not followed/],
  'garbage bytes': ['PAYCHECK_TARGET_NOT_API', /answered, but the answer is not HTTP \(HPE_/],
  'a head past what Node reads': ['PAYCHECK_TARGET_NOT_API', /answered, but the answer's head is larger than Node reads \(UND_ERR_HEADERS_OVERFLOW\)/],
};
/** Said only of a target that took no connection: each of these answered. */
const ANSWERED = ['a redirect', 'garbage bytes', 'a head past what Node reads'];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

before(async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  urls['closed port'] = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  urls['invalid URL'] = 'htp:/127.0.0.1:4010';
  urls['another API'] = await listen(createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>')));
  for (const [name, apps] of [['another app', [{ appId: 'their-app', secret: 'theirs' }]], ['another secret', [{ appId: DEMO_APP.appId, secret: 'not-the-demo-secret' }]]] as const) {
    const mock = await startMockServer({ port: 0, apps: [...apps] });
    servers.push(mock);
    urls[name] = mock.url;
  }
  canary = await startCanary();
  urls['a redirect'] = await listen(createServer((req, res) => res.writeHead(302, { location: new URL(req.url ?? '/', canary.url).href }).end()));
  const raw = (answer: (socket: Socket) => void) =>
    createNetServer((socket) => {
      // The client hangs up on what it cannot read.
      socket.on('error', () => {});
      socket.once('data', () => answer(socket));
    });
  urls['garbage bytes'] = await listen(raw((socket) => socket.end(Buffer.from([0x00, 0xff, ...Buffer.from(' not HTTP \r\n\r\n')]))));
  urls['a head past what Node reads'] = await listen(raw((socket) => socket.end(`HTTP/1.1 200 OK\r\nx-filler: ${'a'.repeat(70 * 1024)}\r\ncontent-length: 2\r\n\r\n{}`)));
});
after(async () => {
  await canary.close();
  await Promise.all(servers.map((s) => ('engine' in s ? s.close() : new Promise((resolve) => s.close(resolve)))));
});

for (const command of ['contracts', 'load', 'doctor', 'fuzz'] as const) {
  test(`paycheck ${command} --base-url: each unusable target ends in seconds with exit 3 and its cause`, async () => {
    for (const [name, [code, message]] of Object.entries(CAUSES)) {
      const { status, out, err, ms } = await runCli([command, '--base-url', urls[name]]);
      assert.equal(status, 3, `${name}: ${err.join('\n')}`);
      assert.ok(ms < 15_000, `${name}: ${ms} ms`);
      if (command === 'doctor') {
        assert.match(out.at(-1) ?? '', new RegExp(`cannot be used: .*${message.source}`), name);
      } else {
        assert.equal(err.length, 1, `${name}: one line, got ${err.join(' | ')}`);
        assert.match(err[0], new RegExp(`^paycheck ${command}: ${code} `), name);
        assert.match(err[0], message, name);
      }
      if (ANSWERED.includes(name)) assert.doesNotMatch([...out, ...err].join('\n'), /cannot be reached|Is the server running/, name);
    }
    assert.deepEqual(canary.hits, [], 'no redirect followed');
  });
}

test('audit --base-url of a server that answers 200 with HTML is the target, exit 3, not bad input', async () => {
  const shop = await listen(createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>a shop</html>')));
  const { status, err } = await runCli(['audit', '--base-url', shop]);
  assert.equal(status, 3, err.join('\n'));
  assert.match(err[0] ?? '', /^paycheck audit: PAYCHECK_TARGET_NOT_API /);
});

test('audit --base-url of a journal past the read limit says how to read less; of a head past what Node reads, not', async () => {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const huge = await listen(
    createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const more = () => {
        while (sent++ <= JOURNAL_LIMIT_BYTES / chunk.length) if (!res.write(chunk)) return void res.once('drain', more);
        res.end();
      };
      more();
    }),
  );
  const big = await runCli(['audit', '--base-url', huge]);
  assert.equal(big.status, 3, big.err.join('\n'));
  assert.match(big.err[0] ?? '', /^paycheck audit: PAYCHECK_TARGET_UNREACHABLE .*answer too large.*: read fewer calls with --order-id/);

  const head = await listen(
    createNetServer((socket) => {
      // The client hangs up mid-head.
      socket.on('error', () => {});
      socket.once('data', () => socket.end(`HTTP/1.1 200 OK\r\nx-filler: ${'a'.repeat(100_000)}\r\ncontent-length: 2\r\n\r\n[]`));
    }),
  );
  const headed = await runCli(['audit', '--base-url', head]);
  assert.equal(headed.status, 3, headed.err.join('\n'));
  assert.match(headed.err[0] ?? '', /^paycheck audit: PAYCHECK_TARGET_UNREACHABLE .*head is larger than Node reads/);
  assert.doesNotMatch(headed.err[0], /fewer calls/);
});

test('doctor on a usable target: exit 0, every check named', async () => {
  const mock = await startMockServer({ port: 0 });
  servers.push(mock);
  const { status, out } = await runCli(['doctor', '--base-url', mock.url]);
  assert.equal(status, 0, out.join('\n'));
  for (const check of ['node', 'app', 'encoding', 'reachable', 'envelope', 'signature', 'dialect', 'controls']) assert.ok(out.some((l) => l.includes(` ${check} `)), check);
  assert.match(out.at(-1) ?? '', /usable; error codes: flowchart; mock controls: yes/);
});

test('through the real executable too: one line on stderr, exit 3', async () => {
  const child = spawn(process.execPath, ['bin/paycheck.js', 'contracts', '--base-url', urls['closed port']], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(status, 3);
  assert.match(stderr, /^paycheck contracts: PAYCHECK_TARGET_UNREACHABLE .*ECONNREFUSED.*\n$/);
});
