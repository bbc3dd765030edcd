/** Preflight against targets simulated in-process with MSW: each way a target can be unusable, named. */
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { createMswHandlers } from '../../adapters/msw/handlers.ts';
import { createNodeEngine, type NodeEngineOptions } from '../../adapters/http/build-engine.ts';
import { DEMO_APP } from '../../kernel/settings.ts';
import { preflight, renderPreflight, type PreflightReport } from './preflight.ts';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

let port = 4900;
/** A fresh base URL with the engine (or raw handlers) behind it. */
function target(engine: NodeEngineOptions | ((base: string) => Parameters<typeof server.use>)): string {
  const base = `http://127.0.0.1:${++port}`;
  server.use(...(typeof engine === 'function' ? engine(base) : createMswHandlers(createNodeEngine(engine), { baseUrl: base })));
  return base;
}

const run = (baseUrl: string, app = DEMO_APP as { appId: string; secret: string }, encoding: 'base64' | 'hex' = 'base64') =>
  preflight({ baseUrl, app, encoding, timeoutMs: 1_000 });

const failed = (report: PreflightReport) => report.checks.filter((c) => !c.ok).map((c) => c.name);

test('the mock: usable, its dialect and its controls named', async () => {
  const report = await run(target({}));
  assert.equal(report.usable, true, report.message);
  assert.equal(report.dialect, 'flowchart');
  assert.equal(report.controls, true);
  assert.deepEqual(failed(report), []);
  assert.match(renderPreflight(report).at(-1) ?? '', /usable; error codes: flowchart; mock controls: yes/);
});

test('a table-dialect target is usable and reported as such', async () => {
  const report = await run(target({ dialect: 'table' }));
  assert.equal(report.usable, true);
  assert.equal(report.dialect, 'table');
});

test('a target that knows another app: unknown-app, naming PAY_APP_ID, in either dialect', async () => {
  for (const dialect of ['flowchart', 'table'] as const) {
    const report = await run(target({ dialect, apps: [{ appId: 'their-app', secret: 'theirs' }] }));
    assert.equal(report.usable, false);
    assert.equal(report.cause, 'unknown-app');
    assert.match(report.message ?? '', /app_id paycheck-demo-app .*PAY_APP_ID/);
  }
});

test('another secret: bad-signature, naming the settings and the string signed, secret masked', async () => {
  const mine = { appId: DEMO_APP.appId, secret: 'a-secret-that-is-mine' };
  const report = await run(target({}), mine);
  assert.equal(report.cause, 'bad-signature');
  assert.match(report.message ?? '', /PAY_APP_SECRET and PAY_SIGN_ENCODING \(now base64\); string signed: app_id=paycheck-demo-app&app_sercet=\*+&order_id=/);
  assert.doesNotMatch(report.message ?? '', /a-secret-that-is-mine/);
});

test('a server that is not this API: not-this-api, within the probes', async () => {
  const base = target((b) => [http.all(`${b}/*`, () => new HttpResponse('<html>hello</html>', { headers: { 'content-type': 'text/html' } }))]);
  const report = await run(base);
  assert.equal(report.cause, 'not-this-api');
  assert.match(report.message ?? '', /does not speak this API: .* not JSON/);
});

test('nothing answers: unreachable, with the transport error', async () => {
  const base = target((b) => [http.all(`${b}/*`, () => HttpResponse.error())]);
  const report = await run(base);
  assert.equal(report.cause, 'unreachable');
  assert.match(report.message ?? '', /cannot be reached: .*Is the server running/);
});

test('a target under a path prefix: every probe goes under it, the mock controls too; a base URL ending in an API path is refused unsent', async () => {
  const base = `http://127.0.0.1:${++port}/api`;
  server.use(...createMswHandlers(createNodeEngine({}), { baseUrl: base }));
  const sent: string[] = [];
  const record = ({ request }: { request: Request }) => void sent.push(request.url);
  server.events.on('request:start', record);
  try {
    for (const url of [base, `${base}/`]) {
      const report = await run(url);
      assert.equal(report.usable, true, report.message);
      assert.equal(report.controls, true, url);
    }
    assert.deepEqual(sent.filter((u) => !u.startsWith(`${base}/`)), []);
    assert.ok(sent.includes(`${base}/__mock/health`), sent.join(', '));
    sent.length = 0;
    const doubled = await run(`${base}/pay/qrcode`);
    assert.equal(doubled.cause, 'invalid-url');
    assert.match(doubled.message ?? '', /--base-url is the API root, without \/pay\/… \(here "http:\/\/127\.0\.0\.1:\d+\/api"\)/);
    assert.deepEqual(sent, []);
  } finally {
    server.events.removeListener('request:start', record);
  }
});

test('an invalid URL is refused before any request', async () => {
  for (const url of ['not a url', 'ftp://127.0.0.1/', '']) {
    const report = await run(url);
    assert.equal(report.cause, 'invalid-url', url);
    assert.deepEqual(report.checks.map((c) => c.name), ['url']);
  }
});

test('a server of the pay path only: usable, its app checked with a spoiled sign, the secret left unconfirmed', async () => {
  const engine = createNodeEngine({});
  const base = target((b) => [
    ...createMswHandlers(engine, { baseUrl: b }).slice(0, 1),
    http.all(`${b}/*`, () => new HttpResponse('not found', { status: 404 })),
  ]);
  const report = await run(base);
  assert.equal(report.usable, true, report.message);
  assert.equal(report.dialect, 'flowchart');
  assert.equal(report.controls, false);
  assert.match(report.checks.find((c) => c.name === 'signature')?.detail ?? '', /not confirmed/);
  const journal = await engine.handle({ method: 'GET', path: '/__mock/journal', headers: {}, body: new Uint8Array() });
  const { entries } = JSON.parse(await new Response(journal.body).text()) as { entries: { path: string; code?: number }[] };
  assert.deepEqual(entries.map((e) => [e.path, e.code]), [['/pay/qrcode', 3004]], 'one pay call, refused for its sign: nothing was paid');
});

test('a server holding sign to the seed table\'s 32 characters (D-13): sign-encoding, naming PAY_SIGN_ENCODING=hex', async () => {
  const hexOnly = createNodeEngine({ signEncoding: 'hex' });
  const base = target((b) => [
    http.post(`${b}/pay/get`, async ({ request }) => {
      const text = await request.clone().text();
      const sign = (JSON.parse(text) as { sign?: string }).sign ?? '';
      // Anything else falls through to the engine's handlers.
      return sign.length > 32 ? HttpResponse.json({ code: 3002, msg: '参数值格式错误', data: {} }) : undefined;
    }),
    ...createMswHandlers(hexOnly, { baseUrl: b }),
  ]);
  const report = await run(base);
  assert.equal(report.cause, 'sign-encoding');
  assert.match(report.message ?? '', /PAY_SIGN_ENCODING=hex/);
});

test('the target\'s clock is compared with ours from its Date header', async () => {
  const base = target((b) => [
    http.all(`${b}/*`, () => HttpResponse.json({ code: 4001, msg: '原订单不存在', data: {} }, { headers: { date: new Date(Date.now() + 120_000).toUTCString() } })),
  ]);
  const report = await run(base);
  assert.equal(report.usable, true);
  assert.ok((report.clockSkewMs ?? 0) > 100_000);
  assert.deepEqual(failed(report).filter((n) => n === 'clock'), ['clock']);
});

test('a pay-path-only server holding sign to the seed table\'s 32 characters (D-13): sign-encoding, naming PAY_SIGN_ENCODING=hex', async () => {
  const hexOnly = createNodeEngine({ signEncoding: 'hex' });
  const base = target((b) => [
    http.post(`${b}/pay/qrcode`, async ({ request }) => {
      const sign = ((await request.clone().json()) as { sign?: string }).sign ?? '';
      return sign.length > 32 ? HttpResponse.json({ code: 3002, msg: '参数值格式错误', data: {} }) : undefined;
    }),
    ...createMswHandlers(hexOnly, { baseUrl: b }).slice(0, 1),
    http.all(`${b}/*`, () => new HttpResponse('not found', { status: 404 })),
  ]);
  const report = await run(base);
  assert.equal(report.cause, 'sign-encoding', report.message);
  assert.match(report.message ?? '', /accepts only hex signs .*D-13.*PAY_SIGN_ENCODING=hex/);
  assert.equal((await run(base, DEMO_APP, 'hex')).usable, true, 'in hex it can be used');
});
