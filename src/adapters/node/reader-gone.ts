/**
 * A reader of standard output or error that goes away (EPIPE) is not an error. A command whose
 * output is all it makes (`paycheck gen … | head`, `--help`) then has nothing left to do for anyone,
 * so the process ends with the exit code it has so far. Two kinds of command outlive their reader
 * (`outliveReader`), and a reader leaving then only stops the writes to it, told once on stderr:
 * a server (`paycheck mock`, `paycheck proxy`) still has clients and owes them its shutdown (the
 * mock's snapshot holds their orders); a command whose exit code is a verdict (`doctor`, `load`,
 * `contracts` …) owes it to the script that runs it — `paycheck doctor | head -4` ended with exit
 * 0, the code so far, before the target was judged. Installed by `bin/paycheck.js` and by the
 * contract suite's Playwright config, whose process writes to the same pipe.
 */

export type StdStream = 'stdout' | 'stderr';

/** Why a command outlives its reader: it serves clients, or its verdict (the exit code) is still to come. */
export type Outliving = 'serving' | 'judging';

/** The command that outlives its reader, and why; undefined, the process ends when the reader leaves. */
let outliving: { command: string; why: Outliving } | undefined;

const GOING_ON: Readonly<Record<Outliving, string>> = {
  serving: 'no more log lines; serving on until SIGINT/SIGTERM',
  judging: 'no more output; running to the end, the exit code is the verdict',
};
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
  if (outliving === undefined) process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  if (left.has(stream)) return;
  left.add(stream);
  // stderr is told of stdout only: a reader gone from stderr has no one left to tell.
  if (stream === 'stdout' && !left.has('stderr')) {
    process.stderr.write(`paycheck ${outliving.command}: standard output was closed (EPIPE): ${GOING_ON[outliving.why]}\n`);
  }
}

/** A server's or a verdict's opt-out: from now on a reader that leaves stops the writes to it, never the process. */
export function outliveReader(command: string, why: Outliving): void {
  outliving = { command, why };
}

/** Whether `stream`'s reader has gone, so that its writers stop writing (each write would fail again). */
export function readerHasLeft(stream: StdStream): boolean {
  return left.has(stream);
}
