/** `import … from 'paycheck/mock'`: the mock over loopback HTTP, started and closed by your tests. */
export { startMockServer, type MockServer, type MockServerOptions } from '../adapters/http/server.ts';
export { DEMO_APP } from '../kernel/settings.ts';
