/**
 * `npm run test:unit`: every unit test (a `*.test.ts` beside the code, under src/ or scripts/) in
 * this one process, behind the guard that refuses child processes and ports. Folders run side by
 * side — most of the tier's time is tests waiting on timers, which overlap this way — while the
 * files of one folder, and each file's tests, run one after another, because files beside each
 * other may share process-wide doubles (the k6 globals). Arguments select files whose path
 * contains one of them; runner flags go before the script
 * (`node --import tsx --test-name-pattern=x scripts/unit-tests.ts`).
 */
import './unit-guard.ts';
import { describe } from 'node:test';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { testFiles } from './test-files.ts';

const files = testFiles('unit', process.argv.slice(2));
if (files.length === 0) {
  console.error('no unit test files matched');
  process.exit(1);
}
const byFolder = new Map<string, string[]>();
for (const file of files) byFolder.set(dirname(file), [...(byFolder.get(dirname(file)) ?? []), file]);
describe('unit tests', { concurrency: true }, () => {
  for (const [folder, inFolder] of byFolder) {
    describe(folder, { concurrency: 1 }, () => {
      for (const file of inFolder) {
        describe(file, { concurrency: 1 }, async () => {
          await import(pathToFileURL(resolve(file)).href);
        });
      }
    });
  }
});
