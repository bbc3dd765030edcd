/**
 * The test files of each tier, found by walking the tree (Node 20 neither globs nor looks for
 * .ts test files by itself). One rule: a `*.test.ts` beside the code (under src/ or scripts/) is a
 * unit test; every `*.test.ts` under test/ is an integration test.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const TIER_ROOTS = { unit: ['src', 'scripts'], integration: ['test'] } as const;

export type Tier = keyof typeof TIER_ROOTS;

function find(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') find(path, out);
    } else if (entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** The tier's test files, sorted; with filters, only those whose path contains one of them. */
export function testFiles(tier: Tier, filters: readonly string[] = []): string[] {
  return TIER_ROOTS[tier]
    .flatMap((root) => find(root, []))
    .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
    .sort();
}
