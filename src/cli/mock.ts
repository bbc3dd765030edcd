/**
 * `paycheck mock` (and `npm run mock`): the mock on 127.0.0.1 until SIGINT/SIGTERM, its log
 * (src/checks/report/mock-log.ts) on standard output unless quiet, flushed before the process ends.
 */
import { startMockServer, type MockServer } from '../adapters/http/server.ts';
import { CONSOLE_PATHS, serveConsole } from '../checks/console/mock-console.ts';
import { optionLabel, parseChoice, type ParsedCommand } from './command.ts';
import { MOCK } from './commands.ts';
import { errorLine, toHarnessError } from './harness-error.ts';
import { logSinkOf, type CliIo } from './io.ts';
import { createMockLog, LOG_FORMATS, LOG_MODES, type MockLog } from '../checks/report/mock-log.ts';
import { mockServerOptions } from './mock-options.ts';
import { apiUrl } from '../kernel/spec/api-url.ts';

/** An apps file may hold hundreds: the banner names the first few. */
const BANNER_APPS = 5;

export interface MockCommandServer extends MockServer {
  /** A line of the command's own: through the log when there is one, so that it keeps its place among the request lines. */
  say(line: string): void;
  /** Writes out every log line so far and ends the log: the command's last act. */
  endLog(): Promise<void>;
}

/** Starts the mock and says where it listens; the caller stops it (which writes the log's last summary). */
export async function startMockCommand({ values }: ParsedCommand<typeof MOCK.options>, io: Pick<CliIo, 'out' | 'env' | 'openLog'>): Promise<MockCommandServer> {
  const options = mockServerOptions(values, io.env);
  const mode = parseChoice(values.log, LOG_MODES, 'auto', optionLabel(MOCK, 'log'));
  const format = parseChoice(values['log-format'], LOG_FORMATS, 'text', optionLabel(MOCK, 'log-format'));
  const log: MockLog | undefined = values.quiet ? undefined : createMockLog({ mode, format, sink: await logSinkOf(io) });
  const started = await startMockServer({ ...options, pages: serveConsole, log: log?.request }).catch(async (error: unknown) => {
    log?.close();
    await log?.end();
    throw error;
  });
  const server: MockCommandServer = {
    ...started,
    close: () => started.close().finally(() => log?.close()),
    say: (line) => (log ? log.say(line) : io.out(line)),
    endLog: async () => log?.end(),
  };
  const { dialect } = server.engine;
  const callbacks = server.callbacks ? `; status callbacks to ${server.callbacks.url}` : '';
  // The applications it knows and the encoding it expects, never a secret: a 3003 or a 3004 from it is explained here.
  const ids = (options.apps ?? []).map((app) => app.appId);
  const apps = ids.length > BANNER_APPS ? `${ids.slice(0, BANNER_APPS).join(', ')} and ${ids.length - BANNER_APPS} more` : ids.join(', ');
  server.say(`paycheck mock listening on ${server.url} (apps: ${apps}; sign encoding: ${options.signEncoding}; error codes: ${dialect}; console: ${apiUrl(server.url, CONSOLE_PATHS.page)}; health: ${apiUrl(server.url, '/__mock/health')}${callbacks})`);
  return server;
}

/** Serves until SIGINT or SIGTERM; the open server keeps the process alive after this returns. */
export async function runMock(parsed: ParsedCommand<typeof MOCK.options>, io: CliIo): Promise<number> {
  // Ending with the log's reader would drop the orders the snapshot is written for at shutdown.
  io.outliveReader?.('mock', 'serving');
  const server = await startMockCommand(parsed, io);
  const stop = (signal: string) => {
    server.say(`paycheck mock: ${signal}, shutting down`);
    server
      .close()
      .then(
        () => server.say('paycheck mock: stopped'),
        (error: unknown) => {
          const harness = toHarnessError(error);
          io.err(errorLine('mock', harness));
          process.exitCode = harness.exitCode;
        },
      )
      .finally(() => server.endLog());
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
