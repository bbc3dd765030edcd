/** Test-only: `paycheck ARGV…` in this process with an empty environment, its lines and exit status kept, and how long it took. */
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';

export interface CliRun {
  status: number;
  out: string[];
  err: string[];
  ms: number;
}

export async function runCli(argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '', env: {} };
  const started = Date.now();
  const status = await main(argv, io);
  return { status, out, err, ms: Date.now() - started };
}
