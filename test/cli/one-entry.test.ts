/**
 * One entry for every command: the npm scripts go through bin/paycheck.js, --version is
 * package.json's, an internal error is exit 70 in every command, and a reader that closes after
 * the first line of any --help gets that line and a clean exit, no stack (EPIPE); a command whose
 * exit code is a verdict runs on to it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { COMMANDS, main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; scripts: Record<string, string> };

/** Runs a command with stdout piped, destroys the pipe after the first line, and reports how it ended. */
function firstLineThenClose(command: string, args: string[]): Promise<{ line: string; code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let line: string | undefined;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (line !== undefined) return;
      buffered += chunk.toString();
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      line = buffered.slice(0, end);
      child.stdout.destroy();
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ line: line ?? buffered, code, signal, stderr }));
  });
}

test('npm run mock, load and load:smoke call the one entry', () => {
  assert.equal(pkg.scripts.mock, 'node bin/paycheck.js mock');
  assert.equal(pkg.scripts.load, 'node bin/paycheck.js load');
  assert.equal(pkg.scripts['load:smoke'], 'node bin/paycheck.js load --profile smoke');
});

test('--version and -V print the version of package.json', async () => {
  for (const flag of ['--version', '-V']) {
    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: () => {}, readStdin: async () => '', env: {} };
    assert.equal(await main([flag], io), 0);
    assert.deepEqual(out, [pkg.version]);
  }
});

test('an error that is no harness error is PAYCHECK_INTERNAL, exit 70, one line, in every command', async () => {
  for (const name of Object.keys(COMMANDS)) {
    const err: string[] = [];
    const broken: CliIo = {
      out: () => {},
      err: (l) => err.push(l),
      readStdin: async () => '',
      get env(): Record<string, string> {
        throw new TypeError('the environment is gone');
      },
    };
    assert.equal(await main([name], broken), 70, name);
    assert.deepEqual(err, [`paycheck ${name}: PAYCHECK_INTERNAL the environment is gone`], name);
  }
});

/** Runs a command whose stdout reader is gone before it writes a byte: every write fails with EPIPE. */
function readerGone(command: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

for (const name of Object.keys(COMMANDS)) {
  test(`paycheck ${name} --help | head -1: one line, a clean exit, no stack; the same when the reader is gone at once`, async () => {
    const result = await firstLineThenClose(process.execPath, ['bin/paycheck.js', name, '--help']);
    assert.equal(result.line, `usage: paycheck ${name} ${COMMANDS[name].spec.usage}`);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const gone = await readerGone(process.execPath, ['bin/paycheck.js', name, '--help']);
    assert.deepEqual(gone, { code: 0, stderr: '' });
  });
}

for (const script of ['mock', 'load']) {
  test(`npm run ${script} -- --help | head -1: a clean exit, no stack`, async () => {
    const result = await firstLineThenClose('npm', ['run', '--silent', script, '--', '--help']);
    assert.equal(result.line, `usage: paycheck ${script} ${COMMANDS[script].spec.usage}`);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /EPIPE|\n\s+at /);
  });
}

test('doctor | head -1 against a target that never answers: the reader leaves before the verdict, and the exit code is still the verdict (3), not the 0 so far', { timeout: 30_000 }, async () => {
  // Accepts connections and never answers: the preflight's verdict comes after its 3 s wait, long after the first line.
  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const result = await firstLineThenClose(process.execPath, ['bin/paycheck.js', 'doctor', '--base-url', url]);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /^paycheck doctor: standard output was closed \(EPIPE\): no more output; running to the end, the exit code is the verdict$/m);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  } finally {
    silent.close();
  }
});

test('a command whose output is all it makes still ends when its reader leaves: gen | head -1 is exit 0, quietly', async () => {
  const result = await firstLineThenClose(process.execPath, ['bin/paycheck.js', 'gen', 'request', '--count', '100000', '--seed', '1']);
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /EPIPE|verdict|\n\s+at /);
});
