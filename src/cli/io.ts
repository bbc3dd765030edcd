/** What every command reads and writes through; tests pass their own. */
import { createMask } from '../kernel/redaction/mask.ts';
import type { Env } from '../kernel/settings.ts';
import type { LogSink } from '../checks/report/mock-log.ts';
import type { Outliving } from '../adapters/node/reader-gone.ts';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Standard input whole, or PAYCHECK_INPUT_TOO_LARGE as soon as it passes `limit` bytes (never more held). */
  readStdin(limit: number): Promise<string>;
  env: Env;
  /** A terminal on stderr: a progress line is rewritten in place through `writeErr`; else one is logged every few seconds. */
  progressInPlace?: boolean;
  writeErr?(text: string): void;
  /** A buffered sink for a high-rate log on standard output; absent, a log writes through `out`. */
  openLog?(): Promise<LogSink>;
  /**
   * A command's opt-out of ending when its reader goes away (src/adapters/node/reader-gone.ts): a
   * server's clients and shutdown outlast the log, a verdict is still owed. Absent (tests' io),
   * nothing changes.
   */
  outliveReader?(command: string, why: Outliving): void;
}

/** `io`'s log sink, or one that hands each line to `io.out` as it comes. */
export async function logSinkOf(io: Pick<CliIo, 'out' | 'openLog'>): Promise<LogSink> {
  return (await io.openLog?.()) ?? { write: (text) => io.out(text.replace(/\n$/, '')), flush: () => undefined, end: async () => undefined };
}

/**
 * `io` with every line it writes masked (src/kernel/redaction/mask.ts): the configured secret —
 * PAY_APP_SECRET, `--secret` — in any spelling, always; every pay code unless the command prints
 * them itself (its output is the data, or it masks them unless `--show-pay-code`).
 */
export function maskedIo(io: CliIo, argv: readonly string[], showsPayCodes: boolean): CliIo {
  const mask = createMask({ secrets: [io.env.PAY_APP_SECRET, secretArgument(argv)], showPayCodes: showsPayCodes });
  const { writeErr, openLog } = io;
  return {
    ...io,
    out: (line) => io.out(mask(line)),
    err: (line) => io.err(mask(line)),
    ...(writeErr ? { writeErr: (text: string) => writeErr(mask(text)) } : {}),
    ...(openLog
      ? {
          openLog: async () => {
            const sink = await openLog();
            return { write: (text: string) => sink.write(mask(text)), flush: () => sink.flush(), end: () => sink.end() };
          },
        }
      : {}),
  };
}

/** `--secret S` or `--secret=S`, read before any parse, so that a line about a bad argument is masked too. */
function secretArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    if (argv[i] === '--secret') return argv[i + 1];
    if (argv[i].startsWith('--secret=')) return argv[i].slice('--secret='.length);
  }
  return undefined;
}
