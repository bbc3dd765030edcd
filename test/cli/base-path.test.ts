/**
 * A target served under a path prefix — a gateway that puts the API under /api — is one base URL
 * for every command: the preflight probes exactly the URLs the command then calls, the mock's
 * controls included (`…/api/__mock/health`). The gateway here answers only under /api, so a probe
 * or a call that dropped the prefix (or doubled a path) meets a 404 and is counted. A base URL that
 * already ends in an API path (`…/pay/qrcode`) is refused before anything is sent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { prefixGateway, type PrefixGateway } from '../support/prefix-gateway.ts';
import { runContracts } from '../support/contracts-run.ts';
import { CONTRACT_PENDING_MS } from '../../src/runners/contracts/support/target.ts';
import { runCli } from '../support/run-cli.ts';

const PREFIX = '/api';
let mock: MockServer;
let gateway: PrefixGateway;
const work = mkdtempSync(join(tmpdir(), 'paycheck-base-path-'));

before(async () => {
  // The suite's own mocks' pending delay, so the follow-ups of a paying order end in seconds.
  mock = await startMockServer({ port: 0, pendingMs: CONTRACT_PENDING_MS });
  gateway = await prefixGateway(mock.url, PREFIX);
});
after(async () => {
  await gateway.close();
  await mock.close();
  rmSync(work, { recursive: true, force: true });
});

/** Runs `body` and asserts that nothing it sent left the prefix. */
async function underPrefix(body: () => Promise<void>): Promise<void> {
  gateway.strays.length = 0;
  await body();
  assert.deepEqual(gateway.strays, [], 'every request went under the prefix');
}

for (const slash of ['', '/']) {
  test(`doctor on a target under ${PREFIX}${slash}: usable, the mock's controls found under the same prefix`, () =>
    underPrefix(async () => {
      const { status, out } = await runCli(['doctor', '--base-url', `${gateway.origin}${PREFIX}${slash}`]);
      assert.equal(status, 0, out.join('\n'));
      assert.match(out.at(-1) ?? '', /usable; error codes: flowchart; mock controls: yes/);
    }));
}

test(`load on a target under ${PREFIX}: the preflight and every call under the prefix, each call once`, () =>
  underPrefix(async () => {
    gateway.forwarded.length = 0;
    const { status, out, err } = await runCli(['load', '--base-url', `${gateway.origin}${PREFIX}/`, '--duration-scale', '0.1', '-q', '--report-dir', join(work, 'load')]);
    assert.equal(status, 0, [...err, ...out].join('\n'));
    assert.ok(gateway.forwarded.filter((p) => p === 'POST /pay/qrcode').length > 3, gateway.forwarded.join(', '));
    assert.deepEqual(gateway.forwarded.filter((p) => !/^(POST \/pay\/(qrcode|get)|GET \/__mock\/health)$/.test(p)), [], 'no path doubled');
  }));

test(`fuzz on a target under ${PREFIX}: no finding`, () =>
  underPrefix(async () => {
    const { status, out, err } = await runCli(['fuzz', '--base-url', `${gateway.origin}${PREFIX}`, '--runs', '5', '--seed', '7', '--report-dir', join(work, 'fuzz')]);
    assert.equal(status, 0, [...err, ...out].join('\n'));
  }));

test(`contracts on a target under ${PREFIX}: the cases pass, those that need the mock's controls and its journal too`, () =>
  underPrefix(async () => {
    const run = await runContracts(`${gateway.origin}${PREFIX}`, {}, ['--grep', 'get by order_id|user still paying|reference checkout on USER_PAYING:']);
    assert.equal(run.status, 0, run.out);
    assert.deepEqual(run.summary?.tests, { passed: 3, failed: 0, skipped: 0 }, run.out);
  }));

test('a base URL that ends in an API path is refused by every command in seconds, exit 3, naming the API root', async () => {
  const bases = [`${mock.url}/pay/qrcode`, `${gateway.origin}${PREFIX}/pay/qrcode/`, `${mock.url}/pay/get`];
  for (const base of bases) {
    for (const argv of [['load', '-q', '--duration-scale', '0.1', '--report-dir', join(work, 'refused')], ['doctor'], ['fuzz', '--runs', '1', '--report-dir', join(work, 'refused')], ['contracts'], ['checkout', '--amount', '0.01'], ['audit']]) {
      const { status, out, err, ms } = await runCli([...argv, '--base-url', base]);
      const said = [...err, ...out].join('\n');
      assert.equal(status, 3, `${argv[0]} ${base}: ${said}`);
      assert.ok(ms < 10_000, `${argv[0]}: ${ms} ms`);
      assert.match(said, /--base-url is the API root, without \/pay\/…/, `${argv[0]} ${base}`);
      // doctor prints the report, the others their one error line.
      if (argv[0] !== 'doctor') assert.match(err[0] ?? '', new RegExp(`^paycheck ${argv[0]}: PAYCHECK_BAD_URL `), `${argv[0]} ${base}`);
    }
  }
  const journal = await runCli(['audit', '--base-url', `${gateway.origin}${PREFIX}/`]);
  // 0 or 1 is the verdict on the orders in it: the journal was read, under the prefix.
  assert.ok(journal.status === 0 || journal.status === 1, `audit reads the journal under the prefix: ${journal.err.join('\n')}`);
});
