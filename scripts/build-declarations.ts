/**
 * Part of `npm run build`: the hand-written declarations of src/package/ beside the emitted ones
 * in dist/ — tsc emits declarations for sources, never copies a .d.cts it was given.
 */
import { copyFileSync, readdirSync } from 'node:fs';

const from = new URL('../src/package/', import.meta.url);
const to = new URL('../dist/package/', import.meta.url);
for (const name of readdirSync(from).filter((file) => file.endsWith('.d.cts'))) {
  copyFileSync(new URL(name, from), new URL(name, to));
  console.log(`declarations: ${new URL(name, to).pathname}`);
}
