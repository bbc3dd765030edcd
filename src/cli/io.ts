/** What every command reads and writes through; tests pass their own. */
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
