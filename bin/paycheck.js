#!/usr/bin/env node
// The CLI is TypeScript; tsx loads it so that no build step sits between a checkout and `npx paycheck`.
import { register } from 'tsx/esm/api';

register();
const { main, processIo } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), processIo);
