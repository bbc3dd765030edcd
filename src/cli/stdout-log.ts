/**
 * The log sink on standard output: pino's sonic-boom destination, which gathers lines and writes
 * them in the background (a synchronous write per line is most of a busy log's cost). At most
 * LOG_BUFFER_BYTES wait; past that a line is dropped rather than held, and the count is told on
 * stderr when the log drains. Written out every FLUSH_MS, and on `drain` (shutdown), which waits
 * for the write in progress too; at exit whatever is still held is written synchronously.
 */
import pino from 'pino';
import type { LogSink } from '../checks/report/mock-log.ts';

const MIN_WRITE_BYTES = 8 * 1024;
export const LOG_BUFFER_BYTES = 16 * 1024 * 1024;
const FLUSH_MS = 200;
/** A reader that has stopped reading must not hold the shutdown: `drain` gives up after this. */
const DRAIN_TIMEOUT_MS = 2_000;

export function stdoutLogSink(): LogSink {
  const destination = pino.destination({ fd: 1, sync: false, minLength: MIN_WRITE_BYTES, maxLength: LOG_BUFFER_BYTES, periodicFlush: FLUSH_MS });
  let dropped = 0;
  let gone = false;
  destination.on('drop', () => dropped++);
  // A reader that went away (`paycheck mock | head`) meets the policy bin/paycheck.js sets on stdout:
  // exit 0. Any other write error is told once on stderr; the log stops, the mock goes on.
  destination.on('error', (error: NodeJS.ErrnoException) => {
    if (gone) return;
    gone = true;
    if (error.code === 'EPIPE') process.stdout.emit('error', error);
    else process.stderr.write(`paycheck: the log stopped: standard output failed (${error.code ?? error.message})\n`);
  });
  destination.on('close', () => (gone = true));
  process.once('exit', () => {
    if (gone) return;
    try {
      destination.flushSync();
    } catch {
      // The reader is gone (EPIPE) or the write in progress still holds the rest: nothing more can be done at exit.
    }
  });
  return {
    write: (text) => {
      if (!gone) destination.write(text);
    },
    flush: () => {
      if (!gone) destination.flush();
    },
    drain: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          if (dropped > 0) process.stderr.write(`paycheck: ${dropped} log lines dropped: standard output was not read as fast as they came\n`);
          dropped = 0;
          resolve();
        };
        const timer = setTimeout(done, DRAIN_TIMEOUT_MS);
        if (gone) done();
        // Waits for the write in progress and everything behind it (an fsync error on a pipe is no news).
        else destination.flush(() => done());
      }),
  };
}
