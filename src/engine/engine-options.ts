/**
 * What `createEngine` takes, and every default in one place: `engineSettings` turns the options
 * (some given as the `--faults` / `--latency` text grammar) into the values the parts are built from.
 */
import type { ErrorDialect } from '../kernel/codes.ts';
import { checkNumber, RANGES } from '../kernel/number-range.ts';
import { DEMO_APP } from '../kernel/settings.ts';
import type { SignEncoding } from '../kernel/signing/encoding.ts';
import type { Signer } from '../kernel/signing/signer.ts';
import type { AppConfig } from './apps.ts';
import { parseCallbackVariants, type CallbackVariantSpec } from './callback/variants.ts';
import { systemClock, type Clock } from './clock.ts';
import { MockControlError } from './control-error.ts';
import { parseFaults, parseLatency, type FaultSpec, type LatencySpec } from './faults.ts';
import { DEFAULT_JOURNAL_CAP } from './journal.ts';
import { DEFAULT_STORE_CAP } from './order-store.ts';
import type { RateLimit } from './rate-limiter.ts';
import { SCENARIO_NAMES, scenarioByName, type Scenario } from './scenarios.ts';

/** How long a USER_PAYING order takes to settle: WeChat's guidance is to query for up to 30 s. */
const DEFAULT_PENDING_MS = 15_000;
/** Slow scenarios answer after this: beyond k6's 60 s default timeout and WeChat's 30 s guidance. */
const DEFAULT_SLOW_MS = 65_000;

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

/** The options with every default applied and every text setting parsed. */
export interface EngineSettings {
  spec: EngineOptions['spec'];
  signer: Signer;
  apps: readonly AppConfig[];
  encoding: SignEncoding;
  dialect: ErrorDialect;
  clock: Clock;
  random: () => number;
  storeCap: number;
  pendingMs: number;
  slowMs: number;
  /** The configured scenario; undefined = by `X-Mock-Scenario`, else by amount. */
  scenario: Scenario | undefined;
  latency: LatencySpec | undefined;
  faults: readonly FaultSpec[];
  rateLimit: RateLimit | undefined;
  selfCheck: boolean;
  healthInfo: (() => Record<string, unknown>) | undefined;
  /** Variants for every callback; undefined = callbacks off. */
  callbackVariants: readonly CallbackVariantSpec[] | undefined;
  journalCap: number;
}

export function engineSettings(options: EngineOptions): EngineSettings {
  const callbacks = options.callbacks;
  return {
    spec: options.spec,
    signer: options.signer,
    apps: options.apps ?? [DEMO_APP],
    encoding: options.signEncoding ?? 'base64',
    dialect: options.dialect ?? 'flowchart',
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    storeCap: options.storeCap ?? DEFAULT_STORE_CAP,
    pendingMs: checkNumber(options.pendingMs ?? DEFAULT_PENDING_MS, RANGES.delayMs, 'pendingMs'),
    slowMs: checkNumber(options.slowMs ?? DEFAULT_SLOW_MS, RANGES.delayMs, 'slowMs'),
    scenario: configuredScenario(options.scenario),
    latency: typeof options.latency === 'string' ? parseLatency(options.latency, 'latency') : options.latency,
    faults: typeof options.faults === 'string' ? parseFaults(options.faults, 'faults') : (options.faults ?? []),
    rateLimit: options.rateLimit,
    selfCheck: options.selfCheck ?? false,
    healthInfo: options.healthInfo,
    callbackVariants:
      callbacks === undefined
        ? undefined
        : typeof callbacks.variants === 'string'
          ? parseCallbackVariants(callbacks.variants, 'callback variants')
          : (callbacks.variants ?? []),
    journalCap: options.journalCap ?? DEFAULT_JOURNAL_CAP,
  };
}

function configuredScenario(name: string | undefined): Scenario | undefined {
  if (name === undefined || name === '') return undefined;
  const scenario = scenarioByName(name);
  if (!scenario) throw new MockControlError(`scenario: unknown "${name}"; known: ${SCENARIO_NAMES.join(', ')}`);
  return scenario;
}
