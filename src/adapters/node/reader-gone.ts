/**
 * A reader that stops early (`paycheck gen … | head`) is not an error: on EPIPE the process ends
 * with the exit code it has so far. Installed by `bin/paycheck.js` and by the contract suite's
 * Playwright config, whose process writes to the same pipe.
 */
export function endQuietlyWhenReaderLeaves(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}
