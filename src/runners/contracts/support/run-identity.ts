/**
 * Seed and run tag, fixed once in the Playwright main process (playwright.config.ts) and
 * inherited by every worker through the environment. Each test draws its data from a seed of its
 * own (run seed + project + title), so one test replays the same data whatever ran before it.
 */
import { seedFrom } from '../../../kernel/factories/random-source.ts';

export function fixRunIdentity(env: NodeJS.ProcessEnv): { seed: number; tag: string } {
  env.PAY_SEED = String(seedFrom(env));
  // Order ids carry the run's tag, so a rerun with the same seed never repeats an order id.
  env.PAYCHECK_RUN_TAG ??= Date.now().toString(36);
  return { seed: Number(env.PAY_SEED), tag: env.PAYCHECK_RUN_TAG };
}

/** FNV-1a over the run seed and the test's identity: a 31-bit seed for that test alone. */
export function testSeed(runSeed: number, ...parts: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (const ch of [String(runSeed), ...parts].join('\u0000')) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash & 0x7fffffff;
}
