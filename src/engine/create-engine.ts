/**
 * The mock's engine: a plain request in, a plain response out. No HTTP framework and no `node:*`
 * import — the signer's digests and the spec document are injected, so the same engine runs
 * behind node:http, behind MSW, or in a test by itself. This file only wires the named parts.
 */
import { DIALECT_CODES } from '../kernel/codes.ts';
import { API_PATHS } from '../kernel/spec/api-paths.ts';
import { compileSchemas, type SchemaName } from '../kernel/spec/schemas.ts';
import { adminRoutes } from './admin.ts';
import { appRegistry } from './apps.ts';
import { createOutbox } from './callback/outbox.ts';
import type { CallbackVariantSpec } from './callback/variants.ts';
import type { Engine } from './engine.ts';
import { engineSettings, type EngineOptions } from './engine-options.ts';
import { createFaultFiring, NO_FAULTS } from './fault-firing.ts';
import type { FaultSpec, LatencySpec } from './faults.ts';
import { createFinisher } from './finish-response.ts';
import { createJournal } from './journal.ts';
import { newLifecycleContext } from './order-calls/call-context.ts';
import { lifecycleCalls } from './order-calls/order-calls.ts';
import { createOrderStore } from './order-store.ts';
import { newContext, type CallContext, type Step } from './pay-context.ts';
import { paySteps } from './pay-steps.ts';
import { runPipeline } from './pipeline.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { readControl, type RequestControl } from './request-control.ts';
import { createRouter, type Route } from './routes.ts';
import { createCallbackCheck, createSelfCheck } from './self-check.ts';
import { createSettleQueue } from './settle-queue.ts';
import { restoreOrders, serializeOrders } from './snapshot.ts';
import type { MockRequest } from './types.ts';

const NO_VARIANTS: readonly CallbackVariantSpec[] = [];

/** An API call as a route: its pipeline, and what its answer is finished with. */
interface PipelineCall<C extends CallContext> {
  path: string;
  steps: readonly Step<C>[];
  context(request: MockRequest, control: RequestControl, now: number): C;
  /** The configured faults and latency (pay only); the request's headers go on top. */
  faults: readonly FaultSpec[];
  latency: LatencySpec | undefined;
  scenarioOf(ctx: C): string;
  /** The self-check's schema for the answer; absent = the pay schemas by code. */
  schema?: SchemaName;
}

export function createEngine(options: EngineOptions): Engine {
  const settings = engineSettings(options);
  const { clock, random, dialect, encoding, signer, spec } = settings;
  const apps = appRegistry(settings.apps);
  const store = createOrderStore(settings.storeCap);
  const schemas = compileSchemas(spec);
  const journal = createJournal(settings.journalCap);
  const limiter = settings.rateLimit ? createRateLimiter(settings.rateLimit, clock) : undefined;
  const variants = settings.callbackVariants;
  const outbox =
    variants === undefined
      ? undefined
      : createOutbox({ signer, encoding, secretOf: (appId) => apps.get(appId)!.secret, variants, random, check: settings.selfCheck ? createCallbackCheck(schemas) : undefined });
  const settleQueue = createSettleQueue(outbox);
  const faults = createFaultFiring(random, limiter);
  const finisher = createFinisher({ journal, random, selfCheck: settings.selfCheck ? createSelfCheck(schemas) : undefined });
  const codes = {
    missing: DIALECT_CODES.missing[dialect],
    format: DIALECT_CODES.format[dialect],
    appId: DIALECT_CODES.appId[dialect],
    signature: DIALECT_CODES.signature[dialect],
    duplicateOrder: DIALECT_CODES.duplicateOrder[dialect],
    alreadyPaid: DIALECT_CODES.alreadyPaid[dialect],
  };

  function callRoute<C extends CallContext>(call: PipelineCall<C>): readonly [string, Route] {
    const run = (request: MockRequest) => {
      const control = readControl(request.headers);
      const active = faults.fire(call.faults, control.faults);
      const ctx = call.context(request, control, clock.now());
      const end = runPipeline(call.steps, ctx, faults.hook<C>(active));
      return finisher.finish(end, ctx, call.path, active, call.scenarioOf(ctx), control.latency ?? call.latency, call.schema);
    };
    return [call.path, { method: 'POST', api: true, run }];
  }

  const pay = callRoute({
    path: API_PATHS.pay,
    steps: paySteps({ spec, schemas, apps, signer, encoding, codes, store, settle: settleQueue.settle, created: settleQueue.created, scenario: settings.scenario, startedAt: clock.now(), pendingMs: settings.pendingMs, slowMs: settings.slowMs }),
    context: newContext,
    faults: settings.faults,
    latency: settings.latency,
    scenarioOf: (ctx) => (ctx.scenario ?? ctx.control.scenario)?.name ?? 'NONE',
  });

  const lifecycle = lifecycleCalls({
    spec,
    schemas,
    apps,
    signer,
    encoding,
    codes,
    deps: {
      store,
      settle: settleQueue.settle,
      // A lifecycle call's callback carries that call's variants only; the pay request's stay with the pay outcome.
      changed: (record, ctx, refundOrderId) => outbox?.emit(record, refundOrderId, ctx.control.callback ?? NO_VARIANTS),
      formatCode: codes.format,
    },
  }).map((call) =>
    // Lifecycle calls honour the request's fault and latency headers; the configured ones are for pay requests.
    callRoute({ path: call.path, steps: call.steps, context: newLifecycleContext, faults: NO_FAULTS, latency: undefined, scenarioOf: (ctx) => ctx.record?.scenario ?? 'NONE', schema: call.response }),
  );

  function reset(): number {
    limiter?.clear();
    finisher.clear();
    journal.clear();
    outbox?.clear();
    settleQueue.clear();
    return store.clear();
  }

  const admin = adminRoutes({
    order(appId, orderId) {
      const record = store.get(appId, orderId);
      if (record) settleQueue.settle(record, clock.now());
      return record;
    },
    journal,
    outbox,
    defaultAppId: settings.apps[0].appId,
    reset,
    health: () => ({
      orders: store.size,
      cap: store.cap,
      evicted: store.evicted,
      answers: finisher.answers(),
      dialect,
      signEncoding: encoding,
      apps: apps.size,
      scenario: settings.scenario?.name ?? null,
      // What the pay call is configured with besides the request's own X-Mock-* headers (the console shows them).
      settings: { faults: settings.faults, latency: settings.latency ?? null, rateLimit: settings.rateLimit ?? null, pendingMs: settings.pendingMs, slowMs: settings.slowMs },
      journal: { entries: journal.size, cap: journal.cap, dropped: journal.dropped },
      callbacks: outbox !== undefined,
      ...settings.healthInfo?.(),
    }),
  });

  const handle = createRouter([pay, ...lifecycle, ...admin], (request) => journal.append({ at_ms: clock.now(), method: request.method, path: request.path }));

  return {
    handle,
    reject(fault, reason, call) {
      const response = finisher.envelope({ code: codes[fault], reason }, 'NONE');
      if (call) journal.append({ at_ms: clock.now(), method: call.method, path: call.path, code: codes[fault] });
      return response;
    },
    dialect,
    reset,
    settleDue: () => settleQueue.settleDue(clock.now()),
    orders: {
      get size() {
        return store.size;
      },
      snapshot: () => serializeOrders(store),
      restore: (text, source) => restoreOrders(store, text, source),
    },
    journal: { read: (filter) => journal.read(filter) },
    outbox,
  };
}
