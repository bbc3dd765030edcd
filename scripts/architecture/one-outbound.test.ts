/**
 * One place decides how paycheck's own HTTP leaves the process (src/adapters/client/outbound.ts:
 * no redirect followed, the answer limit, named causes); the load executor's kept-alive calls
 * (src/runners/load/executor/call-pool.ts) keep the same rules. A `fetch(`, an undici client or a
 * node:http request anywhere else in src/ would follow redirects or read without bound, so this
 * finds them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUTBOUND = 'src/adapters/client/outbound.ts';
const CALL_POOL = 'src/runners/load/executor/call-pool.ts';
/** The mock console's page runs in the browser and reads its own origin only (its CSP says connect-src 'self'): no HTTP of paycheck's own. */
const BROWSER_PAGE = 'src/checks/console/page/';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

test('no source but outbound.ts calls fetch itself', () => {
  const offenders = sources(join(ROOT, 'src')).filter((file) => !file.startsWith(BROWSER_PAGE)).flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
      .filter(({ line }) => /(^|[^.\w])fetch\(/.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'))
      .map(({ at }) => at),
  );
  assert.deepEqual(offenders.filter((at) => !at.startsWith(`${OUTBOUND}:`)), []);
  assert.ok(offenders.some((at) => at.startsWith(`${OUTBOUND}:`)), 'outbound.ts itself calls fetch');
});

test('no source but call-pool.ts sends through undici, node:http or node:https', () => {
  const clients = sources(join(ROOT, 'src')).filter((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const undici = /from 'undici'|(require|import)\('undici'\)/.test(text);
    const nodeClient = /from 'node:https?'/.test(text) && (/\bhttps?\.(request|get)\b/.test(text) || /import \{[^}]*\b(request|get)\b[^}]*\} from 'node:https?'/.test(text));
    return undici || nodeClient;
  });
  assert.deepEqual(clients, [CALL_POOL]);
});
