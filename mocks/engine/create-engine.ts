/**
 * The mock's engine: a plain request in, a plain response out, with its order store and clock.
 * No HTTP framework and no `node:*` import — the signer's digests and the spec document are
 * injected, so the same engine runs behind node:http, behind MSW, or in a test by itself.
 */
import { DIALECT_CODES, type ErrorDialect } from '../../src/codes.ts';
import { DEMO_APP } from '../../src/config/settings.ts';
import type { Fen } from '../../src/money/money.ts';
import type { SignEncoding } from '../../src/signing/encoding.ts';
import type { Signer } from '../../src/signing/signer.ts';
import { compileSchemas } from '../../src/spec/schemas.ts';
import { ADMIN_PREFIX, createAdmin, json } from './admin.ts';
import { appRegistry, type AppConfig } from './apps.ts';
import { systemClock, type Clock } from './clock.ts';
import { MockControlError } from './control-error.ts';
import { envelopeBody, JSON_TYPE } from './envelope.ts';
import { isTerminal, parseFaults, parseLatency, pickLatency, type FaultSpec, type LatencySpec, type TerminalFaultKind } from './faults.ts';
import { createOrderStore, DEFAULT_STORE_CAP, type OrderStore } from './order-store.ts';
import { newContext, type Answer, type PayContext } from './pay-context.ts';
import { runPipeline, type PipelineEnd, type PointHook } from './pipeline.ts';
import { createRateLimiter, type RateLimit } from './rate-limiter.ts';
import { readControl } from './request-control.ts';
import { DEFAULT_SCENARIO, SCENARIO_NAMES, scenarioByName, scenarioForAmount, type Scenario } from './scenarios.ts';
import { createSelfCheck } from './self-check.ts';
import type { FaultPoint } from './step-names.ts';
import { appStep } from './steps/app.ts';
import { channelStep } from './steps/channel.ts';
import { discountStep } from './steps/discount.ts';
import { formatStep } from './steps/format.ts';
import { orderStep } from './steps/order.ts';
import { presenceStep } from './steps/presence.ts';
import { resultStep } from './steps/result.ts';
import { signatureStep } from './steps/signature.ts';
import type { MockRequest, MockResponse } from './types.ts';

export const PAY_PATH = '/pay/qrcode';
/** How long a USER_PAYING order takes to settle: WeChat's guidance is to query for up to 30 s. */
export const DEFAULT_PENDING_MS = 15_000;
/** Slow scenarios answer after this: beyond k6's 60 s default timeout and WeChat's 30 s guidance. */
export const DEFAULT_SLOW_MS = 65_000;

export interface EngineOptions {
  /** The parsed openapi.yaml (src/spec/document.ts loadSpec() in Node). */
  spec: { components: { schemas: Record<string, unknown> } };
  /** createSigner(digests): nodeSigner in Node. */
  signer: Signer;
  /** Default: the demo application (src/config/settings.ts DEMO_APP). */
  apps?: readonly AppConfig[];
  signEncoding?: SignEncoding;
  dialect?: ErrorDialect;
  clock?: Clock;
  /** [0, 1): fault rates and random latency. */
  random?: () => number;
  storeCap?: number;
  pendingMs?: number;
  slowMs?: number;
  /** Scenario for requests without `X-Mock-Scenario` (else chosen by amount). */
  scenario?: string;
  /** Added latency for every pay request: a spec or `"300"` / `"100-500"`. */
  latency?: LatencySpec | string;
  /** Faults for every pay request: specs or the `X-Mock-Fault` grammar. */
  faults?: readonly FaultSpec[] | string;
  /** A token bucket per app_id; exhausted → 5002. Off when absent. */
  rateLimit?: RateLimit;
  /** Validate every answer against the spec and throw on a violation (on in all tests). */
  selfCheck?: boolean;
  /** Extra fields for `GET /__mock/health` (the node adapter adds memory). */
  healthInfo?: () => Record<string, unknown>;
}

export type Engine = ReturnType<typeof createEngine>;

const FAULT_STATUS: Partial<Record<TerminalFaultKind, number>> = { 'http-500': 500, 'http-502': 502, 'http-503': 503 };
const NO_FAULTS: readonly FaultSpec[] = [];
const NOT_JSON_BODY = '<html><body><h1>502 Bad Gateway</h1></body></html>';

export function createEngine(options: EngineOptions) {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const dialect = options.dialect ?? 'flowchart';
  const encoding = options.signEncoding ?? 'base64';
  const apps = appRegistry(options.apps ?? [DEMO_APP]);
  const store: OrderStore = createOrderStore(options.storeCap ?? DEFAULT_STORE_CAP);
  const latency = typeof options.latency === 'string' ? parseLatency(options.latency, 'latency') : options.latency;
  const globalFaults = typeof options.faults === 'string' ? parseFaults(options.faults, 'faults') : (options.faults ?? []);
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit, clock) : undefined;
  const globalScenario = resolveGlobalScenario(options.scenario);
  const schemas = compileSchemas(options.spec);
  const selfCheck = options.selfCheck ? createSelfCheck(schemas) : undefined;
  const codes = {
    missing: DIALECT_CODES.missing[dialect],
    format: DIALECT_CODES.format[dialect],
    appId: DIALECT_CODES.appId[dialect],
    signature: DIALECT_CODES.signature[dialect],
    duplicateOrder: DIALECT_CODES.duplicateOrder[dialect],
    alreadyPaid: DIALECT_CODES.alreadyPaid[dialect],
  };

  /** Answers by code since start or reset, for health (load runs read them). */
  let answers: Record<number, number> = {};
  const startedAt = clock.now();
  let tradeSeq = 0;
  const nextTradeNo = () => `LFT${startedAt}${String(++tradeSeq).padStart(8, '0')}`;

  const chooseScenario = (ctx: PayContext, totalFen: Fen): Scenario =>
    ctx.control.scenario ?? globalScenario ?? scenarioForAmount(totalFen) ?? DEFAULT_SCENARIO;

  const payRequestSchema = options.spec.components.schemas.PayRequest as { required?: string[] } | undefined;
  const steps = [
    presenceStep(schemas.validator('PayRequest'), payRequestSchema?.required ?? [], codes.missing),
    formatStep(codes.format, chooseScenario),
    appStep(apps, codes.appId),
    signatureStep(options.signer, encoding, codes.signature),
    orderStep(store, codes),
    discountStep(),
    channelStep({ store, nextTradeNo, pendingMs: options.pendingMs ?? DEFAULT_PENDING_MS, formatCode: codes.format }),
    resultStep(options.slowMs ?? DEFAULT_SLOW_MS),
  ];

  function reset(): number {
    limiter?.clear();
    answers = {};
    return store.clear();
  }

  const admin = createAdmin({
    store,
    clock,
    defaultAppId: apps.keys().next().value as string,
    reset,
    describe: () => ({ answers, dialect, signEncoding: encoding, apps: apps.size, scenario: globalScenario?.name ?? null, ...options.healthInfo?.() }),
  });

  /** The faults that fire for this request: each global and header fault rolls its rate once. */
  function firing(requestFaults: readonly FaultSpec[]): readonly FaultSpec[] {
    if (globalFaults.length === 0 && requestFaults.length === 0) return NO_FAULTS;
    const out: FaultSpec[] = [];
    for (const list of [globalFaults, requestFaults]) {
      for (const fault of list) if (fault.rate >= 1 || random() < fault.rate) out.push(fault);
    }
    return out;
  }

  function pointHook(active: readonly FaultSpec[]): PointHook | undefined {
    if (active.length === 0 && !limiter) return undefined;
    return (point: FaultPoint, ctx: PayContext): PipelineEnd | undefined => {
      if (point === 'app' && limiter && ctx.app && !limiter.take(ctx.app.appId)) {
        return { kind: 'answer', answer: { code: 5002, reason: `rate limit for ${ctx.app.appId} exceeded` } };
      }
      for (const fault of active) {
        if (fault.at !== point || !isTerminal(fault.kind)) continue;
        if (fault.kind === 'system-error') return { kind: 'answer', answer: { code: 5001, reason: 'injected system error' } };
        if (fault.kind === 'rate-limited') return { kind: 'answer', answer: { code: 5002, reason: 'injected rate limit' } };
        return { kind: 'fault', fault: fault.kind };
      }
      return undefined;
    };
  }

  function render(end: PipelineEnd, scenarioName: string): MockResponse {
    if (end.kind === 'answer') return answerResponse(end.answer, scenarioName);
    const status = FAULT_STATUS[end.fault];
    const headers = { 'content-type': 'text/html', 'x-mock-scenario': scenarioName };
    if (status !== undefined) return { status, headers, body: `<html><body><h1>${status}</h1></body></html>` };
    return { status: 200, headers, body: '', fault: { kind: end.fault === 'reset' ? 'reset' : 'hang' } };
  }

  function answerResponse(answer: Answer, scenarioName: string): MockResponse {
    const headers: Record<string, string> = { 'content-type': JSON_TYPE, 'x-mock-scenario': scenarioName };
    if (answer.reason !== undefined) headers['x-mock-reason'] = headerSafe(answer.reason);
    return { status: 200, headers, body: envelopeBody(answer), delayMs: answer.delayMs };
  }

  function handlePay(request: MockRequest): MockResponse {
    const control = readControl(request.headers);
    const active = firing(control.faults);
    const ctx = newContext(request, control, clock.now());
    const end = runPipeline(steps, ctx, pointHook(active));
    const scenarioName = (ctx.scenario ?? control.scenario)?.name ?? 'NONE';
    const response = render(end, scenarioName);
    if (end.kind === 'answer') answers[end.answer.code] = (answers[end.answer.code] ?? 0) + 1;
    let delayMs = response.delayMs ?? 0;
    const spec = control.latency ?? latency;
    if (spec) delayMs += pickLatency(spec, random);
    response.delayMs = delayMs > 0 ? delayMs : undefined;
    if (active.length > 0) {
      response.headers['x-mock-fault'] = active.map((f) => f.kind).join(',');
      if (active.some((f) => f.kind === 'non-json')) response.body = NOT_JSON_BODY;
      if (active.some((f) => f.kind === 'truncate') && !response.fault) response.fault = { kind: 'truncate' };
    }
    if (selfCheck && end.kind === 'answer' && active.length === 0) selfCheck(response);
    const params = ctx.params;
    response.log = {
      code: end.kind === 'answer' ? end.answer.code : undefined,
      scenario: scenarioName,
      orderId: params?.order_id,
      payCode: params?.pay_code,
      faults: active.length > 0 ? response.headers['x-mock-fault'] : undefined,
    };
    return response;
  }

  function handle(request: MockRequest): MockResponse {
    try {
      if (request.path === PAY_PATH) {
        if (request.method !== 'POST') return json(405, { error: `${PAY_PATH} takes POST` }, { allow: 'POST' });
        return handlePay(request);
      }
      if (request.path.startsWith(ADMIN_PREFIX)) return admin(request);
      return json(404, { error: `no route ${request.method} ${request.path}` });
    } catch (error) {
      if (error instanceof MockControlError) return json(400, { error: error.message, code: error.code });
      throw error;
    }
  }

  /** An envelope for a request the adapter refused before the engine saw it (e.g. a body over the limit). */
  function reject(fault: 'missing' | 'format', reason: string): MockResponse {
    return answerResponse({ code: codes[fault], reason }, 'NONE');
  }

  return {
    handle,
    reject,
    store,
    clock,
    dialect,
    reset,
  };
}

function resolveGlobalScenario(name: string | undefined): Scenario | undefined {
  if (name === undefined || name === '') return undefined;
  const scenario = scenarioByName(name);
  if (!scenario) throw new MockControlError(`scenario: unknown "${name}"; known: ${SCENARIO_NAMES.join(', ')}`);
  return scenario;
}

/** Header values must be Latin-1 without control characters. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
