/**
 * The docs cannot rot: every shell block in README.md and docs/*.md is either runnable as written
 * on a clean clone or marks the user's own values as `<your-…>` — never a `…` that a shell would
 * run — and the blocks marked `<!-- runnable -->` are run here, each in a fresh directory with
 * paycheck installed in it (node_modules/paycheck) and nothing else, as a reader would paste them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Block {
  file: string;
  line: number;
  body: string;
  runnable: boolean;
}

function shellBlocks(file: string): Block[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(<!-- runnable -->\n)?```(?:sh|bash|shell)[^\n]*\n([\s\S]*?)```/g)].map((m) => ({
    file,
    line: text.slice(0, m.index).split('\n').length,
    body: m[2],
    runnable: m[1] !== undefined,
  }));
}

const BLOCKS = DOCS.flatMap(shellBlocks);

test('no shell block runs a "…" placeholder: a value of the reader\'s own is written <your-…>', () => {
  const offenders = BLOCKS.flatMap((b) =>
    b.body
      .split('\n')
      .map((line) => line.replace(/(^|\s)#.*$/, ''))
      .filter((command) => command.includes('…'))
      .map((command) => `${b.file}:${b.line}: ${command.trim()}`),
  );
  assert.deepEqual(offenders, []);
  assert.ok(BLOCKS.some((b) => b.body.includes('<your-')), 'placeholders are written <your-…>');
});

test('the runnable blocks run as written, from a fresh directory', () => {
  const runnable = BLOCKS.filter((b) => b.runnable);
  assert.ok(runnable.length >= 3, `only ${runnable.length} blocks are marked runnable`);
  for (const block of runnable) assert.doesNotMatch(block.body, /<your-/, `${block.file}:${block.line} needs the reader's values, yet is marked runnable`);
  const work = mkdtempSync(join(tmpdir(), 'paycheck-docs-'));
  try {
    for (const block of runnable) {
      // A reader's project with paycheck in it: `npx paycheck` finds it there, and asks no registry.
      // Nothing of the repository's is copied beside it: a block names a shipped file where the
      // installed package has it (node_modules/paycheck/examples/…), as the reader must.
      const dir = mkdtempSync(join(work, 'block-'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'reader', private: true, dependencies: { paycheck: `file:${ROOT}` } }));
      mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
      symlinkSync(ROOT, join(dir, 'node_modules/paycheck'));
      symlinkSync(join(ROOT, 'bin/paycheck.js'), join(dir, 'node_modules/.bin/paycheck'));
      const { NODE_TEST_CONTEXT: _nested, PAY_APP_ID: _id, PAY_APP_SECRET: _secret, PAY_BASE_URL: _url, ...env } = process.env;
      const run = spawnSync('bash', ['-euo', 'pipefail', '-c', block.body], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...env, npm_config_offline: 'true' } });
      assert.equal(run.status, 0, `${block.file}:${block.line} exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
      assert.ok(run.stdout.trim().length > 0, `${block.file}:${block.line} printed nothing`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
