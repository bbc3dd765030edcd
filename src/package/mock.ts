/**
 * `import … from 'paycheck/mock'`: the mock over loopback HTTP, started and closed by your tests —
 * with the console and the request log `paycheck mock` gives it, which `startMockServer` leaves
 * out unless handed them (`pages`, `log`): a mock started from code is quiet and serves no page.
 */
export { startMockServer, type MockServer, type MockServerOptions } from '../adapters/http/server.ts';
export type { RequestLog, RequestLogEntry } from '../adapters/http/request-log.ts';
export { CONSOLE_PATHS, serveConsole } from '../checks/console/mock-console.ts';
export { createMockLog, LOG_FORMATS, LOG_MODES, type LogFormat, type LogMode, type LogSink, type MockLog, type MockLogOptions } from '../checks/report/mock-log.ts';
export { DEMO_APP } from '../kernel/settings.ts';
