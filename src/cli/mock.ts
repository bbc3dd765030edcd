/**
 * `npm run mock`: the mock on 127.0.0.1 until SIGINT/SIGTERM, one log line per request unless
 * quiet. Errors in flags or settings print a stable code and exit 2, never a stack.
 */
import { pathToFileURL } from 'node:url';
import type { Env } from '../kernel/settings.ts';
import { mockConfigFrom, mockHelp } from './mock-options.ts';
import { startMockServer, type MockServer } from '../adapters/http/server.ts';

export interface MockCliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Starts the mock and returns it (undefined after --help or an error; the exit code says which). */
export async function runMockCli(argv: readonly string[], env: Env, io: MockCliIo): Promise<{ server?: MockServer; exitCode: number }> {
  let config;
  try {
    config = mockConfigFrom(argv, env);
  } catch (error) {
    io.err(`paycheck mock: ${codeOf(error)} ${(error as Error).message}`);
    return { exitCode: 2 };
  }
  if (config.help) {
    io.out(mockHelp());
    return { exitCode: 0 };
  }
  let server: MockServer;
  try {
    server = await startMockServer({ ...config.server, log: config.quiet ? undefined : io.out });
  } catch (error) {
    io.err(`paycheck mock: ${codeOf(error)} ${(error as Error).message}`);
    return { exitCode: 2 };
  }
  const { dialect } = server.engine;
  const callbacks = server.callbacks ? `; status callbacks to ${server.callbacks.url}` : '';
  io.out(`paycheck mock listening on ${server.url} (error codes: ${dialect}; health: ${server.url}/__mock/health${callbacks})`);
  return { server, exitCode: 0 };
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'E_MOCK_START';
}

/** `npm run mock` and `paycheck mock`: serve until SIGINT/SIGTERM. */
export async function serveFromCommandLine(argv: readonly string[]): Promise<void> {
  const io: MockCliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };
  const { server, exitCode } = await runMockCli(argv, process.env, io);
  process.exitCode = exitCode;
  if (!server) return;
  const stop = (signal: string) => {
    io.out(`paycheck mock: ${signal}, shutting down`);
    void server.close().then(() => io.out('paycheck mock: stopped'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await serveFromCommandLine(process.argv.slice(2));
