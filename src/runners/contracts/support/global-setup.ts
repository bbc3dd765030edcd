/** Before any worker starts: the seed and the targets on the console, the test records emptied. */
import type { FullConfig } from '@playwright/test';
import { announceRun } from './contract-summary.ts';
import { recordsDir } from './run-records.ts';

export default function globalSetup(config: FullConfig): void {
  announceRun(config, recordsDir());
}
