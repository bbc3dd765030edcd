/**
 * The log sink on standard output: pino's sonic-boom destination, which gathers lines and writes
 * them in the background (a synchronous write per line is most of a busy log's cost). At most
 * LOG_BUFFER_BYTES wait; past that a line is dropped rather than held, and the count is told on
 * stderr when the log ends. Written out every FLUSH_MS; `end` (shutdown) writes everything held,
 * the write in progress first, for as long as the reader keeps reading; at exit whatever is still
 * held is written synchronously.
 */
import pino from 'pino';
import type { LogSink } from '../checks/report/mock-log.ts';
import { readerLeft } from '../adapters/node/reader-gone.ts';

const MIN_WRITE_BYTES = 8 * 1024;
export const LOG_BUFFER_BYTES = 16 * 1024 * 1024;
const FLUSH_MS = 200;
/**
 * A reader that has stopped reading must not hold the shutdown: `end` gives up once this passes
 * with nothing written. A reader that is slow but reading gets every line, however long it takes.
 */
const END_TIMEOUT_MS = 2_000;

export function stdoutLogSink(): LogSink {
  // A reader stalled past the end's patience makes the next retry fail, instead of waiting for ever.
  let stalled = false;
  const destination = pino.destination({ fd: 1, sync: false, minLength: MIN_WRITE_BYTES, maxLength: LOG_BUFFER_BYTES, periodicFlush: FLUSH_MS, retryEAGAIN: () => !stalled });
  let dropped = 0;
  let gone = false;
  // A reader that goes away while `end` waits for the last lines: nothing more will be taken, so the
  // end need not wait out its patience (nor blame a reader that no longer exists).
  let endNow: (() => void) | undefined;
  destination.on('drop', () => dropped++);
  // This writes fd 1 beside process.stdout, so a reader that went away (`paycheck mock | head`) is
  // handed to the one policy for it (the mock serves on). Any other write error is told once on
  // stderr; the log stops, the mock goes on.
  destination.on('error', (error: NodeJS.ErrnoException) => {
    const told = gone || stalled;
    gone = true;
    if (told) return;
    endNow?.();
    if (error.code === 'EPIPE') readerLeft('stdout');
    else process.stderr.write(`paycheck: the log stopped: standard output failed (${error.code ?? error.message})\n`);
  });
  process.once('exit', () => {
    if (gone) return;
    try {
      destination.flushSync();
    } catch {
      // The reader is gone (EPIPE): nothing more can be written at exit.
    }
  });
  return {
    write: (text) => {
      if (!gone) destination.write(text);
    },
    flush: () => {
      if (!gone) destination.flush();
    },
    end: () =>
      new Promise<void>((resolve) => {
        let settled = false;
        const done = () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          destination.off('write', progressed);
          gone = true;
          if (dropped > 0) process.stderr.write(`paycheck: ${dropped} log lines dropped: standard output was not read as fast as they came\n`);
          resolve();
        };
        const giveUp = () => {
          stalled = true;
          process.stderr.write(`paycheck: the log's last lines were not written: standard output was not read for ${END_TIMEOUT_MS / 1000} s\n`);
          done();
        };
        const timer = setTimeout(giveUp, END_TIMEOUT_MS);
        // Each write the reader takes starts the patience again.
        const progressed = () => void timer.refresh();
        destination.on('write', progressed);
        endNow = done;
        if (gone) done();
        else {
          // end() writes everything held, the write in progress first, then closes the stream (not fd 1).
          destination.once('close', done);
          destination.end();
        }
      }),
  };
}
