/**
 * The layers of the tree, bottom up: each may import only the layers before it in this list.
 * The import-direction test enforces it and docs/architecture.md describes it from this list,
 * so a new layer is added here and nowhere else.
 */
export interface Layer {
  name: string;
  /** Folders (ending in `/`) or single files that belong to the layer, relative to the repository root. */
  paths: readonly string[];
  /** Runs without Node: no `node:*` import, and npm packages only from {@link NODE_FREE_PACKAGES}. */
  nodeFree: boolean;
  role: string;
}

export const LAYERS: readonly Layer[] = [
  { name: 'kernel', paths: ['src/kernel/'], nodeFree: true, role: 'the spec, result codes, signing, money, data factories, redaction, settings, the lifecycle' },
  { name: 'engine', paths: ['src/engine/'], nodeFree: true, role: 'the mock engine: a request value in, a response value out' },
  { name: 'adapters', paths: ['src/adapters/'], nodeFree: false, role: 'Node digests and file loading, the node:http server, MSW handlers, the outbound pay client' },
  { name: 'checks', paths: ['src/checks/'], nodeFree: false, role: 'contract rules and validation, the cashier audit, load thresholds, reports' },
  { name: 'runners', paths: ['src/runners/'], nodeFree: false, role: 'the Playwright contract suite, the load runner and k6 scripts, the reference checkout, benches' },
  { name: 'package', paths: ['src/package/'], nodeFree: false, role: "the installed package's entry points (paycheck, paycheck/msw, paycheck/mock): re-exports of the layers below; the CLI is not among them" },
  { name: 'cli', paths: ['src/cli/'], nodeFree: false, role: 'the one command line, the only place that wires the runners together' },
  { name: 'tooling', paths: ['bin/', 'scripts/', 'playwright.config.ts'], nodeFree: false, role: 'the executable, the test and CI scripts, the Playwright config' },
];

/** The npm packages the Node-free layers may import (each runs in a browser and in k6 as well as in Node). */
export const NODE_FREE_PACKAGES: readonly string[] = ['ajv', 'ajv-formats', '@faker-js/faker'];

/** Tests may import every layer; they still take part in the cycle check. */
export function isTestFile(path: string): boolean {
  return path.startsWith('test/') || path.endsWith('.test.ts');
}
