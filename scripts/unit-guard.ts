/**
 * Loaded before any unit test: a unit test runs in-process, so starting a child process or
 * listening on a port throws at once, naming the test file, instead of passing by luck on a
 * quiet machine. A test that needs either belongs under test/ (the integration tier).
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The test file on the stack of the offending call: the runner loads every unit test into one process. */
function callingTestFile(): string {
  const frame = new Error().stack?.match(/(?:\(|at )((?:file:\/\/)?\/[^\s)]+?\.test\.ts):\d/)?.[1];
  if (!frame) return 'a unit test';
  return relative(process.cwd(), frame.startsWith('file:') ? fileURLToPath(frame) : frame);
}

function refuse(what: string): never {
  throw new Error(`${callingTestFile()}: a unit test may not ${what}; move the test under test/ (the integration tier)`);
}

const PROCESS_STARTERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
const starters = childProcess as unknown as Record<(typeof PROCESS_STARTERS)[number], (command: unknown) => never>;
for (const name of PROCESS_STARTERS) {
  starters[name] = (command: unknown) => refuse(`start a child process (${name} ${typeof command === 'string' ? command : '…'})`);
}
net.Server.prototype.listen = function listen(): never {
  return refuse('open a port (net.Server listen)');
};
// ESM named imports (`import { spawn } from 'node:child_process'`) see the patched functions only after a sync.
syncBuiltinESMExports();
