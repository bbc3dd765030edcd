/**
 * A reader of standard output or error that goes away (EPIPE) is not an error. A short command
 * (`paycheck gen … | head`) then has nothing left to do for anyone, so the process ends with the
 * exit code it has so far. A server (`paycheck mock`, `paycheck proxy`) still has clients, and owes
 * them its shutdown (the mock's snapshot holds their orders): it opts out with
 * `serveOnWhenReaderLeaves`, and a reader leaving then only stops the writes to it, told once on
 * stderr. Installed by `bin/paycheck.js` and by the contract suite's Playwright config, whose
 * process writes to the same pipe.
 */

export type StdStream = 'stdout' | 'stderr';

/** The command that serves on when its reader leaves; undefined, the process ends. */
let serving: string | undefined;
const left = new Set<StdStream>();

export function endQuietlyWhenReaderLeaves(): void {
  const streams = { stdout: process.stdout, stderr: process.stderr } as const;
  for (const name of ['stdout', 'stderr'] as const) {
    streams[name].on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      readerLeft(name);
    });
  }
}

/**
 * The one policy for a reader gone from `stream`, whoever met it: process.stdout's own writes, or a
 * writer of fd 1 beside it (the mock's log sink, src/cli/stdout-log.ts).
 */
export function readerLeft(stream: StdStream): void {
  if (serving === undefined) process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  if (left.has(stream)) return;
  left.add(stream);
  // stderr is told of stdout only: a reader gone from stderr has no one left to tell.
  if (stream === 'stdout' && !left.has('stderr')) {
    process.stderr.write(`paycheck ${serving}: standard output was closed (EPIPE): no more log lines; serving on until SIGINT/SIGTERM\n`);
  }
}

/** A server's opt-out: from now on a reader that leaves stops the writes to it, never the process. */
export function serveOnWhenReaderLeaves(command: string): void {
  serving = command;
}

/** Whether `stream`'s reader has gone, so that its writers stop writing (each write would fail again). */
export function readerHasLeft(stream: StdStream): boolean {
  return left.has(stream);
}
