/**
 * Test-only: Debian's Chromium driven through Playwright's library API (`npx playwright install`
 * cannot download here; .ci/run installs the `chromium` package). Every request the page makes
 * off the machine is refused and counted, so a test can show a page needs no network; each page
 * leaves a screenshot under reports/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join('reports', 'screenshots');

/** What a page tried to fetch beyond the machine, and was refused. */
export interface Outside {
  refused: string[];
}

const ON_THE_MACHINE = /^(file|data|blob|about):|^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium), as .ci/run does`);
  return chromium.launch({ executablePath: CHROMIUM });
}

/** A page whose requests off the machine are refused, and listed in `outside.refused`. */
export async function loopbackPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; outside: Outside }> {
  const page = await browser.newPage({ viewport });
  const outside: Outside = { refused: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (ON_THE_MACHINE.test(url)) return route.continue();
    outside.refused.push(url);
    return route.abort('blockedbyclient');
  });
  return { page, outside };
}

/** reports/screenshots/NAME.png: the whole page, or what the window shows (a page that scrolls inside itself). */
export async function keepScreenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
