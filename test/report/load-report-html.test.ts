/**
 * The load report as a user opens it: a real run's reports/load-report.html in Debian's Chromium,
 * offline (every request but the file itself refused). Its charts render with data points, one
 * set per call for the checkout; the thresholds and the seed are on the page; a screenshot is
 * kept under reports/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from '@playwright/test';
import { launchChromium, SCREENSHOTS } from '../support/chromium.ts';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { runLoad } from '../../src/runners/load/executor/run-load.ts';
import { mergeSummaries } from '../../src/runners/load/merge/merge-summaries.ts';
import { renderLoadReportHtml } from '../../src/checks/report/load-html.ts';
import type { LoadSummary } from '../../src/checks/report/load-summary.ts';
import { writeFileSync } from 'node:fs';

const dir = mkdtempSync(join(tmpdir(), 'paycheck-html-'));
let browser: Browser;
let mock: MockServer;
before(async () => {
  browser = await launchChromium();
  mock = await startMockServer({ port: 0, pendingMs: 150 });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await browser.close();
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Drawn {
  id: string;
  title: string;
  points: number;
  drawn: boolean;
}

async function open(file: string, screenshot: string): Promise<{ charts: Drawn[]; text: string; requests: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  // Offline: the page gets its own file and nothing else.
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : (requests.push(route.request().url()), route.abort())));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 10_000 });
  const charts = (await page.evaluate(() => (window as unknown as { paycheckCharts: Drawn[] }).paycheckCharts)) ?? [];
  const text = await page.innerText('body');
  await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
  await page.close();
  return { charts, text, requests };
}

test('a pay run: requests, latency over time, the distribution and outcomes drawn with data; thresholds and seed shown; nothing fetched', async () => {
  const run = await runLoad({ baseUrl: mock.url, profile: 'smoke', durationScale: 0.2, seed: 11, reportDir: join(dir, 'pay') });
  const html = run.reportFiles.find((f) => f.endsWith('load-report.html'));
  assert.ok(html);
  const { charts, text, requests } = await open(html, 'load-report-pay.png');
  assert.deepEqual(charts.map((c) => c.id), ['pay-rate', 'pay-latency', 'pay-distribution', 'pay-outcomes']);
  for (const c of charts) {
    assert.ok(c.drawn, `${c.id} drew`);
    assert.ok(c.points >= 2, `${c.id}: ${c.points} points`);
  }
  assert.match(text, /http_req_duration p\(95\)<250/);
  assert.match(text, /PAY_SEED=11/);
  assert.deepEqual(requests, []);
  const summary = JSON.parse(readFileSync(run.reportFiles[0], 'utf8')) as LoadSummary;
  assert.equal(summary.series?.pay?.reduce((n, s) => n + s.sent, 0), summary.requests.sent, 'the JSON carries the series the page draws');
});

test('the checkout: one set of panels per call (pay, get, cancel); a merge of runners draws its whole run', async () => {
  const runs = await Promise.all(
    ['0:1/2', '1/2:1'].map((segment) => runLoad({ baseUrl: mock.url, profile: 'checkout', durationScale: 0.2, executionSegment: segment, reportDir: false, seed: 12 })),
  );
  const { summary } = mergeSummaries(runs.map((r, i) => ({ name: `runner ${i}`, summary: r.summary })));
  const file = join(dir, 'merged-report.html');
  writeFileSync(file, renderLoadReportHtml(summary));
  const { charts } = await open(file, 'load-report-checkout-merged.png');
  assert.deepEqual(new Set(charts.map((c) => c.id.split('-')[0])), new Set(['pay', 'get', 'cancel']));
  const rate = charts.find((c) => c.id === 'pay-rate');
  assert.ok(rate && rate.points >= 2 && rate.drawn);
});
