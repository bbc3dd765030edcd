/**
 * `npm run docs`: the API reference, rendered from openapi.yaml by Redocly into one HTML file
 * that opens offline (`--inlineBundle`: Redoc's script inside the page, nothing from a CDN), its
 * decisions (`D-n`) linked to docs/discrepancies.md. Output: reports/api/index.html, or the path
 * given as the first argument.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { decisionAnchors, linkDescriptions, withoutCdnRequests } from './reference/link-docs.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const output = resolve(process.argv[2] ?? join(repo, 'reports/api/index.html'));

const spec = parse(readFileSync(join(repo, 'openapi.yaml'), 'utf8')) as unknown;
const root = relative(dirname(output), repo).split('\\').join('/');
linkDescriptions(spec, { decisions: decisionAnchors(readFileSync(join(repo, 'docs/discrepancies.md'), 'utf8')), root: root === '' ? '' : `${root}/` });

const work = mkdtempSync(join(tmpdir(), 'paycheck-api-docs-'));
try {
  const linked = join(work, 'openapi.yaml');
  writeFileSync(linked, stringify(spec, { lineWidth: 0 }));
  const redocly = join(repo, 'node_modules/@redocly/cli/bin/cli.js');
  const result = spawnSync(process.execPath, [redocly, 'build-docs', linked, '--inlineBundle', '--config', join(repo, 'redocly.yaml'), '-o', output], {
    stdio: ['ignore', 'inherit', 'inherit'],
    // Nothing leaves the machine: no usage report, no update check.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', DO_NOT_TRACK: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(output, withoutCdnRequests(readFileSync(output, 'utf8')));
  console.log(`API reference: ${relative(process.cwd(), output) || output} (open it in a browser; it needs no network)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
