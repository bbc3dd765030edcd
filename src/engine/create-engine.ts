/**
 * The mock's engine: a plain request in, a plain response out, with its order store and clock.
 * No HTTP framework and no `node:*` import — the signer's digests and the spec document are
 * injected, so the same engine runs behind node:http, behind MSW, or in a test by itself.
 */
import { DIALECT_CODES, type ErrorDialect } from '../kernel/codes.ts';
import { DEMO_APP } from '../kernel/settings.ts';
import { parseAmount, type Fen } from '../kernel/money/money.ts';
import type { SignEncoding } from '../kernel/signing/encoding.ts';
import type { Signer } from '../kernel/signing/signer.ts';
import { compileSchemas } from '../kernel/spec/schemas.ts';
import type { SchemaName } from '../kernel/spec/schemas.ts';
import { ADMIN_PREFIX, createAdmin, json } from './admin.ts';
import { appRegistry, type AppConfig } from './apps.ts';
import { createOutbox } from './callback/outbox.ts';
import { parseCallbackVariants, type CallbackVariantSpec } from './callback/variants.ts';
import { systemClock, type Clock } from './clock.ts';
import { MockControlError } from './control-error.ts';
import { envelopeBody, JSON_TYPE } from './envelope.ts';
import { isTerminal, parseFaults, parseLatency, pickLatency, type FaultSpec, type LatencySpec, type TerminalFaultKind } from './faults.ts';
import { createJournal } from './journal.ts';
import { newLifecycleContext, type LifecycleContext } from './order-calls/call-context.ts';
import { lifecycleCalls, type LifecycleCall } from './order-calls/order-calls.ts';
import { ORDER_STATUS, settle, type OrderRecord } from './order-record.ts';
import { createOrderStore, DEFAULT_STORE_CAP, type OrderStore } from './order-store.ts';
import { newContext, type Answer, type CallContext, type PayContext } from './pay-context.ts';
import { presenceRule } from './presence-rule.ts';
import { runPipeline, type PipelineEnd, type PointHook } from './pipeline.ts';
import { createRateLimiter, type RateLimit } from './rate-limiter.ts';
import { readControl } from './request-control.ts';
import { DEFAULT_SCENARIO, SCENARIO_NAMES, scenarioByName, scenarioForAmount, type Scenario } from './scenarios.ts';
import { createCallbackCheck, createSelfCheck } from './self-check.ts';
import type { FaultPoint } from './step-names.ts';
import { appStep } from './steps/app.ts';
import { channelStep } from './steps/channel.ts';
import { discountStep } from './steps/discount.ts';
import { formatStep } from './steps/format.ts';
import { orderStep } from './steps/order.ts';
import { presenceStep } from './steps/presence.ts';
import { resultStep } from './steps/result.ts';
import { signatureStep } from './steps/signature.ts';
import type { BodyRead } from './request-body.ts';
import type { MockRequest, MockResponse } from './types.ts';

export const PAY_PATH = '/pay/qrcode';
/** How long a USER_PAYING order takes to settle: WeChat's guidance is to query for up to 30 s. */
export const DEFAULT_PENDING_MS = 15_000;
/** Slow scenarios answer after this: beyond k6's 60 s default timeout and WeChat's 30 s guidance. */
export const DEFAULT_SLOW_MS = 65_000;

export interface EngineOptions {
  /** The parsed openapi.yaml (src/adapters/node/spec-file.ts loadSpec() in Node). */
  spec: { components: { schemas: Record<string, unknown> } };
  /** createSigner(digests): nodeSigner in Node. */
  signer: Signer;
  /** Default: the demo application (src/kernel/settings.ts DEMO_APP). */
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
  /**
   * Status callbacks: when set, every status change queues a signed callback in `engine.outbox`
   * for an adapter to deliver; `variants` are hostile variants for every callback. Off when absent.
   */
  callbacks?: { variants?: readonly CallbackVariantSpec[] | string };
  /** Most calls the request journal keeps (default 10 000). */
  journalCap?: number;
}

export type Engine = ReturnType<typeof createEngine>;

const FAULT_STATUS: Partial<Record<TerminalFaultKind, number>> = { 'http-500': 500, 'http-502': 502, 'http-503': 503 };
const NO_FAULTS: readonly FaultSpec[] = [];
const NO_VARIANTS: readonly CallbackVariantSpec[] = [];
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
  const journal = createJournal(options.journalCap);
  const outbox = options.callbacks ? createCallbackOutbox(options.callbacks.variants) : undefined;
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
  // The prefix once: every order keeps its trade_no, and a per-call template would keep its parts too.
  const tradePrefix = `LFT${startedAt}`;
  const nextTradeNo = () => tradePrefix + String(++tradeSeq).padStart(8, '0');

  const chooseScenario = (ctx: PayContext, totalFen: Fen): Scenario =>
    ctx.control.scenario ?? globalScenario ?? scenarioForAmount(totalFen) ?? DEFAULT_SCENARIO;

  function createCallbackOutbox(variants: readonly CallbackVariantSpec[] | string | undefined) {
    return createOutbox({
      signer: options.signer,
      encoding,
      secretOf: (appId) => apps.get(appId)!.secret,
      variants: typeof variants === 'string' ? parseCallbackVariants(variants, 'callback variants') : (variants ?? []),
      random,
      check: selfCheck ? createCallbackCheck(schemas) : undefined,
    });
  }

  /**
   * Paying orders waiting for their outcome, in due order (the pending delay is one fixed value),
   * kept only while callbacks are on: `settleDue` settles them so their callbacks go out even if
   * nobody asks. Lookups settle an order lazily anyway.
   */
  let due: OrderRecord[] = [];
  let dueHead = 0;

  /** Settles an order whose time has come; a move owes a status callback. */
  function settleOrder(record: OrderRecord, now: number): void {
    if (settle(record, now)) outbox?.emit(record);
  }

  function settleDue(): number {
    const now = clock.now();
    let settled = 0;
    while (dueHead < due.length) {
      const record = due[dueHead];
      if (record.pending !== undefined && record.pending.at > now) break;
      dueHead++;
      if (settle(record, now)) {
        outbox?.emit(record);
        settled++;
      }
    }
    if (dueHead > 1024 && dueHead * 2 > due.length) {
      due = due.slice(dueHead);
      dueHead = 0;
    }
    return settled;
  }

  /** A new order: the pay outcome's callback now, or, for a paying order, once it settles. */
  const created = outbox
    ? (record: OrderRecord): void => {
        if (record.pending !== undefined) due.push(record);
        else if (record.state === 'paid' || record.state === 'failed') outbox.emit(record);
      }
    : undefined;

  const steps = [
    presenceStep(schemas.validator('PayRequest'), presenceRule(options.spec, 'PayRequest'), codes.missing),
    formatStep<PayContext>(codes.format, (ctx) => {
      const amount = parseAmount(ctx.params!.total_amount);
      if (!amount.ok) return { code: codes.format, reason: `total_amount: ${amount.reason}` };
      ctx.totalFen = amount.fen;
      ctx.scenario = chooseScenario(ctx, amount.fen);
      return undefined;
    }),
    appStep<PayContext>(apps, codes.appId),
    signatureStep<PayContext>(options.signer, encoding, codes.signature),
    orderStep(store, settleOrder, codes),
    discountStep(),
    channelStep({ store, nextTradeNo, pendingMs: options.pendingMs ?? DEFAULT_PENDING_MS, formatCode: codes.format, created }),
    resultStep(options.slowMs ?? DEFAULT_SLOW_MS),
  ];

  const lifecycle = lifecycleCalls({
    spec: options.spec,
    schemas,
    apps,
    signer: options.signer,
    encoding,
    codes,
    deps: {
      store,
      settle: settleOrder,
      // A lifecycle call's callback carries that call's variants only; the pay request's stay with the pay outcome.
      changed: (record, ctx, refundOrderId) => outbox?.emit(record, refundOrderId, ctx.control.callback ?? NO_VARIANTS),
      formatCode: codes.format,
    },
  });

  function reset(): number {
    limiter?.clear();
    answers = {};
    journal.clear();
    outbox?.clear();
    due = [];
    dueHead = 0;
    return store.clear();
  }

  const admin = createAdmin({
    store,
    clock,
    journal,
    outbox,
    settle: settleOrder,
    defaultAppId: apps.keys().next().value as string,
    reset,
    describe: () => ({
      answers,
      dialect,
      signEncoding: encoding,
      apps: apps.size,
      scenario: globalScenario?.name ?? null,
      journal: { entries: journal.size, cap: journal.cap, dropped: journal.dropped },
      callbacks: outbox !== undefined,
      ...options.healthInfo?.(),
    }),
  });

  /** The faults that fire for this request: each global (pay only) and header fault rolls its rate once. */
  function firing(requestFaults: readonly FaultSpec[], global: readonly FaultSpec[]): readonly FaultSpec[] {
    if (global.length === 0 && requestFaults.length === 0) return NO_FAULTS;
    const out: FaultSpec[] = [];
    for (const list of [global, requestFaults]) {
      for (const fault of list) if (fault.rate >= 1 || random() < fault.rate) out.push(fault);
    }
    return out;
  }

  function pointHook<C extends CallContext>(active: readonly FaultSpec[]): PointHook<C> | undefined {
    if (active.length === 0 && !limiter) return undefined;
    return (point: FaultPoint, ctx: C): PipelineEnd | undefined => {
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

  /**
   * The pipeline's end as a response: latency, mangling faults, the self-check (against
   * `schema`, or the pay schemas by code), the answer count and the journal entry.
   */
  function finish(end: PipelineEnd, ctx: CallContext, route: string, active: readonly FaultSpec[], scenarioName: string, addedLatency: LatencySpec | undefined, schema?: SchemaName): MockResponse {
    const response = render(end, scenarioName);
    const code = end.kind === 'answer' ? end.answer.code : undefined;
    if (code !== undefined) answers[code] = (answers[code] ?? 0) + 1;
    let delayMs = response.delayMs ?? 0;
    if (addedLatency) delayMs += pickLatency(addedLatency, random);
    response.delayMs = delayMs > 0 ? delayMs : undefined;
    const faults = active.length > 0 ? active.map((f) => f.kind).join(',') : undefined;
    if (faults !== undefined) {
      response.headers['x-mock-fault'] = faults;
      if (active.some((f) => f.kind === 'non-json')) response.body = NOT_JSON_BODY;
      if (active.some((f) => f.kind === 'truncate') && !response.fault) response.fault = { kind: 'truncate' };
    }
    if (selfCheck && code !== undefined && active.length === 0) selfCheck(response, schema);
    const params = ctx.params as (CallContext['params'] & { order_id?: string; trade_no?: string; refund_order_id?: string; pay_code?: string }) | undefined;
    const record = ctx.record;
    const orderId = record?.orderId ?? params?.order_id ?? rawField(ctx.body, 'order_id');
    journal.append({
      at_ms: ctx.now,
      method: ctx.request.method,
      // The route's and the app's own strings: the request's are copies the journal would keep for 10 000 calls.
      path: route,
      app_id: ctx.app?.appId ?? params?.app_id ?? rawField(ctx.body, 'app_id'),
      order_id: orderId,
      trade_no: record?.tradeNo ?? params?.trade_no,
      refund_order_id: params?.refund_order_id,
      code,
      order_status: record === undefined ? undefined : ORDER_STATUS[record.state],
      scenario: scenarioName,
      fault: faults,
    });
    response.log = {
      code,
      scenario: scenarioName,
      orderId,
      payCode: params?.pay_code,
      faults,
    };
    return response;
  }

  function handlePay(request: MockRequest): MockResponse {
    const control = readControl(request.headers);
    const active = firing(control.faults, globalFaults);
    const ctx = newContext(request, control, clock.now());
    const end = runPipeline(steps, ctx, pointHook<PayContext>(active));
    return finish(end, ctx, PAY_PATH, active, (ctx.scenario ?? control.scenario)?.name ?? 'NONE', control.latency ?? latency);
  }

  /** Lifecycle calls honour the request's fault and latency headers; the global ones are for pay requests. */
  function handleLifecycle(call: LifecycleCall, request: MockRequest): MockResponse {
    const control = readControl(request.headers);
    const active = firing(control.faults, NO_FAULTS);
    const ctx = newLifecycleContext(request, control, clock.now());
    const end = runPipeline(call.steps, ctx, pointHook<LifecycleContext>(active));
    return finish(end, ctx, call.path, active, ctx.record?.scenario ?? 'NONE', control.latency, call.response);
  }

  /** A call to an API path that never reached a pipeline (wrong method, unreadable control header). */
  function journalBare(request: MockRequest): void {
    journal.append({ at_ms: clock.now(), method: request.method, path: request.path });
  }

  function handle(request: MockRequest): MockResponse {
    const lifecycleCall = request.path === PAY_PATH ? undefined : lifecycle.get(request.path);
    try {
      if (request.path === PAY_PATH || lifecycleCall) {
        if (request.method !== 'POST') {
          journalBare(request);
          return json(405, { error: `${request.path} takes POST` }, { allow: 'POST' });
        }
        return lifecycleCall ? handleLifecycle(lifecycleCall, request) : handlePay(request);
      }
      if (request.path.startsWith(ADMIN_PREFIX)) return admin(request);
      return json(404, { error: `no route ${request.method} ${request.path}` });
    } catch (error) {
      if (error instanceof MockControlError) {
        if (request.path === PAY_PATH || lifecycleCall) journalBare(request);
        return json(400, { error: error.message, code: error.code });
      }
      throw error;
    }
  }

  /**
   * An envelope for a request the adapter refused before the engine saw it (e.g. a body over the
   * limit); journaled when the adapter says which call it was.
   */
  function reject(fault: 'missing' | 'format', reason: string, call?: { method: string; path: string }): MockResponse {
    const response = answerResponse({ code: codes[fault], reason }, 'NONE');
    if (call) journal.append({ at_ms: clock.now(), method: call.method, path: call.path, code: codes[fault] });
    return response;
  }

  return {
    handle,
    reject,
    store,
    clock,
    dialect,
    reset,
    journal,
    /** Status callbacks waiting for an adapter; undefined when callbacks are off. */
    outbox,
    /** Settles every paying order whose time has come (the adapter calls it on a timer when callbacks are on). */
    settleDue,
  };
}

/** A string field of a body that failed its schema, for the journal (who sent what). */
function rawField(body: BodyRead | undefined, name: string): string | undefined {
  if (body?.kind !== 'json' || typeof body.value !== 'object' || body.value === null) return undefined;
  const value = (body.value as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
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
