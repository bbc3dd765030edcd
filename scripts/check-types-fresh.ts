/**
 * Fails when src/kernel/spec/openapi.ts is not what openapi-typescript makes of openapi.yaml today:
 * the committed types must never drift from the spec.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [SPEC = 'openapi.yaml', COMMITTED = 'src/kernel/spec/openapi.ts'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'paycheck-types-'));
try {
  const fresh = join(dir, 'openapi.ts');
  execFileSync('npx', ['openapi-typescript', SPEC, '-o', fresh], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (readFileSync(fresh, 'utf8') !== readFileSync(COMMITTED, 'utf8')) {
    console.error(`${COMMITTED} is stale: run 'npm run types:gen' and commit the result`);
    process.exit(1);
  }
  console.log(`${COMMITTED} matches ${SPEC}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
