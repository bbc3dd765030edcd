/** The engine's public surface. */
export { createEngine, PAY_PATH, DEFAULT_PENDING_MS, DEFAULT_SLOW_MS, type Engine, type EngineOptions } from './create-engine.ts';
export type { MockRequest, MockResponse, MockHandler, TransportFault, RequestLogInfo } from './types.ts';
export { SCENARIOS, SCENARIO_NAMES, DEFAULT_SCENARIO, scenarioByName, scenarioForAmount, type Scenario, type ScenarioName } from './scenarios.ts';
export { FAULT_KINDS, parseFaults, parseLatency, type FaultKind, type FaultSpec, type LatencySpec } from './faults.ts';
export { CONTROL_HEADERS } from './request-control.ts';
export { STEP_NAMES, FAULT_POINTS, type StepName, type FaultPoint } from './step-names.ts';
export { systemClock, manualClock, type Clock, type ManualClock } from './clock.ts';
export { ORDER_STATUS, TRANSITIONS, transition, settle, type OrderRecord, type OrderState } from './order-record.ts';
export { DEFAULT_STORE_CAP, type OrderStore } from './order-store.ts';
export { parseAppsFile, type AppConfig } from './apps.ts';
export { MockControlError } from './control-error.ts';
export { SelfCheckError } from './self-check.ts';
export { serializeOrders, restoreOrders } from './snapshot.ts';
export type { RateLimit } from './rate-limiter.ts';
