/**
 * `import … from 'paycheck/msw'`: the mock in-process, for a plain `node --test` or Playwright
 * project — MSW handlers over an engine that reads this package's openapi.yaml.
 */
export { createMswHandlers, type MswHandlerOptions } from '../adapters/msw/handlers.ts';
export { createNodeEngine, type NodeEngineOptions } from '../adapters/http/build-engine.ts';
export { DEMO_APP, PRODUCTION_BASE_URL } from '../kernel/settings.ts';
