/**
 * The lifecycle calls, each its own small pipeline reusing the pay call's first four steps —
 * presence (the call's request schema), format, app, signature, in the configured dialect — and
 * then its own `result` step that looks the order up and answers or moves it.
 */
import type { Code } from '../../kernel/codes.ts';
import { parseAmount } from '../../kernel/money/money.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import type { SchemaName } from '../../kernel/spec/schemas.ts';
import type { RequestSetup } from '../pay-steps.ts';
import type { Step } from '../pay-context.ts';
import { presenceRule } from '../presence-rule.ts';
import { appStep } from '../steps/app.ts';
import { formatStep } from '../steps/format.ts';
import { presenceStep } from '../steps/presence.ts';
import { signatureStep } from '../steps/signature.ts';
import { cancelStep } from './cancel-step.ts';
import { checkStep } from './check-step.ts';
import { getStep } from './get-step.ts';
import type { LifecycleContext, LifecycleDeps } from './call-context.ts';
import { refundStep } from './refund-step.ts';

/** path → its request schema, its response schema (self-check) and its own last step. */
const LIFECYCLE_CALLS = {
  [API_PATHS.get]: { request: 'OrderLookupRequest', response: 'GetResponse', step: getStep },
  [API_PATHS.check]: { request: 'CheckRequest', response: 'CheckResponse', step: checkStep },
  [API_PATHS.cancel]: { request: 'OrderLookupRequest', response: 'StatusResponse', step: cancelStep },
  [API_PATHS.refund]: { request: 'RefundRequest', response: 'RefundResponse', step: refundStep },
} as const satisfies Record<string, { request: SchemaName; response: SchemaName; step: (deps: LifecycleDeps) => Step<LifecycleContext> }>;

export type LifecyclePath = keyof typeof LIFECYCLE_CALLS;
export const LIFECYCLE_PATHS = Object.keys(LIFECYCLE_CALLS) as LifecyclePath[];

export interface LifecycleCall {
  /** The route, one string for every call of it (the journal keeps it). */
  path: LifecyclePath;
  steps: readonly Step<LifecycleContext>[];
  response: SchemaName;
}

export interface LifecycleSetup extends RequestSetup {
  deps: LifecycleDeps;
}

/** A refund's amount: what the schema let through must also be whole fen (`0` = all that is left). */
function refundAmount(formatCode: Code) {
  return (ctx: LifecycleContext) => {
    const value = ctx.params!.refund_amount;
    if (value === undefined) return undefined;
    const amount = parseAmount(value, { allowZero: true });
    if (!amount.ok) return { code: formatCode, reason: `refund_amount: ${amount.reason}` };
    ctx.refundFen = amount.fen;
    return undefined;
  };
}

/** A lifecycle call's first four steps, which judge the request by itself (the proxy runs them alone: request-gate.ts). */
export function lifecycleRequestSteps(setup: RequestSetup, path: LifecyclePath): Step<LifecycleContext>[] {
  const { codes } = setup;
  const schema = LIFECYCLE_CALLS[path].request;
  return [
    presenceStep<LifecycleContext, LifecycleContext['params'] & object>(setup.schemas.validator(schema), presenceRule(setup.spec, schema), codes.missing),
    formatStep<LifecycleContext>(codes.format, refundAmount(codes.format)),
    appStep<LifecycleContext>(setup.apps, codes.appId),
    signatureStep<LifecycleContext>(setup.signer, setup.encoding, codes.signature),
  ];
}

export function lifecycleCalls(setup: LifecycleSetup): LifecycleCall[] {
  return LIFECYCLE_PATHS.map((path) => {
    const call = LIFECYCLE_CALLS[path];
    return { path, response: call.response, steps: [...lifecycleRequestSteps(setup, path), call.step(setup.deps)] };
  });
}
