#!/usr/bin/env node
// In a checkout the CLI runs from its TypeScript through tsx, so no build step sits between an
// edit and `npx paycheck`; the installed package has no src/ and runs the JavaScript in dist/.
import { existsSync } from 'node:fs';

const inCheckout = existsSync(new URL('../src/cli/main.ts', import.meta.url));
const module = (path) => new URL(inCheckout ? `../src/${path}.ts` : `../dist/${path}.js`, import.meta.url).href;
if (inCheckout) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { endQuietlyWhenReaderLeaves } = await import(module('adapters/node/reader-gone'));
endQuietlyWhenReaderLeaves();
const { main, processIo } = await import(module('cli/main'));
process.exitCode = await main(process.argv.slice(2), processIo);
