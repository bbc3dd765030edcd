/**
 * A server in its own process, so that it and the load generator do not share an event loop.
 * The child prints its URL on stdout; we take the first `http://127.0.0.1:PORT` it prints, then
 * wait until it answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { waitUntilAnswering } from './wait-until-answering.ts';
import { apiUrl } from '../../../kernel/spec/api-url.ts';

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
  /** What the child printed on stdout, when started with `keepOutput`. */
  output(): string;
}

export interface ServerProcessOptions {
  /** The TypeScript entry point, run with tsx. */
  script: string;
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Node flags, e.g. --expose-gc. */
  nodeArgs?: readonly string[];
  /** Path polled until it answers (default `/`). */
  readyPath?: string;
  /** Wraps the command line, e.g. to pin it to a core (lib/machine.ts). */
  wrap?: (argv: readonly string[]) => string[];
  /** Where the child's stdout goes once its URL is read: dropped (default), or kept for `output()`. */
  keepOutput?: boolean;
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+/;

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const argv = [process.execPath, ...(options.nodeArgs ?? []), '--import', 'tsx', options.script, ...(options.args ?? [])];
  const [command, ...args] = options.wrap?.(argv) ?? argv;
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = URL_PATTERN.exec(seen);
      if (match) {
        child.stdout!.off('data', onData);
        if (options.keepOutput) child.stdout!.on('data', (more: Buffer) => (seen += more.toString()));
        else child.stdout!.resume();
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${options.script} exited (${code}) before printing its URL:\n${seen}`)));
  });
  await waitUntilAnswering(apiUrl(url, options.readyPath ?? '/'));
  return { url, pid: child.pid!, stop: () => stopChild(child), output: () => seen };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
