/**
 * Before any worker starts: the seed and the targets on the console, the test records emptied,
 * and every live target preflighted — one that cannot be used (closed port, another API, an app
 * it does not know, a secret it refuses) stops the run here, in seconds, with the cause named,
 * instead of failing every test the same way for minutes.
 */
import type { FullConfig } from '@playwright/test';
import { preflight, renderPreflight } from '../../../checks/preflight/preflight.ts';
import { announceRun } from './contract-summary.ts';
import { recordsDir } from './run-records.ts';
import { targetFrom, type TargetKind } from './target.ts';

export default async function globalSetup(config: FullConfig): Promise<void> {
  announceRun(config, recordsDir());
  for (const project of config.projects) {
    const use = project.use as { targetKind?: TargetKind; targetUrl?: string };
    // `paycheck contracts --base-url` has asked this target already (PAYCHECK_PREFLIGHTED).
    if (use.targetKind !== 'live' || use.targetUrl === undefined || use.targetUrl === process.env.PAYCHECK_PREFLIGHTED) continue;
    const target = targetFrom('live', use.targetUrl, process.env);
    // Only lookups of a made-up order and spoiled signs: nothing here can move money, on any host.
    const report = await preflight({ baseUrl: target.baseUrl, app: target.app, encoding: target.encoding, allowRemote: true });
    if (!report.usable) {
      console.log(renderPreflight(report).join('\n'));
      throw new Error(`[${project.name}] the target cannot be used: ${report.message}`);
    }
  }
}
