import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createPayClient } from '../../src/adapters/client/pay-client.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { startEchoServer } from '../support/echo-server.ts';
import { ANSWER_LIMIT_BYTES } from '../../src/adapters/client/outbound.ts';

let echo: Awaited<ReturnType<typeof startEchoServer>>;
let junk: Awaited<ReturnType<typeof startEchoServer>>;
before(async () => {
  echo = await startEchoServer({ body: '{"code":3001,"msg":"参数缺失","data":{}}' });
  junk = await startEchoServer({ status: 502, type: 'text/html', body: '<html>bad gateway</html>' });
});
after(async () => {
  await echo.close();
  await junk.close();
});

const params = { app_id: DEMO_APP.appId, sign_type: 'MD5', order_id: 'PC1', pay_code: '134567890123456789', total_amount: '0.01' };

test('a lifecycle call goes to its own path, signed the same way', async () => {
  const client = createPayClient({ baseUrl: echo.url, app: DEMO_APP, encoding: 'base64' });
  const lookup = { app_id: DEMO_APP.appId, sign_type: 'MD5', order_id: 'PC1' };
  const exchange = await client.pay(lookup, { path: '/pay/get' });
  assert.equal(echo.seen.at(-1)?.url, '/pay/get');
  assert.equal(exchange.request.url, `${echo.url}/pay/get`);
  assert.ok(nodeSigner.verify(JSON.parse(exchange.request.text), { secret: DEMO_APP.secret, encoding: 'base64' }));
});

test('pay signs, sends exactly what it records, and parses the answer', async () => {
  const client = createPayClient({ baseUrl: echo.url, app: DEMO_APP, encoding: 'base64' });
  const exchange = await client.pay(params, { headers: { 'X-Mock-Scenario': 'paid' } });
  const seen = echo.seen.at(-1);
  assert.equal(seen?.url, '/pay/qrcode');
  assert.equal(seen?.body.toString('utf8'), exchange.request.text);
  assert.equal(seen?.headers['x-mock-scenario'], 'paid');
  assert.ok(nodeSigner.verify(JSON.parse(exchange.request.text), { secret: DEMO_APP.secret, encoding: 'base64' }));
  assert.deepEqual(exchange.response?.body, { code: 3001, msg: '参数缺失', data: {} });
  assert.equal(exchange.response?.status, 200);
  assert.equal(exchange.response?.headers['content-type'], 'application/json');
  assert.match(exchange.canonical, /^app_id=paycheck-demo-app&app_sercet=\*\*\*&order_id=PC1&/);
  assert.ok(!exchange.canonical.includes(DEMO_APP.secret));
});

test('send leaves the body alone: a raw string goes out verbatim, a wrong sign stays wrong', async () => {
  const client = createPayClient({ baseUrl: echo.url, app: DEMO_APP, encoding: 'hex' });
  const raw = '{"app_id": "x",  "total_amount": 1.10}';
  const exchange = await client.send(raw);
  assert.equal(echo.seen.at(-1)?.body.toString('utf8'), raw);
  assert.equal(exchange.request.json, undefined);
  assert.equal(exchange.canonical, 'app_id=x&app_sercet=***&total_amount=1.1');
  const tampered = await client.send({ ...params, sign: 'AAAA' });
  assert.equal(JSON.parse(tampered.request.text).sign, 'AAAA');
  assert.equal((await client.send('not json')).canonical, '');
});

test('non-JSON answers and dead ports come back as data, not exceptions', async () => {
  const bad = await createPayClient({ baseUrl: junk.url, app: DEMO_APP, encoding: 'base64' }).pay(params);
  assert.equal(bad.response?.status, 502);
  assert.equal(bad.response?.text, '<html>bad gateway</html>');
  assert.ok(bad.response?.parseError);
  const closed = await startEchoServer({ body: '{}' });
  await closed.close();
  const dead = await createPayClient({ baseUrl: closed.url, app: DEMO_APP, encoding: 'base64' }).pay(params);
  assert.equal(dead.response, undefined);
  assert.match(dead.transportError ?? '', /ECONNREFUSED/);
});

test('a non-loopback base URL is refused unless allowed on purpose', () => {
  assert.throws(() => createPayClient({ baseUrl: 'https://api.huishouyin.cn', app: DEMO_APP, encoding: 'base64' }), /not loopback/);
  assert.equal(createPayClient({ baseUrl: 'https://api.huishouyin.cn', app: DEMO_APP, encoding: 'base64', allowRemote: true }).url, 'https://api.huishouyin.cn/pay/qrcode');
});

test('a redirect is the answer, not followed: the signed body never reaches the Location', async () => {
  const canary = await startEchoServer({ body: '{"code":1000,"msg":"canary","data":{}}' });
  const redirecting = await startEchoServer({ status: 307, type: 'text/plain', body: '', headers: { location: `${canary.url}/pay/qrcode` } });
  try {
    const exchange = await createPayClient({ baseUrl: redirecting.url, app: DEMO_APP, encoding: 'base64' }).pay(params);
    assert.equal(exchange.response?.status, 307);
    assert.equal(exchange.response?.redirectedTo, `${canary.url}/pay/qrcode`);
    assert.equal(canary.seen.length, 0);
  } finally {
    await Promise.all([canary.close(), redirecting.close()]);
  }
});

test('an answer past the answer limit is cut off with its cause, not read into memory', async () => {
  const flood = await startEchoServer({ body: 'x'.repeat(ANSWER_LIMIT_BYTES + 1) });
  try {
    const exchange = await createPayClient({ baseUrl: flood.url, app: DEMO_APP, encoding: 'base64' }).pay(params);
    assert.equal(exchange.response, undefined);
    assert.equal(exchange.transportCause, 'too-large');
    assert.match(exchange.transportError ?? '', new RegExp(`paycheck reads at most ${ANSWER_LIMIT_BYTES} bytes`));
  } finally {
    await flood.close();
  }
});

test("an answer whose head is past what Node reads is too large, not a network failure", async () => {
  const server = createNetServer((socket) => {
    // The client drops the connection mid-head.
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end(`HTTP/1.1 200 OK\r\nx-padding: ${'a'.repeat(100_000)}\r\ncontent-length: 2\r\n\r\n{}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const exchange = await createPayClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, app: DEMO_APP, encoding: 'base64' }).pay(params);
    assert.equal(exchange.response, undefined);
    assert.equal(exchange.transportCause, 'too-large');
    assert.match(exchange.transportError ?? '', /the answer's head is larger than Node reads \(UND_ERR_HEADERS_OVERFLOW\)/);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
