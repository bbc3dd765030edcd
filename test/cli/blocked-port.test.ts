/**
 * A target on a port the fetch standard blocks (Node's fetch never connects to it): a server is
 * running there, so "is the server running?" would send the user the wrong way. The port is named
 * as the cause, and the run stops at the preflight.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';

/** Some of the fetch standard's blocked ports; the first free one is used. */
const BLOCKED = [6000, 6665, 6666, 6667, 6668, 6669, 10080];
let server: Server;
let port = 0;

before(async () => {
  for (const candidate of BLOCKED) {
    server = createServer((_req, res) => res.end('{}'));
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(candidate, '127.0.0.1', () => resolve(true));
    });
    if (bound) {
      port = candidate;
      return;
    }
  }
  assert.fail(`none of the blocked ports ${BLOCKED.join(', ')} could be listened on`);
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a server on a port that fetch blocks: exit 3, the blocked port named as the cause and another port advised', () => {
  const run = spawnSync(process.execPath, ['bin/paycheck.js', 'load', '--base-url', `http://127.0.0.1:${port}`], { encoding: 'utf8' });
  assert.equal(run.status, 3, run.stderr);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0], new RegExp(`^paycheck load: PAYCHECK_TARGET_UNREACHABLE http://127\\.0\\.0\\.1:${port} cannot be used: Node's fetch never connects to this port: the fetch standard blocks it \\(bad port\\)\\. Serve the target on another port$`));
  assert.doesNotMatch(run.stderr, /Is the server running/);
});
