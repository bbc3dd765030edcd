#!/usr/bin/env node
// In a checkout the CLI runs from its TypeScript through tsx, so no build step sits between an
// edit and `npx paycheck`; the installed package has no src/ and runs the JavaScript in dist/.
import { existsSync } from 'node:fs';

// A reader that stops early (`paycheck gen … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

const source = new URL('../src/cli/main.ts', import.meta.url);
let entry = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = source;
}
const { main, processIo } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), processIo);
