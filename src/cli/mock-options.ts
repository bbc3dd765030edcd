/**
 * `npm run mock` flags and environment → server options. Flags win over the environment.
 * Pure (argv and env in, options out) so that it is tested without starting anything.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseErrorDialect } from '../kernel/codes.ts';
import { embeddedMockApps, DEFAULT_MOCK_PORT, signEncodingFrom, type Env } from '../kernel/settings.ts';
import { MAX_JOURNAL_CAP, parseAppsFile, parseCallbackVariants, parseFaults, parseLatency, type RateLimit } from '../engine/index.ts';
import { assertCallbackUrl } from '../adapters/http/callback-delivery.ts';
import type { MockServerOptions } from '../adapters/http/server.ts';

export class MockUsageError extends Error {
  readonly code = 'E_MOCK_USAGE';
  override name = 'MockUsageError';
}

/** flag → [environment variable, what it means]; the help text and docs/mock.md read this. */
export const MOCK_SETTINGS = {
  port: ['PORT', `port on 127.0.0.1 (default ${DEFAULT_MOCK_PORT}; 0 = any free port)`],
  quiet: ['MOCK_QUIET', 'no per-request log lines (1/true)'],
  'error-codes': ['MOCK_ERROR_CODES', 'flowchart (3001–3004, 1007/1003; default) or table (2000 signature, 3000 AppID, 1003 repeat)'],
  scenario: ['MOCK_SCENARIO', 'scenario for requests without X-Mock-Scenario (else chosen by amount)'],
  latency: ['MOCK_LATENCY_MS', 'added latency per pay request: MS or MIN-MAX'],
  faults: ['MOCK_FAULTS', 'faults for every pay request: kind[@point][:rate],…'],
  'rate-limit': ['MOCK_RATE_LIMIT', 'token bucket per app_id: PER_SECOND[/BURST]; exhausted → 5002'],
  'pending-ms': ['MOCK_PENDING_MS', 'how long a USER_PAYING order takes to settle (default 15000)'],
  'slow-ms': ['MOCK_SLOW_MS', 'how long slow scenarios take to answer (default 65000)'],
  'store-cap': ['MOCK_STORE_CAP', 'most orders kept (default 100000; oldest half dropped at the cap)'],
  snapshot: ['MOCK_SNAPSHOT', 'file the order store is read from at start and written to at shutdown'],
  apps: ['MOCK_APPS_FILE', 'JSON file of applications [{appId, secret, rsaPublicKey?, enabled?}] (replaces PAY_APP_ID/PAY_APP_SECRET and the demo application)'],
  'body-limit': ['MOCK_BODY_LIMIT', 'largest body in bytes (default 524288); larger → 3002 at once'],
  'self-check': ['MOCK_SELF_CHECK', 'validate every answer against openapi.yaml and fail loudly (1/true)'],
  'callback-url': ['MOCK_CALLBACK_URL', 'receiver of the signed status callbacks (loopback http(s) only); none = no callbacks'],
  'callback-variants': ['MOCK_CALLBACK_VARIANTS', 'hostile callbacks for every change: name[:rate],… (duplicate, bad-signature, mismatch-order-id, mismatch-status, out-of-order)'],
  'callback-time-scale': ['MOCK_CALLBACK_TIME_SCALE', 'multiplies the callback retry waits, timeout and hold time (0 < x ≤ 1; default 1)'],
  'journal-cap': ['MOCK_JOURNAL_CAP', 'most calls the request journal keeps (default 10000, at most 1000000; oldest dropped)'],
} as const;

type Setting = keyof typeof MOCK_SETTINGS;
const BOOLEAN: readonly Setting[] = ['quiet', 'self-check'];

export interface MockCliConfig {
  help: boolean;
  quiet: boolean;
  server: MockServerOptions;
}

export function mockConfigFrom(argv: readonly string[], env: Env): MockCliConfig {
  try {
    return readConfig(argv, env);
  } catch (error) {
    // The shared settings readers throw plain RangeErrors; give them the CLI's stable code.
    if (error instanceof RangeError) throw new MockUsageError(error.message);
    throw error;
  }
}

function readConfig(argv: readonly string[], env: Env): MockCliConfig {
  const options = Object.fromEntries(
    (Object.keys(MOCK_SETTINGS) as Setting[]).map((name) => [name, { type: BOOLEAN.includes(name) ? ('boolean' as const) : ('string' as const) }]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  } catch (error) {
    throw new MockUsageError((error as Error).message);
  }
  const get = (name: Setting): string | undefined => {
    const flag = values[name];
    if (typeof flag === 'string') return flag;
    if (flag === true) return 'true';
    const fromEnv = env[MOCK_SETTINGS[name][0]];
    return fromEnv === '' ? undefined : fromEnv;
  };
  const appsFile = get('apps');
  const latency = get('latency');
  const faults = get('faults');
  const rate = get('rate-limit');
  const callbackUrl = get('callback-url');
  if (callbackUrl !== undefined) assertCallbackUrl(callbackUrl);
  const callbackVariants = get('callback-variants');
  parseCallbackVariants(callbackVariants, '--callback-variants/MOCK_CALLBACK_VARIANTS');
  const timeScale = get('callback-time-scale');
  return {
    help: values.help === true,
    quiet: flagOn(get('quiet')),
    server: {
      port: integer(get('port'), '--port/PORT', DEFAULT_MOCK_PORT, 0),
      dialect: parseErrorDialect(get('error-codes'), '--error-codes/MOCK_ERROR_CODES'),
      signEncoding: signEncodingFrom(env),
      apps: appsFile ? parseAppsFile(readText(appsFile), appsFile) : embeddedMockApps(env),
      scenario: get('scenario'),
      latency: parseLatency(latency, '--latency/MOCK_LATENCY_MS'),
      faults: parseFaults(faults, '--faults/MOCK_FAULTS'),
      rateLimit: rate === undefined ? undefined : parseRateLimit(rate),
      pendingMs: optionalInteger(get('pending-ms'), '--pending-ms/MOCK_PENDING_MS', 0),
      slowMs: optionalInteger(get('slow-ms'), '--slow-ms/MOCK_SLOW_MS', 0),
      storeCap: optionalInteger(get('store-cap'), '--store-cap/MOCK_STORE_CAP', 2),
      snapshotFile: get('snapshot'),
      bodyLimit: optionalInteger(get('body-limit'), '--body-limit/MOCK_BODY_LIMIT', 1),
      selfCheck: flagOn(get('self-check')),
      callbackUrl,
      callbackVariants,
      callbackTimeScale: timeScale === undefined ? undefined : parseScale(timeScale),
      journalCap: optionalInteger(get('journal-cap'), '--journal-cap/MOCK_JOURNAL_CAP', 1, MAX_JOURNAL_CAP),
    },
  };
}

export function mockHelp(): string {
  const lines = ['Usage: npm run mock -- [flags]   (or npx paycheck mock)', '', 'The pay-code API simulator on 127.0.0.1. Flags win over the environment.', ''];
  for (const [name, [envName, meaning]] of Object.entries(MOCK_SETTINGS)) {
    lines.push(`  --${name.padEnd(19)} ${envName.padEnd(24)} ${meaning}`);
  }
  lines.push('  --help, -h', '', 'Also: PAY_APP_ID / PAY_APP_SECRET (default: the demo app paycheck-demo-app / paycheck-demo-secret),');
  lines.push('PAY_SIGN_ENCODING (base64 | hex). Request headers X-Mock-Scenario, X-Mock-Fault, X-Mock-Latency, X-Mock-Callback: see docs/mock.md.');
  return lines.join('\n');
}

function flagOn(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value);
}

function integer(value: string | undefined, name: string, fallback: number, min: number): number {
  return optionalInteger(value, name, min) ?? fallback;
}

function optionalInteger(value: string | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max || !Number.isSafeInteger(Number(value))) {
    throw new MockUsageError(`${name} must be a whole number ≥ ${min}${max < Number.MAX_SAFE_INTEGER ? ` and ≤ ${max}` : ''}; got "${value}"`);
  }
  return Number(value);
}

function parseScale(text: string): number {
  const scale = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(scale > 0 && scale <= 1)) throw new MockUsageError(`--callback-time-scale/MOCK_CALLBACK_TIME_SCALE must be a number > 0 and ≤ 1; got "${text}"`);
  return scale;
}

function parseRateLimit(text: string): RateLimit {
  const match = /^(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(text);
  if (!match || Number(match[1]) <= 0) throw new MockUsageError(`--rate-limit/MOCK_RATE_LIMIT must be PER_SECOND[/BURST]; got "${text}"`);
  const perSecond = Number(match[1]);
  return { perSecond, burst: match[2] === undefined ? Math.max(1, Math.ceil(perSecond)) : Math.max(1, Number(match[2])) };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new MockUsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
