/** `npm run mock`: flags, the request log with masked pay codes, clean shutdown on SIGTERM/SIGINT. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runMockCli } from '../../src/cli/mock.ts';
import { signedPay, WECHAT_CODE } from '../support/signed-request.ts';
import { maskPayCode } from '../../src/kernel/redaction/redact.ts';

const CLI = fileURLToPath(new URL('../../src/cli/mock.ts', import.meta.url));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

test('--help prints every flag and exits 0; a bad flag prints a coded error and exits 2, no stack', async () => {
  const help = capture();
  assert.equal((await runMockCli(['--help'], {}, help.io)).exitCode, 0);
  assert.match(help.out.join('\n'), /--latency\s+MOCK_LATENCY_MS/);
  const bad = capture();
  assert.equal((await runMockCli(['--latency', 'soon'], {}, bad.io)).exitCode, 2);
  assert.match(bad.err.join('\n'), /^paycheck mock: E_MOCK_CONTROL --latency/);
  assert.doesNotMatch(bad.err.join('\n'), /\n\s+at /);
});

test('one log line per request, pay code masked; quiet logs none', async () => {
  const loud = capture();
  const { server } = await runMockCli(['--port', '0'], {}, loud.io);
  await fetch(`${server!.url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signedPay()) });
  await server!.close();
  const lines = loud.out.filter((l) => l.includes('/pay/qrcode'));
  assert.equal(lines.length, 1);
  assert.match(lines[0], /POST \/pay\/qrcode 200 code=1000 scenario=SUCCESS/);
  assert.ok(lines[0].includes(`pay_code=${maskPayCode(WECHAT_CODE)}`));
  assert.equal(lines[0].includes(WECHAT_CODE), false);
  const quiet = capture();
  const { server: silent } = await runMockCli(['--port', '0', '--quiet'], {}, quiet.io);
  await fetch(`${silent!.url}/__mock/health`);
  await silent!.close();
  assert.equal(quiet.out.length, 1, 'only the startup line');
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} shuts the process down cleanly with exit code 0`, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (match) resolve(match[0]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    assert.equal((await fetch(`${url}/__mock/health`)).status, 200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    assert.equal(await exited, 0);
    assert.match(out, /stopped/);
  });
}
