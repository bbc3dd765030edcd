/**
 * The standing hostile-target set: `load`, `contracts`, `checkout` and `audit` aimed at loopback
 * servers that never answer, stream without end, answer 10 MB, answer garbage, reset mid-answer,
 * redirect to another port or answer HTML — and the mock's status callbacks delivered to each.
 * Every run ends within its bound (docs/limits.md), no Node process of it grows past the memory
 * bound (each one's peak RSS, measured by a preload), the cause is named in what it prints, and
 * nothing reaches the canary a redirect points at.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { signedPay } from '../support/signed-request.ts';
import { HOSTILE_KINDS, startCanary, startHostileServer, type Canary, type HostileKind, type HostileServer } from '../support/hostile-servers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../support/max-rss.mjs', import.meta.url));
/** docs/limits.md: the most memory one Node process of a run may take against a hostile target. */
const RSS_BOUND_MB = 400;

/** What each command must print against each kind (the cause, named). */
const CAUSES: Record<HostileKind, { load: RegExp; client: RegExp; callback: RegExp }> = {
  'never answers': { load: /no code \d+ \(timeout ×\d+\)/, client: /no answer within \d+ ms/, callback: /no answer within \d+ ms/ },
  'endless stream': { load: /answer too large ×\d+/, client: /answer too large/, callback: /answer too large/ },
  '10 MB answer': { load: /answer too large ×\d+/, client: /answer too large: the target declares 10485760 bytes/, callback: /answer too large/ },
  'garbage bytes': { load: /not HTTP ×\d+/, client: /the answer is not HTTP/, callback: /the answer is not HTTP/ },
  'reset mid-answer': { load: /reset or closed ×\d+/, client: /connection closed or reset/, callback: /connection closed or reset/ },
  'redirect to another port': { load: /redirect \(not followed\) ×\d+/, client: /HTTP 307 redirect to http:\/\/127\.0\.0\.1:\d+\/\S+, not followed/, callback: /"status":307,"location":"http:\/\/127\.0\.0\.1/ },
  'HTTP 200 with HTML': { load: /not JSON ×\d+/, client: /HTTP 200, not JSON|not JSON|Unexpected token/, callback: /"status":200/ },
};

/**
 * Each command's bound, in seconds (docs/limits.md): its documented time, start-up, and room for
 * the four commands running at once on a busy two-core machine.
 */
const COMMANDS: Record<'load' | 'checkout' | 'contracts' | 'audit', { argv: (url: string) => string[]; exit: number; boundS: number }> = {
  // 3 s of arrivals, then the 10 s request timeout for what is still open.
  load: { argv: (url) => ['load', '--base-url', url, '--profile', 'smoke', '--duration-scale', '0.2', '--quiet'], exit: 1, boundS: 45 },
  checkout: { argv: (url) => ['checkout', '--amount', '0.01', '--base-url', url, '--time-scale', '0.05'], exit: 1, boundS: 30 },
  contracts: { argv: (url) => ['contracts', '--base-url', url, '--', '--grep', 'wechat pay code: paid', '--workers', '1'], exit: 1, boundS: 90 },
  audit: { argv: (url) => ['audit', '--base-url', url], exit: 3, boundS: 20 },
};

let mock: MockServer;
let canary: Canary;
const work = mkdtempSync(join(tmpdir(), 'paycheck-hostile-'));

before(async () => {
  mock = await startMockServer({ port: 0 });
  canary = await startCanary();
});
after(async () => {
  await Promise.all([mock.close(), canary.close()]);
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  output: string;
  seconds: number;
  peakMb: number;
}

function runCli(argv: string[], name: string): Promise<Run> {
  const cwd = mkdtempSync(join(work, `${name.replace(/\W+/g, '-')}-`));
  const rssDir = mkdtempSync(join(work, 'rss-'));
  const started = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/paycheck.js'), ...argv], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', NODE_OPTIONS: `--import=${PRELOAD}`, PAYCHECK_TEST_RSS_DIR: rssDir },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (status) => {
      const peaks = readdirSync(rssDir).map((file) => Number(readFileSync(join(rssDir, file), 'utf8')) / 1024);
      resolve({ status, output, seconds: (Date.now() - started) / 1000, peakMb: Math.max(0, ...peaks) });
    });
  });
}

for (const kind of HOSTILE_KINDS) {
  describe(`a target that ${kind === 'never answers' ? 'never answers' : `answers with ${kind}`}`, () => {
    let server: HostileServer;
    before(async () => {
      server = await startHostileServer(kind, mock.url, canary);
    });
    after(() => server.close());

    test('load, checkout, contracts and audit end in time, in bounded memory, naming the cause; nothing goes elsewhere', async () => {
      const hitsBefore = canary.hits.length;
      const names = Object.keys(COMMANDS) as (keyof typeof COMMANDS)[];
      const runs = await Promise.all(names.map((name) => runCli(COMMANDS[name].argv(server.url), `${kind}-${name}`)));
      const problems: string[] = [];
      runs.forEach((run, i) => {
        const name = names[i];
        const { exit, boundS } = COMMANDS[name];
        const cause = name === 'load' ? CAUSES[kind].load : CAUSES[kind].client;
        const tail = run.output.slice(-1500);
        if (run.status !== exit) problems.push(`${name}: exit ${run.status}, expected ${exit}\n${tail}`);
        if (run.seconds > boundS) problems.push(`${name}: took ${run.seconds} s, bound ${boundS} s`);
        if (run.peakMb === 0 || run.peakMb > RSS_BOUND_MB) problems.push(`${name}: peak RSS ${run.peakMb.toFixed(0)} MB, bound ${RSS_BOUND_MB} MB`);
        if (name !== 'audit' && !cause.test(run.output)) problems.push(`${name}: the cause (${cause}) is not named\n${tail}`);
        if (run.output.length > 200_000) problems.push(`${name}: printed ${run.output.length} characters`);
      });
      assert.deepEqual(problems, []);
      assert.deepEqual(canary.hits.slice(hitsBefore), [], 'a redirect was followed');
    });

    test('the mock delivers its status callback there as failed attempts with the cause, retries on schedule, never follows a redirect', async () => {
      const hitsBefore = canary.hits.length;
      const callbacks = await startMockServer({ port: 0, callbackUrl: `${server.url}/callback`, callbackTimeScale: 0.01 });
      try {
        const started = Date.now();
        const answer = await fetch(`${callbacks.url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signedPay()) });
        assert.equal(((await answer.json()) as { code: number }).code, 1000);
        await callbacks.callbacks?.whenIdle();
        const seconds = (Date.now() - started) / 1000;
        const log = (await (await fetch(`${callbacks.url}/__mock/callbacks`)).json()) as { deliveries: { outcome: string; attempts: unknown[] }[] };
        const [delivery] = log.deliveries;
        const attempts = JSON.stringify(delivery?.attempts);
        if (kind === 'HTTP 200 with HTML') {
          assert.equal(delivery?.outcome, 'delivered', 'an HTTP 200 is a delivery, whatever its body');
        } else {
          assert.equal(delivery?.outcome, 'gave-up', attempts);
          assert.equal(delivery?.attempts.length, 6, 'the first attempt and five retries');
        }
        assert.match(attempts, CAUSES[kind].callback);
        assert.ok(seconds < 10, `delivery took ${seconds} s`);
        assert.deepEqual(canary.hits.slice(hitsBefore), [], 'a redirect was followed');
      } finally {
        await callbacks.close();
      }
    });
  });
}
