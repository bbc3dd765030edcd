/**
 * The mock's first four steps — presence → format → app → signature — run on a request alone,
 * with nothing recorded: which step a request fails, so the code the server should answer, in the
 * flowchart's precedence. The proxy judges a cashier's requests with it (src/runners/proxy/); the
 * steps are the engine's own (pay-steps.ts, order-calls.ts), never restated.
 */
import { DIALECT_CODES, type FaultClass } from '../kernel/codes.ts';
import type { SignEncoding } from '../kernel/signing/encoding.ts';
import type { SignDiagnosis } from '../kernel/signing/mistakes.ts';
import type { Signer } from '../kernel/signing/signer.ts';
import { API_PATHS } from '../kernel/spec/api-paths.ts';
import { compileSchemas } from '../kernel/spec/schemas.ts';
import { appRegistry, type AppConfig } from './apps.ts';
import { newLifecycleContext } from './order-calls/call-context.ts';
import { LIFECYCLE_PATHS, lifecycleRequestSteps, type LifecyclePath } from './order-calls/order-calls.ts';
import { newContext, type CallContext, type Step } from './pay-context.ts';
import { payRequestSteps, type RequestSetup } from './pay-steps.ts';
import { readControl, type RequestControl } from './request-control.ts';
import type { MockRequest } from './types.ts';

type RequestStep = 'presence' | 'format' | 'app' | 'signature';

/** The fault class of each step: what the server answers, in either dialect (DIALECT_CODES). */
const FAULT_OF_STEP: Readonly<Record<RequestStep, FaultClass>> = { presence: 'missing', format: 'format', app: 'appId', signature: 'signature' };

export interface RequestVerdict {
  /** The parsed body, once it is a JSON object (also when a later step refused it). */
  params?: Readonly<Record<string, unknown>>;
  /**
   * The first step the request fails, and why; absent when it passes all four. A refused sign
   * carries the signing mistake that made it, as the mock's journal does — for the first
   * SIGN_DIAGNOSES_PER_SECOND refusals of a second (steps/signature.ts).
   */
  refused?: { step: RequestStep; fault: FaultClass; code: number; reason: string; signDiagnosis?: SignDiagnosis };
}

export interface RequestGateOptions {
  spec: { components: { schemas: Record<string, unknown> } };
  apps: readonly AppConfig[];
  signer: Signer;
  encoding: SignEncoding;
  /** Milliseconds; the signature step's diagnoses are budgeted per second of it. */
  now: () => number;
}

const NO_CONTROL = readControl({});

/** `judge(request)`: the verdict on an API call, or undefined for a path that is no API call. */
export function createRequestGate(options: RequestGateOptions) {
  const codes = { missing: DIALECT_CODES.missing.flowchart, format: DIALECT_CODES.format.flowchart, appId: DIALECT_CODES.appId.flowchart, signature: DIALECT_CODES.signature.flowchart };
  const setup: RequestSetup = { spec: options.spec, schemas: compileSchemas(options.spec), apps: appRegistry(options.apps), signer: options.signer, encoding: options.encoding, codes };
  const calls = new Map<string, { steps: readonly Step<CallContext>[]; context: (request: MockRequest, control: RequestControl, now: number) => CallContext }>();
  calls.set(API_PATHS.pay, { steps: payRequestSteps({ ...setup, scenario: undefined }) as Step<CallContext>[], context: newContext });
  for (const path of LIFECYCLE_PATHS) {
    calls.set(path, { steps: lifecycleRequestSteps(setup, path as LifecyclePath) as unknown as Step<CallContext>[], context: newLifecycleContext });
  }

  return function judge(request: MockRequest): RequestVerdict | undefined {
    const call = calls.get(request.path);
    if (!call) return undefined;
    // The mock's controls choose outcomes, not whether the request is valid: an unreadable one is the mock's business.
    let control = NO_CONTROL;
    try {
      control = readControl(request.headers);
    } catch {
      // keep NO_CONTROL
    }
    const ctx = call.context(request, control, options.now());
    for (const step of call.steps) {
      const answer = step.run(ctx);
      if (answer) {
        const name = step.name as RequestStep;
        const refused: NonNullable<RequestVerdict['refused']> = { step: name, fault: FAULT_OF_STEP[name], code: answer.code, reason: answer.reason ?? name };
        if (answer.signDiagnosis !== undefined) refused.signDiagnosis = answer.signDiagnosis;
        return { ...paramsOf(ctx), refused };
      }
    }
    return paramsOf(ctx);
  };
}

function paramsOf(ctx: CallContext): Pick<RequestVerdict, 'params'> {
  const body = ctx.body;
  if (ctx.params !== undefined) return { params: ctx.params as unknown as Record<string, unknown> };
  if (body?.kind === 'json' && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)) return { params: body.value as Record<string, unknown> };
  return {};
}

