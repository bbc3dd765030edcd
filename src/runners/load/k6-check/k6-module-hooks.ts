/**
 * A module-resolution hook (node:module register()) that sends `k6` and `k6/*` imports to the
 * test doubles in ./doubles, so the real k6 script runs under Node. An unknown k6 module fails
 * loudly rather than resolving to nothing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Resolve = (specifier: string, context: unknown) => Promise<{ url: string }>;

export async function resolve(specifier: string, context: unknown, nextResolve: Resolve): Promise<{ url: string }> {
  if (specifier !== 'k6' && !specifier.startsWith('k6/')) return nextResolve(specifier, context);
  const url = new URL(`./doubles/${specifier === 'k6' ? 'k6' : specifier.slice(3).replaceAll('/', '-')}.ts`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new Error(`no test double for ${specifier}`);
  // Resolved on through the chain, so that tsx's loader still compiles the double.
  return nextResolve(url.href, context);
}
