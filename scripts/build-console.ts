/**
 * Part of `npm run build`: the mock console's script, bundled for the browser, beside the built
 * console module in dist/ — the installed package has no esbuild to bundle it on request.
 */
import { writeFileSync } from 'node:fs';
import { bundleConsoleScript, CONSOLE_SCRIPT_FILE } from '../src/checks/console/mock-console.ts';

const target = new URL(`../dist/checks/console/${CONSOLE_SCRIPT_FILE}`, import.meta.url);
writeFileSync(target, await bundleConsoleScript());
console.log(`mock console script: ${target.pathname}`);
