/**
 * PAY_LIVE_PAY_CODES are single use, and two workers must never take the same one: a code is
 * claimed by creating a marker file exclusively (atomic across processes), per run.
 */
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelOfPayCode, type Channel } from '../../../kernel/channel.ts';

export function createLivePayCodes(codes: readonly string[], runTag = process.env.PAYCHECK_RUN_TAG ?? 'run') {
  const dir = join(tmpdir(), `paycheck-live-codes-${runTag}`);
  return {
    claim(channel: Channel | undefined): string | undefined {
      if (codes.length === 0) return undefined;
      mkdirSync(dir, { recursive: true });
      for (const [index, code] of codes.entries()) {
        if (channel && channelOfPayCode(code) !== channel) continue;
        try {
          closeSync(openSync(join(dir, String(index)), 'wx'));
          return code;
        } catch {
          // taken by another test
        }
      }
      return undefined;
    },
  };
}
