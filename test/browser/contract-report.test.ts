/**
 * The contract suite's HTML report of a failing contract, in Chromium: the findings and the curl
 * command in the failure, the request, the string signed, the response and the command again as
 * attachments, none scrolling sideways, and the code frame at the case that failed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBrokenServer } from '../../src/runners/contracts/broken/server.ts';
import { variantByName } from '../../src/runners/contracts/broken/variants.ts';
import { keepScreenshot, launchChromium, loopbackPage } from '../support/chromium.ts';

const PLAYWRIGHT = resolve('node_modules/@playwright/test/cli.js');
const CONFIG = resolve('playwright.config.ts');
const EVIDENCE = ['request (secret and pay code masked)', 'string signed', 'response', 'reproduce'];

test('a failing contract in the HTML report: findings and curl in the failure, each piece of evidence an attachment, nothing scrolls sideways, the code frame at the case', { timeout: 180_000 }, async () => {
  const server = await startBrokenServer(variantByName('pay-type-word')!);
  // The report of this broken run is written in a directory of its own, not over the suite's reports/html.
  const work = mkdtempSync(join(tmpdir(), 'paycheck-html-report-'));
  const browser = await launchChromium();
  try {
    const env = { ...process.env, PAYCHECK_TARGETS: 'live', PAY_BASE_URL: server.url, PAY_APP_ID: '', PAY_APP_SECRET: '', PAYCHECK_REPORTERS: 'html', PAYCHECK_OUTPUT_DIR: join(work, 'results'), PAYCHECK_SUMMARY_FILE: join(work, 'summary.json') };
    // Asynchronous: the broken server answering the suite lives in this process.
    const status = await new Promise<number | null>((done) => spawn(process.execPath, [PLAYWRIGHT, 'test', '--config', CONFIG, '--grep', 'wechat pay code: paid'], { cwd: work, env, stdio: 'ignore' }).on('close', done));
    assert.equal(status, 1, 'the broken contract fails the run');

    const { page, outside } = await loopbackPage(browser, { width: 1280, height: 900 });
    await page.goto(pathToFileURL(join(work, 'reports/html/index.html')).href);
    await page.getByText('wechat pay code: paid').first().click();
    const failure = page.locator('.test-error-view').first();
    await failure.waitFor();
    const text = await failure.innerText();
    assert.match(text, /rule\(s\) broken: schema, pay-type-channel/);
    assert.match(text, /\[pay-type-channel\] \$\.data\.pay_type: expected 0 \(wechat pay code\), actual "weixin"/);
    assert.match(text, /curl -sS -X POST/);
    // The code frame is the case's own line, in its file under cases/, not the suite's fixtures.
    assert.match(text, /cases\/pay-outcomes\.ts:\d+/);
    assert.match(text, /> +\d+ \| +await ctx\.pay\(ctx\.request\(\{ channel \}\)/);
    assert.doesNotMatch(text, /support\/fixtures\.ts/);

    for (const name of EVIDENCE) await page.locator('.attachment-item, summary', { hasText: name }).first().click();
    const bodies = page.locator('.attachment-body');
    assert.ok((await bodies.count()) >= EVIDENCE.length);
    const all = (await bodies.allInnerTexts()).join('\n');
    assert.match(all, /^&app_sercet=\*\*\*$/m, 'the string signed, one pair a line');
    assert.match(all, /"pay_type":"weixin"/, 'the response as it came');
    assert.match(all, /"\$PAY_CODE"/, 'the curl command reads the pay code from the environment');
    const sideways = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.attachment-body, .test-error-view, .test-error-container')).filter((e) => e.scrollWidth > e.clientWidth).map((e) => `${e.className}: ${e.scrollWidth} > ${e.clientWidth}`),
    );
    assert.deepEqual(sideways, [], 'nothing scrolls sideways');
    await keepScreenshot(page, 'contract-report');
    assert.deepEqual(outside.refused, []);
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
