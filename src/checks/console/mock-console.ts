/**
 * The mock's console at `/__mock/`: the page and its script, for the node:http mock to serve
 * beside the engine. The script is the browser build of ./page/main.ts — kernel signing and the
 * cashier audit included, so the page signs and audits with the CLI's own code: prebuilt beside
 * this module in the package (dist/, by `npm run build`), bundled by esbuild on the first request
 * in a checkout. Loopback only: a request naming any other host is refused, so a web page
 * elsewhere cannot read the journal through a rebound DNS name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MockRequest, MockResponse } from '../../engine/index.ts';
import { isLoopbackUrl } from '../../kernel/settings.ts';
import { CONSOLE_HTML } from './console-page.ts';

export const CONSOLE_PATHS = { page: '/__mock/', script: '/__mock/console.js' } as const;

/** The built script's file name beside this module (dist/checks/console/). */
export const CONSOLE_SCRIPT_FILE = 'console.js';

const BUILT = new URL(`./${CONSOLE_SCRIPT_FILE}`, import.meta.url);
const ENTRY = new URL('./page/main.ts', import.meta.url);

/** The page may run its own script and read the mock's routes, and nothing else. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The browser build of the console's script, one ES module; esbuild is a development dependency. */
export async function bundleConsoleScript(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(ENTRY)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

let script: Promise<string> | undefined;

function consoleScript(): Promise<string> {
  script ??= existsSync(BUILT) ? Promise.resolve(readFileSync(BUILT, 'utf8')) : bundleConsoleScript();
  // A bundle that failed is tried again on the next request, not remembered.
  script.catch(() => (script = undefined));
  return script;
}

const page = (type: string, body: string): MockResponse => ({
  status: 200,
  headers: { 'content-type': type, 'cache-control': 'no-store', 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
  body,
});

/** The console's answer to a GET of one of its paths; undefined for every other request. */
export function serveConsole(request: MockRequest): Promise<MockResponse> | undefined {
  if (request.path !== CONSOLE_PATHS.page && request.path !== CONSOLE_PATHS.script) return undefined;
  const host = request.headers.host;
  if (typeof host !== 'string' || !isLoopbackUrl(`http://${host}`)) {
    return Promise.resolve({ status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'the mock console answers on loopback addresses only\n' });
  }
  if (request.path === CONSOLE_PATHS.page) return Promise.resolve(page('text/html; charset=utf-8', CONSOLE_HTML));
  return consoleScript().then(
    (text) => page('text/javascript; charset=utf-8', text),
    (error: unknown) => ({ status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `the console's script could not be built: ${(error as Error).message}\n` }),
  );
}
