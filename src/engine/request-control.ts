/**
 * The mock-control headers of one request: `X-Mock-Scenario`, `X-Mock-Fault`, `X-Mock-Latency`,
 * `X-Mock-Callback`. A value the mock cannot read is a MockControlError (HTTP 400), never a
 * silent default.
 */
import { parseCallbackVariants, type CallbackVariantSpec } from './callback/variants.ts';
import { MockControlError } from './control-error.ts';
import { parseFaults, parseLatency, type FaultSpec, type LatencySpec } from './faults.ts';
import { SCENARIO_NAMES, scenarioByName, type Scenario } from './scenarios.ts';
import type { MockRequest } from './types.ts';

export const CONTROL_HEADERS = {
  scenario: 'x-mock-scenario',
  fault: 'x-mock-fault',
  latency: 'x-mock-latency',
  callback: 'x-mock-callback',
} as const;

export interface RequestControl {
  scenario: Scenario | undefined;
  faults: readonly FaultSpec[];
  latency: LatencySpec | undefined;
  /** Hostile variants for the status callbacks this request causes. */
  callback: readonly CallbackVariantSpec[] | undefined;
}

const NO_CONTROL: RequestControl = { scenario: undefined, faults: [], latency: undefined, callback: undefined };

export function headerOf(headers: MockRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function readControl(headers: MockRequest['headers']): RequestControl {
  const scenarioText = headerOf(headers, CONTROL_HEADERS.scenario);
  const faultText = headerOf(headers, CONTROL_HEADERS.fault);
  const latencyText = headerOf(headers, CONTROL_HEADERS.latency);
  const callbackText = headerOf(headers, CONTROL_HEADERS.callback);
  if (scenarioText === undefined && faultText === undefined && latencyText === undefined && callbackText === undefined) return NO_CONTROL;
  let scenario: Scenario | undefined;
  if (scenarioText !== undefined && scenarioText.trim() !== '') {
    scenario = scenarioByName(scenarioText.trim());
    if (!scenario) throw new MockControlError(`X-Mock-Scenario: unknown scenario "${scenarioText}"; known: ${SCENARIO_NAMES.join(', ')}`);
  }
  return {
    scenario,
    faults: parseFaults(faultText, 'X-Mock-Fault'),
    latency: parseLatency(latencyText, 'X-Mock-Latency'),
    callback: callbackText === undefined ? undefined : parseCallbackVariants(callbackText, 'X-Mock-Callback'),
  };
}
