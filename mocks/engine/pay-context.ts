/** What one pay request carries through the pipeline, and what a step answers when it ends it. */
import type { Code } from '../../src/codes.ts';
import type { Fen } from '../../src/money/money.ts';
import type { components } from '../../src/spec/openapi.ts';
import type { AppConfig } from './apps.ts';
import type { OrderRecord } from './order-record.ts';
import type { RequestControl } from './request-control.ts';
import type { BodyRead } from './request-body.ts';
import type { Scenario } from './scenarios.ts';
import type { StepName } from './step-names.ts';
import type { MockRequest } from './types.ts';

export type PayRequest = components['schemas']['PayRequest'];
export type PayResultData = components['schemas']['PayResultData'];
export type Voucher = components['schemas']['Voucher'];

export interface PayContext {
  readonly request: MockRequest;
  readonly control: RequestControl;
  readonly now: number;
  body: BodyRead | undefined;
  /** Set once the body passed the schema (format step). */
  params: PayRequest | undefined;
  /** Errors of the schema run; null when the body matched. */
  schemaErrors: readonly { instancePath: string; message?: string }[] | null;
  totalFen: Fen;
  scenario: Scenario | undefined;
  app: AppConfig | undefined;
  orderKey: string;
  payableFen: Fen;
  record: OrderRecord | undefined;
}

/** How the request ends: an envelope code, with `data` for 1000/1001/1002. */
export interface Answer {
  code: Code;
  data?: PayResultData;
  /** Why (errors only); sent in the `X-Mock-Reason` header. */
  reason?: string;
  /** Extra wait before answering (slow scenarios). */
  delayMs?: number;
}

export interface Step {
  name: StepName;
  /** An answer ends the pipeline; `undefined` passes to the next step. */
  run(ctx: PayContext): Answer | undefined;
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
    orderKey: '',
    payableFen: 0,
    record: undefined,
  };
}
