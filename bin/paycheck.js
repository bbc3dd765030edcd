#!/usr/bin/env node
// The CLI is TypeScript; tsx loads it so that no build step sits between a checkout and `npx paycheck`.
import { register } from 'tsx/esm/api';

// A reader that stops early (`paycheck gen … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

register();
const { main, processIo } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), processIo);
