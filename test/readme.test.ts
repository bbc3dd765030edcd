import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { nodeSigner } from '../src/adapters/node/node-digests.ts';
import { DEMO_APP } from '../src/kernel/settings.ts';

const readme = readFileSync('README.md', 'utf8');

test('the README worked example is what the signer computes', () => {
  const section = readme.slice(readme.indexOf('## The signing rule'));
  const request = JSON.parse(/```json\n(.*)\n```/.exec(section)?.[1] ?? 'null') as Record<string, unknown>;
  const canonical = /```text\n(.*)\n```/.exec(section)?.[1];
  const sig = nodeSigner.signature(request, { secret: DEMO_APP.secret, encoding: 'base64' });
  assert.equal(sig.canonical, canonical);
  assert.ok(section.includes(`MD5 \`${sig.md5}\``));
  assert.ok(section.includes(`\`sign\` \`${sig.sign}\``));
});

test('the quick start is two commands, and .ci/run calls the README test command', () => {
  const quick = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const commands = quick.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/#.*/, '').trim());
  assert.equal(commands.length, 2);
  assert.ok(readFileSync('.ci/run', 'utf8').includes(`\n${commands[1]}\n`));
});

/** Table rows of a markdown text whose first cell is a back-quoted name. */
function namedRows(text: string): string[] {
  return text.split('\n').filter((line) => /^\| `[A-Za-z_]+` \|/.test(line));
}

/** The rows of the first table after a heading. */
function firstTableAfter(text: string, heading: string): string[] {
  const lines = text.slice(text.indexOf(heading)).split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return namedRows(lines.slice(start, end).join('\n'));
}

test('the README scenario tables are the ones the docs keep in step with the code', () => {
  const readmeRows = new Set(namedRows(readme));
  for (const doc of ['docs/mock.md', 'docs/load.md']) {
    const table = firstTableAfter(readFileSync(doc, 'utf8'), '## Scenarios');
    assert.ok(table.length >= 5, doc);
    for (const row of table) assert.ok(readmeRows.has(row), `${doc}: ${row}`);
  }
});

test('the README lifecycle diagrams and audit example are docs/lifecycle.md\'s', () => {
  const doc = readFileSync('docs/lifecycle.md', 'utf8');
  const blocks = [...doc.matchAll(/```(?:mermaid|text)\n[\s\S]*?```\n/g)].map((m) => m[0]);
  const wanted = blocks.filter((b) => b.startsWith('```mermaid') || b.includes('$ npx paycheck audit'));
  assert.equal(wanted.length, 3);
  for (const block of wanted) assert.ok(readme.includes(block), block.slice(0, 60));
});

test('a command the docs put in the background is the installed bin, never npx or npm exec, which keep SIGTERM from it: the job\'s kill would leave it running', () => {
  const docs = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const backgrounded = docs.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/```(?:sh|bash|shell)[^\n]*\n([\s\S]*?)```/g)]
      .flatMap((block) => block[1].split('\n'))
      .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
      .filter((command) => / &$/.test(command))
      .map((command) => `${file}: ${command}`),
  );
  assert.ok(backgrounded.some((line) => line.includes('./node_modules/.bin/paycheck mock')), backgrounded.join('\n'));
  assert.deepEqual(backgrounded.filter((line) => /: (npx|npm exec)\b/.test(line)), []);
  assert.match(readme, /npx does not pass SIGTERM on/);
});
