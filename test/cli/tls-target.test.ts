/**
 * A target on https with a certificate of its own authority (a staging server's usual case): the
 * preflight names the untrusted certificate and the remedy, and never turns verification off;
 * with the authority given to Node (NODE_EXTRA_CA_CERTS), `doctor` finds the target usable and
 * `load` runs over TLS. The certificate is made per run by openssl (.ci/run installs it).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { runCheckout } from '../../src/runners/checkout/checkout.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { payRequest } from '../lifecycle/support.ts';
import { selfSignedCert } from '../support/tls-cert.ts';

const tls = selfSignedCert();
const CERT = tls.certFile;
let mock: MockServer;
let server: Server;
let url: string;

before(async () => {
  mock = await startMockServer({ port: 0 });
  // TLS in front of the mock: each request passed on as it came.
  server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      fetch(new URL(req.url ?? '/', mock.url), { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await mock.close();
  tls.remove();
});

function paycheck(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['bin/paycheck.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, out, err })));
}

test('an https target whose authority Node does not know: exit 3, the untrusted certificate and NODE_EXTRA_CA_CERTS named, one line', async () => {
  for (const command of ['load', 'contracts']) {
    const { status, err } = await paycheck([command, '--base-url', url]);
    assert.equal(status, 3, err);
    assert.match(err, new RegExp(`^paycheck ${command}: PAYCHECK_TARGET_UNREACHABLE ${url} cannot be used: the server's TLS certificate is not trusted \\(DEPTH_ZERO_SELF_SIGNED_CERT\\)\\. For a private or self-signed authority, set NODE_EXTRA_CA_CERTS to its certificate \\(PEM\\)\\n$`));
  }
});

test('with its authority in NODE_EXTRA_CA_CERTS: doctor finds it usable and a short load passes over TLS', async () => {
  const doctor = await paycheck(['doctor', '--base-url', url], { NODE_EXTRA_CA_CERTS: CERT });
  assert.equal(doctor.status, 0, doctor.out + doctor.err);
  assert.match(doctor.out, /usable; error codes: flowchart/);
  const load = await paycheck(['load', '--base-url', url, '--profile', 'smoke', '--duration-scale', '0.1', '--report-dir', join(tls.dir, 'reports')], { NODE_EXTRA_CA_CERTS: CERT });
  assert.equal(load.status, 0, load.out + load.err);
  assert.match(load.out, /codes {6}1000 ×\d+/);
  assert.match(load.out, /PASS/);
});

test('a checkout whose pay meets the untrusted certificate ends unreachable at once: the request never left, so nothing is followed up', async () => {
  // The policy's time scale keeps the old behaviour (queries up to the deadline, then a cancel) short enough to see fail.
  const result = await runCheckout({ target: { baseUrl: url, app: DEMO_APP, encoding: 'base64' }, request: payRequest('0.01'), policy: { timeScale: 0.04, toleranceMs: 1250 } });
  assert.equal(result.outcome, 'unreachable', JSON.stringify(result.timeline));
  assert.equal(result.timeline.length, 1, JSON.stringify(result.timeline));
  assert.match(result.timeline[0].note, /^not delivered \(.*TLS certificate is not trusted.*\): nothing to follow up$/);
});
