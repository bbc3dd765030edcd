/** What every command reads and writes through; tests pass their own. */
import { createMask } from '../kernel/redaction/mask.ts';
import type { Env } from '../kernel/settings.ts';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Standard input whole, or PAYCHECK_INPUT_TOO_LARGE as soon as it passes `limit` bytes (never more held). */
  readStdin(limit: number): Promise<string>;
  env: Env;
  /** A terminal on stderr: a progress line is rewritten in place through `writeErr`; else one is logged every few seconds. */
  progressInPlace?: boolean;
  writeErr?(text: string): void;
}

/**
 * `io` with every line it writes masked (src/kernel/redaction/mask.ts): the configured secret —
 * PAY_APP_SECRET, `--secret` — in any spelling, always; every pay code unless the command prints
 * them itself (its output is the data, or it masks them unless `--show-pay-code`).
 */
export function maskedIo(io: CliIo, argv: readonly string[], showsPayCodes: boolean): CliIo {
  const mask = createMask({ secrets: [io.env.PAY_APP_SECRET, secretArgument(argv)], showPayCodes: showsPayCodes });
  const { writeErr } = io;
  return {
    ...io,
    out: (line) => io.out(mask(line)),
    err: (line) => io.err(mask(line)),
    ...(writeErr ? { writeErr: (text: string) => writeErr(mask(text)) } : {}),
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
