/**
 * What one API request carries through its pipeline, and what a step answers when it ends it.
 * `CallContext` is what every call shares (pay and lifecycle); `PayContext` adds the pay call's
 * amounts and scenario.
 */
import type { Code } from '../kernel/codes.ts';
import type { Fen } from '../kernel/money/money.ts';
import type { SignDiagnosis } from '../kernel/signing/mistakes.ts';
import type { components } from '../kernel/spec/openapi.ts';
import type { AppConfig } from './apps.ts';
import type { OrderRecord } from './order-record.ts';
import type { RequestControl } from './request-control.ts';
import type { BodyRead } from './request-body.ts';
import type { Scenario } from './scenarios.ts';
import type { StepName } from './step-names.ts';
import type { MockRequest } from './types.ts';

type PayRequest = components['schemas']['PayRequest'];
export type PayResultData = components['schemas']['PayResultData'];
export type Voucher = components['schemas']['Voucher'];

/** The signing fields every call carries (the spec's SignedEnvelope). */
export interface SignedParams {
  app_id: string;
  sign: string;
  sign_type: 'MD5' | 'RSA';
}

export interface CallContext<P extends SignedParams = SignedParams> {
  readonly request: MockRequest;
  readonly control: RequestControl;
  readonly now: number;
  body: BodyRead | undefined;
  /** Set once the body passed the schema (format step). */
  params: P | undefined;
  /** Errors of the schema run; null when the body matched. */
  schemaErrors: readonly { instancePath: string; message?: string }[] | null;
  app: AppConfig | undefined;
  /** The order the call created or named, once known (the journal reports its status). */
  record: OrderRecord | undefined;
}

export interface PayContext extends CallContext<PayRequest> {
  totalFen: Fen;
  scenario: Scenario | undefined;
  payableFen: Fen;
}

/** How the request ends: an envelope code, with `data` for the codes that carry it. */
export interface Answer {
  code: Code;
  data?: object;
  /** `msg` when it should not be the code's registry wording (lifecycle successes, D-31). */
  msg?: string;
  /** Why (errors only); sent in the `X-Mock-Reason` header. */
  reason?: string;
  /** Extra wait before answering (slow scenarios). */
  delayMs?: number;
  /** A refused sign: which common signing mistake made it (the journal records it). */
  signDiagnosis?: SignDiagnosis;
}

export interface Step<C extends CallContext<SignedParams> = PayContext> {
  name: StepName;
  /** An answer ends the pipeline; `undefined` passes to the next step. */
  run(ctx: C): Answer | undefined;
}

export function newContext(request: MockRequest, control: RequestControl, now: number): PayContext {
  return {
    request,
    control,
    now,
    body: undefined,
    params: undefined,
    schemaErrors: null,
    totalFen: 0,
    scenario: undefined,
    app: undefined,
    payableFen: 0,
    record: undefined,
  };
}
