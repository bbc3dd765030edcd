/** After the last test: the contract summary, from the records the workers wrote. */
import type { FullConfig } from '@playwright/test';
import { reportSummary } from './contract-summary.ts';
import { recordsDir } from './run-records.ts';

export default function globalTeardown(config: FullConfig): void {
  reportSummary(config, recordsDir());
}
