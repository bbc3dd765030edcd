/**
 * Test-only: `paycheck mock` in a child process, for what one process cannot show — a client and
 * a server on one event loop take turns that hide races between them (a close racing a read).
 * Gives the URL, the log lines so far, and a stop that waits for the exit.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/paycheck.js', import.meta.url));

export interface MockProcess {
  url: string;
  port: number;
  /** stdout so far, one entry a line: the startup line, then one line per request. */
  lines(): string[];
  stop(): Promise<void>;
}

export async function startMockProcess(args: readonly string[] = []): Promise<MockProcess> {
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', look);
    void exited.then(() => reject(new Error(`the mock exited before it listened: ${out}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    lines: () => out.split('\n').filter((line) => line !== ''),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
