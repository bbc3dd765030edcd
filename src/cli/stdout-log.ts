/**
 * The log sink on standard output: pino's sonic-boom destination, which gathers lines and writes
 * them in the background (a synchronous write per line is most of a busy log's cost). At most
 * LOG_BUFFER_BYTES wait; past that a line is dropped rather than held, and the count is told on
 * stderr at close. Flushed every FLUSH_MS, at close, and at exit.
 */
import pino from 'pino';
import type { LogSink } from './io.ts';

const MIN_WRITE_BYTES = 8 * 1024;
export const LOG_BUFFER_BYTES = 16 * 1024 * 1024;
const FLUSH_MS = 200;

export function stdoutLogSink(): LogSink {
  const destination = pino.destination({ fd: 1, sync: false, minLength: MIN_WRITE_BYTES, maxLength: LOG_BUFFER_BYTES, periodicFlush: FLUSH_MS });
  let dropped = 0;
  let gone = false;
  destination.on('drop', () => dropped++);
  // One policy for a reader that went away (`paycheck mock | head`): the one bin/paycheck.js sets on stdout.
  destination.on('error', (error: Error) => {
    gone = true;
    process.stdout.emit('error', error);
  });
  destination.on('close', () => (gone = true));
  const flush = () => {
    if (!gone) destination.flushSync();
  };
  process.once('exit', flush);
  return {
    write: (text) => destination.write(text),
    flush() {
      flush();
      if (dropped > 0) process.stderr.write(`paycheck: ${dropped} log lines dropped: standard output was not read as fast as they came\n`);
      dropped = 0;
    },
  };
}
