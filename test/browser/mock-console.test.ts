/**
 * The mock's console in Chromium, on the mock `paycheck mock` starts: the journal live (an order
 * paid after the page opened appears, with its calls and the audit's findings), a call signed with
 * `app_secret` diagnosed as such, the filter, the scenario table, and the signing playground
 * computing what the CLI's signer computes — secrets and pay codes never on the page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { parseCommand } from '../../src/cli/command.ts';
import { MOCK } from '../../src/cli/commands.ts';
import { startMockCommand } from '../../src/cli/mock.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { SCENARIO_NAMES } from '../../src/engine/index.ts';
import { payParams, signedCall, signedPay, WECHAT_CODE, type Params } from '../support/signed-request.ts';
import { keepScreenshot, launchChromium, loopbackPage } from '../support/chromium.ts';
import { prefixGateway } from '../support/prefix-gateway.ts';

/** Signed as a client that spells the secret's key right: the platform spells it app_sercet. */
function signedWithAppSecret(params: Params): Params {
  const text = Object.keys(params).concat('app_secret').sort().map((k) => `${k}=${k === 'app_secret' ? DEMO_APP.secret : String(params[k])}`).join('&');
  return { ...params, sign: Buffer.from(createHash('md5').update(text).digest('hex').toUpperCase()).toString('base64') };
}

function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('the console: the journal live with the audit, the diagnosis of an app_secret sign, the scenarios, the playground', { timeout: 120_000 }, async () => {
  const out: string[] = [];
  const server = await startMockCommand(parseCommand(MOCK, ['--port', '0', '--quiet'], {}), { out: (line) => out.push(line), env: {} });
  const browser = await launchChromium();
  try {
    assert.match(out.join('\n'), new RegExp(`console: ${server.url}/__mock/;`), 'the start line names the console');
    const { page, outside } = await loopbackPage(browser, { width: 1280, height: 1000 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/__mock/`);
    await page.getByText('No call yet').waitFor();

    // Paid after the page opened: the order shows up by itself, its calls in order, the audit beside them.
    const paying = signedPay({ total_amount: '0.30' });
    const send = (path: string, body: Params) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await send('/pay/qrcode', paying);
    await send('/pay/get', signedCall({ order_id: paying.order_id }));
    const order = page.locator(`section.order[data-order-id="${String(paying.order_id)}"]`);
    await order.locator('table.calls tbody tr').nth(1).waitFor();
    assert.match(await order.locator('table.calls').innerText(), /\/pay\/qrcode\s+1002 waiting for the customer to confirm[\s\S]*\/pay\/get\s+1000/);
    assert.match(await order.locator('.findings').innerText(), /poll-too-fast at seq 2/);

    // Signed with app_secret: refused, and the page names the mistake under the call and in the signatures list.
    const wrong = signedWithAppSecret(payParams({ total_amount: '0.01' }));
    assert.equal(((await (await send('/pay/qrcode', wrong)).json()) as { code: number }).code, 3004);
    const refused = page.locator(`section.order[data-order-id="${String(wrong.order_id)}"]`);
    await refused.locator('[data-mistake="secret-key-app_secret"]').waitFor();
    assert.match(await refused.locator('.diagnosis .signed').innerText(), /&app_sercet=\*\*\*&order_id=/);
    assert.equal(await page.locator('#signatures [data-mistake="secret-key-app_secret"]').count(), 1);

    // Filtered by order: only that order is drawn.
    await page.fill('#order-filter', String(paying.order_id));
    assert.equal(await page.locator('#journal section.order').count(), 1);
    await page.fill('#order-filter', '');

    // The scenario table is the mock's own.
    const scenarios = await page.locator('#scenarios').innerText();
    for (const name of SCENARIO_NAMES) assert.ok(scenarios.includes(name), name);

    // The playground signs as the CLI does, and diagnoses a pasted request signed with app_secret.
    const unsigned = payParams({ total_amount: '11.00' });
    await page.fill('#playground-request', JSON.stringify(unsigned));
    await page.fill('#playground-secret', DEMO_APP.secret);
    assert.equal(await page.locator('#playground-sign').innerText(), nodeSigner.sign(unsigned, { secret: DEMO_APP.secret, encoding: 'base64' }));
    await page.fill('#playground-request', JSON.stringify(signedWithAppSecret(unsigned)));
    await page.locator('#playground-result [data-mistake="secret-key-app_secret"]').waitFor();

    // Masked like the CLI: neither the secret nor a whole pay code anywhere the page draws data.
    for (const area of ['#journal', '#signatures', '#playground-result']) {
      const text = await page.locator(area).innerText();
      assert.equal(text.includes(DEMO_APP.secret), false, `${area}: the secret`);
      assert.equal(text.includes(WECHAT_CODE), false, `${area}: the pay code`);
    }
    await keepScreenshot(page, 'mock-console');
    assert.deepEqual(errors, []);
    assert.deepEqual(outside.refused, []);

    // Loopback only: a request naming another host (a rebound DNS name) is refused.
    assert.equal(await statusWithHost(`${server.url}/__mock/`, 'paycheck.example:4010'), 403);
    assert.equal(await statusWithHost(`${server.url}/__mock/`, `localhost:${server.port}`), 200);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the console behind a gateway that puts the mock under /api: its script and every request it makes stay under the prefix', { timeout: 60_000 }, async () => {
  const server = await startMockCommand(parseCommand(MOCK, ['--port', '0', '--quiet'], {}), { out: () => {}, env: {} });
  const gateway = await prefixGateway(server.url, '/api');
  const browser = await launchChromium();
  try {
    const { page, outside } = await loopbackPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${gateway.origin}/api/__mock/`);
    await page.getByText('No call yet').waitFor();
    const paying = signedPay({ total_amount: '0.30' });
    await fetch(`${gateway.origin}/api/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(paying) });
    await page.locator(`section.order[data-order-id="${String(paying.order_id)}"]`).waitFor();
    await page.locator('#scenarios table').first().waitFor();
    assert.match(await page.locator('#connection').innerText(), /^live/);
    assert.deepEqual(gateway.strays, [], 'nothing asked outside the prefix');
    assert.ok(gateway.forwarded.includes('GET /__mock/console.js') && gateway.forwarded.includes('GET /__mock/journal'), gateway.forwarded.join(', '));
    assert.deepEqual(errors, []);
    assert.deepEqual(outside.refused, []);
  } finally {
    await browser.close();
    await gateway.close();
    await server.close();
  }
});
