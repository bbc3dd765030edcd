/**
 * A certificate of its own authority for 127.0.0.1 (a staging server's usual case), made per run
 * by openssl (.ci/run installs it): what a target with a TLS certificate Node does not trust shows.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSignedCert {
  key: Buffer;
  cert: Buffer;
  /** The certificate's file, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
  /** The folder both files are in, the test's to use too; remove() deletes it. */
  dir: string;
  remove(): void;
}

export function selfSignedCert(): SelfSignedCert {
  const dir = mkdtempSync(join(tmpdir(), 'paycheck-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  assert.equal(made.status, 0, `openssl could not make the test certificate: ${made.error?.message ?? made.stderr}`);
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), certFile, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
