/** The engine's public surface. */
export { createEngine } from './create-engine.ts';
export type { Engine } from './engine.ts';
export type { EngineOptions } from './engine-options.ts';
export { ADMIN_PREFIX } from './routes.ts';
export type { MockRequest, MockResponse, MockHandler, TransportFault } from './types.ts';
export { transportOutcome } from './transport-fault.ts';
export { SCENARIOS, SCENARIO_NAMES, scenarioByName, scenarioForAmount, type Scenario } from './scenarios.ts';
export { FAULT_KINDS, parseFaults, parseLatency } from './faults.ts';
export { CONTROL_HEADERS } from './request-control.ts';
export { FAULT_POINTS } from './step-names.ts';
export { manualClock, type ManualClock } from './clock.ts';
export { parseAppsFile } from './apps.ts';
export { MockControlError } from './control-error.ts';
export type { RateLimit } from './rate-limiter.ts';
export type { OutboxDrain, CallbackDelivery, DeliveryLogEntry } from './callback/outbox.ts';
export { CALLBACK_VARIANT_NAMES, parseCallbackVariants } from './callback/variants.ts';
export type { StatusCallback } from './callback/status-callback.ts';
export { LIFECYCLE_PATHS } from './order-calls/order-calls.ts';
