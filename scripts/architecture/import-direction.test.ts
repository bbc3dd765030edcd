import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkImportDirection } from './import-direction.ts';
import { LAYERS } from './layers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('every import in the tree points down the layers, the Node-free layers stay Node-free, and no module reaches itself', () => {
  const report = checkImportDirection(ROOT);
  assert.ok(report.modules > 200, `read ${report.modules} modules`);
  assert.deepEqual(report.violations, []);
  assert.deepEqual(report.cycles, []);
});

test('the layers are the folders of src/ bottom up, then the tooling', () => {
  assert.deepEqual(
    LAYERS.map((l) => [l.name, l.paths.join(' '), l.nodeFree]),
    [
      ['kernel', 'src/kernel/', true],
      ['engine', 'src/engine/', true],
      ['adapters', 'src/adapters/', false],
      ['checks', 'src/checks/', false],
      ['runners', 'src/runners/', false],
      ['package', 'src/package/', false],
      ['cli', 'src/cli/', false],
      ['tooling', 'bin/ scripts/ playwright.config.ts', false],
    ],
  );
});

const fixture = mkdtempSync(join(tmpdir(), 'paycheck-layers-'));
after(() => rmSync(fixture, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  }
}

test('the check names each upward import, each Node or off-list import in a Node-free layer, each cycle, and code outside the layers', () => {
  write({
    'src/kernel/money.ts': [
      "import { readFileSync } from 'node:fs';",
      "import { parse } from 'yaml';",
      "import Ajv from 'ajv/dist/2020.js';",
      "import { faker } from '@faker-js/faker';",
      "export const fen = 1;",
    ].join('\n'),
    'src/kernel/codes.ts': "import type { Engine } from '../engine/engine.ts';\nexport const codes = [];\n",
    'src/kernel/money.test.ts': "import { test } from 'node:test';\nimport { run } from '../cli/main.ts';\nimport { fen } from './money.ts';\n",
    'src/engine/engine.ts': "import { step } from './pipeline.ts';\nexport * from '../adapters/server.ts';\nexport type Engine = {};\n",
    'src/engine/pipeline.ts': "import type { Engine } from './engine.ts';\nexport const step = () => import('../runners/load.ts');\n",
    'src/engine/missing.ts': "import { gone } from './gone.ts';\n",
    'src/adapters/server.ts': "import { createServer } from 'node:http';\nimport { fen } from '../kernel/money.ts';\nimport { help } from '../../test/support/help.ts';\n",
    'src/runners/load.ts': "export const load = 1;\n",
    'src/cli/main.ts': "import { load } from '../runners/load.ts';\nexport const run = load;\n",
    'src/stray.ts': 'export {};\n',
    'test/support/help.ts': "import { other } from './other.ts';\nexport const help = 1;\n",
    'test/support/other.ts': "import { help } from './help.ts';\nimport { run } from '../../src/cli/main.ts';\nexport const other = 1;\n",
    'scripts/tool.ts': "import { run } from '../src/cli/main.ts';\n",
  });
  const report = checkImportDirection(fixture);
  assert.deepEqual(report.violations.sort(), [
    'src/adapters/server.ts:3 imports test/support/help.ts (only tests may import test code)',
    'src/engine/engine.ts:2 imports src/adapters/server.ts (layer engine → higher layer adapters)',
    'src/engine/missing.ts:1 imports ./gone.ts (no such file)',
    'src/engine/pipeline.ts:2 imports src/runners/load.ts (layer engine → higher layer runners)',
    'src/kernel/codes.ts:1 imports src/engine/engine.ts (layer kernel → higher layer engine)',
    'src/kernel/money.ts:1 imports node:fs (Node-free layer kernel may not import Node)',
    'src/kernel/money.ts:2 imports yaml (Node-free layer kernel may import only ajv, ajv-formats, @faker-js/faker)',
    'src/stray.ts is in no layer (list its folder in LAYERS)',
  ]);
  assert.deepEqual(report.cycles, [
    'src/engine/engine.ts → src/engine/pipeline.ts → src/engine/engine.ts',
    'test/support/help.ts → test/support/other.ts → test/support/help.ts',
  ]);
});
