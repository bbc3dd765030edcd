/**
 * Runs a real k6 script under Node for the tests: `k6/*` imports go to the test doubles
 * (k6-module-hooks.ts), k6's globals `__ENV` and `open()` are provided, and the default function
 * is called once per iteration with k6's iteration number.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { k6State } from './doubles/k6-state.ts';

register('./k6-module-hooks.ts', import.meta.url);

export interface K6Script {
  options: { scenarios: Record<string, { executor: string; gracefulStop?: string }>; thresholds: Record<string, unknown[]>; maxRedirects?: number };
  setup(): void;
  default(): void;
  handleSummary(data: unknown): Record<string, string>;
}

const globals = globalThis as unknown as { __ENV: Record<string, string>; open: (path: string) => string };

/** A fresh import of the script with these k6 `-e` settings (each import reads them at load); `tag` tells imports apart. */
export async function loadK6Script(script: URL, env: Record<string, string>, tag: string): Promise<K6Script> {
  globals.__ENV = env;
  globals.open = (path) => readFileSync(new URL(path, script), 'utf8');
  return (await import(`${script.href}?${tag}`)) as K6Script;
}

export function runIterations(script: K6Script, n: number): void {
  script.setup();
  for (let i = 0; i < n; i++) {
    k6State.iterationInTest = i;
    script.default();
  }
}
