/**
 * Test-only: a listening command (`paycheck mock`, `paycheck proxy`) in a child process, for what one process cannot show — a client and
 * a server on one event loop take turns that hide races between them (a close racing a read), and a process's own pipes.
 * Gives the URL, the log lines so far, and a stop that waits for the exit; `paycheckChild` gives its whole output and exit code.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/paycheck.js', import.meta.url));

export interface PaycheckProcess {
  url: string;
  port: number;
  /** stdout so far, one entry a line: the startup line, then one line per request. */
  lines(): string[];
  /** The lines matching `pattern` once there are `count` of them, or all there are after 5 s. */
  linesMatching(pattern: RegExp, count: number): Promise<string[]>;
  stop(): Promise<void>;
}

/** `args` name the command and its options; the port should be 0. */
export async function startPaycheckProcess(args: readonly string[]): Promise<PaycheckProcess> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', look);
    void exited.then(() => reject(new Error(`paycheck ${args[0]} exited before it listened: ${out}`)));
  });
  const lines = () => out.split('\n').filter((line) => line !== '');
  return {
    url,
    port: Number(new URL(url).port),
    lines,
    async linesMatching(pattern, count) {
      const matching = () => lines().filter((line) => pattern.test(line));
      for (let waited = 0; matching().length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      return matching();
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * `paycheck ARGS` in a child, its URL once it listens, its stderr so far, and its whole stdout, stderr
 * and exit code once it ends. `stdout: 'ignore'` closes the pipe once it listens: a reader gone.
 */
export async function paycheckChild(args: readonly string[], stdout: 'pipe' | 'ignore' = 'pipe') {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // 'close', not 'exit': the output is whole only once the pipes are.
  const ended = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.once('close', (code) => resolve({ code, out, err })));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]);
    });
    void ended.then(() => reject(new Error(`exited early: ${out}${err}`)));
  });
  if (stdout === 'ignore') child.stdout.destroy();
  return { child, url, ended, errSoFar: () => err };
}
