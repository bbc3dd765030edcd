/**
 * `paycheck mock` (and `npm run mock`): the mock on 127.0.0.1 until SIGINT/SIGTERM, one log line
 * per request unless quiet.
 */
import { startMockServer, type MockServer } from '../adapters/http/server.ts';
import { CONSOLE_PATHS, serveConsole } from '../checks/console/mock-console.ts';
import type { ParsedCommand } from './command.ts';
import type { MOCK } from './commands.ts';
import { errorLine, toHarnessError } from './harness-error.ts';
import type { CliIo } from './io.ts';
import { mockServerOptions } from './mock-options.ts';

/** Starts the mock and says where it listens; the caller stops it. */
export async function startMockCommand({ values }: ParsedCommand<typeof MOCK.options>, io: Pick<CliIo, 'out' | 'env'>): Promise<MockServer> {
  const server = await startMockServer({ ...mockServerOptions(values, io.env), pages: serveConsole, log: values.quiet ? undefined : io.out });
  const { dialect } = server.engine;
  const callbacks = server.callbacks ? `; status callbacks to ${server.callbacks.url}` : '';
  io.out(`paycheck mock listening on ${server.url} (error codes: ${dialect}; console: ${server.url}${CONSOLE_PATHS.page}; health: ${server.url}/__mock/health${callbacks})`);
  return server;
}

/** Serves until SIGINT or SIGTERM; the open server keeps the process alive after this returns. */
export async function runMock(parsed: ParsedCommand<typeof MOCK.options>, io: CliIo): Promise<number> {
  const server = await startMockCommand(parsed, io);
  const stop = (signal: string) => {
    io.out(`paycheck mock: ${signal}, shutting down`);
    server.close().then(
      () => io.out('paycheck mock: stopped'),
      (error: unknown) => {
        const harness = toHarnessError(error);
        io.err(errorLine('mock', harness));
        process.exitCode = harness.exitCode;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
