import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkK6Imports, k6SourceFiles } from './k6-imports.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const K6_DIR = fileURLToPath(new URL('../k6/', import.meta.url));

test('every import in src/runners/load/k6/** and in the shared code it loads is one k6 resolves', () => {
  const entries = k6SourceFiles(K6_DIR);
  assert.ok(entries.some((f) => f.endsWith('pay.ts')));
  const { problems, loaded } = checkK6Imports(entries, ROOT);
  assert.deepEqual(problems, []);
  // The shared modules really are in the graph: the signer core, the scenarios, the stream.
  for (const shared of ['src/kernel/signing/canonical.ts', 'src/kernel/signing/signer.ts', 'src/runners/load/profiles/profiles.ts', 'src/runners/load/request/signed-order-stream.ts']) {
    assert.ok(loaded.includes(shared), `${shared} is loaded by the k6 script`);
  }
});

const fixture = mkdtempSync(join(tmpdir(), 'paycheck-k6-imports-'));
after(() => rmSync(fixture, { recursive: true, force: true }));

test('the import check names node:*, npm packages, unknown k6 modules, missing extensions and missing files, also transitively', () => {
  mkdirSync(join(fixture, 'shared'));
  writeFileSync(join(fixture, 'shared', 'helper.ts'), "import { parse } from 'yaml';\nimport type { X } from 'node:fs';\nexport const h = parse;\n");
  writeFileSync(
    join(fixture, 'script.ts'),
    [
      "import http from 'k6/http';",
      "import type { Options } from 'k6/options';",
      "import { readFileSync } from 'node:fs';",
      "import { h } from './shared/helper.ts';",
      "import { x } from './shared/helper';",
      "import { y } from './missing.ts';",
      "import { z } from 'k6/nope';",
      "export { h, x, y, z, http, readFileSync };",
    ].join('\n'),
  );
  const { problems } = checkK6Imports([join(fixture, 'script.ts')], fixture);
  assert.deepEqual(
    problems.map((p) => `${p.file} ${p.specifier}`).sort(),
    ['script.ts ./missing.ts', 'script.ts ./shared/helper', 'script.ts k6/nope', 'script.ts node:fs', 'shared/helper.ts yaml'],
  );
});
