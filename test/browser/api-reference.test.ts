/** `npm run docs` in Chromium: the reference renders offline with every call, the webhook, the signing rule and linked decisions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { keepScreenshot, launchChromium, loopbackPage } from '../support/chromium.ts';
import { decisionAnchors } from '../../scripts/reference/link-docs.ts';

const OUTPUT = resolve('reports/api/index.html');

test('npm run docs renders the reference; Chromium finds /pay/qrcode, the webhook and the signing rule, with no request off the machine', { timeout: 120_000 }, async () => {
  const build = spawnSync('npm', ['run', '-s', 'docs'], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  assert.ok(existsSync(OUTPUT));
  const browser = await launchChromium();
  try {
    const { page, outside } = await loopbackPage(browser);
    await page.goto(pathToFileURL(OUTPUT).href);
    await page.getByText('POST /pay/qrcode').first().waitFor();

    // The webhook, under its own heading in the sidebar.
    await page.getByText('lifecycle', { exact: true }).first().click();
    await page.getByText('Webhooks').first().waitFor();
    assert.ok(await page.getByText(/回调 — the platform tells the service provider/).first().isVisible());

    // The signing rule is a section of its own, with the worked example's figures.
    await page.getByText('Signing rule (签名规则)').first().click();
    const rule = page.locator('h2', { hasText: 'Signing rule' }).first();
    await rule.waitFor();
    assert.ok(await page.getByText('320EF95099AE2B56352B1CC024AD62F8').first().isVisible(), 'the worked example');

    // A cited decision is a link to its entry in docs/discrepancies.md, and that entry exists.
    const href = await page.getByRole('link', { name: 'D-25', exact: true }).first().getAttribute('href');
    assert.ok(href, 'D-25 is a link');
    const target = new URL(href, pathToFileURL(OUTPUT));
    assert.equal(target.pathname, pathToFileURL(resolve('docs/discrepancies.md')).pathname);
    assert.ok([...decisionAnchors(readFileSync('docs/discrepancies.md', 'utf8')).values()].includes(target.hash.slice(1)));
    assert.ok(existsSync(resolve(dirname(OUTPUT), decodeURIComponent(href.split('#')[0]))));

    await rule.scrollIntoViewIfNeeded();
    // Redoc's sidebar stays put while its content scrolls: the window, at the signing rule, is the picture.
    await keepScreenshot(page, 'api-reference', false);
    assert.deepEqual(outside.refused, [], 'the page asked for nothing beyond the machine');
  } finally {
    await browser.close();
  }
});
