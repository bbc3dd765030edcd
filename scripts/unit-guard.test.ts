import './unit-guard.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import childProcess, { execFile, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';

const NAMED = /^Error: scripts\/unit-guard\.test\.ts: a unit test may not /;

test('starting a child process throws, naming the test file, through named and default imports alike', () => {
  assert.throws(() => spawnSync(process.execPath, ['-e', '']), new RegExp(`${NAMED.source}start a child process \\(spawnSync `));
  assert.throws(() => spawn(process.execPath), /start a child process \(spawn /);
  assert.throws(() => execFile(process.execPath), /start a child process \(execFile /);
  for (const name of ['exec', 'execSync', 'execFileSync', 'fork'] as const) {
    assert.throws(() => (childProcess[name] as (command: string) => unknown)('true'), new RegExp(`${NAMED.source}start a child process \\(${name} true\\); move the test under test/`));
  }
});

test('listening on a port throws, for HTTP and plain TCP servers', () => {
  assert.throws(() => createServer().listen(0, '127.0.0.1'), new RegExp(`${NAMED.source}open a port`));
  assert.throws(() => createNetServer().listen(0), new RegExp(`${NAMED.source}open a port`));
});
