/**
 * `paycheck mock` flags and environment (already merged by the parser, flags first) → server
 * options. Pure, so that it is tested without starting anything.
 */
import { readFileSync } from 'node:fs';
import { parseErrorDialect } from '../kernel/codes.ts';
import { PaycheckError } from '../kernel/errors.ts';
import { RANGES, readNumber } from '../kernel/number-range.ts';
import { embeddedMockApps, DEFAULT_MOCK_PORT, signEncodingFrom, type Env } from '../kernel/settings.ts';
import { parseAppsFile, parseCallbackVariants, parseFaults, parseLatency, type RateLimit } from '../engine/index.ts';
import { assertCallbackUrl } from '../adapters/http/callback-delivery.ts';
import { DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, type MockServerOptions } from '../adapters/http/server.ts';
import { optionLabel, type OptionValues } from './command.ts';
import { MOCK } from './commands.ts';
import { setting } from './harness-error.ts';

export type MockValues = OptionValues<typeof MOCK.options>;

const label = (name: keyof MockValues & string) => optionLabel(MOCK, name);

export function mockServerOptions(values: MockValues, env: Env): MockServerOptions {
  const appsFile = values.apps;
  const rate = values['rate-limit'];
  const callbackUrl = values['callback-url'];
  if (callbackUrl !== undefined) assertCallbackUrl(callbackUrl);
  const callbackVariants = values['callback-variants'];
  parseCallbackVariants(callbackVariants, label('callback-variants'));
  return {
    port: values.port ?? DEFAULT_MOCK_PORT,
    dialect: setting(() => parseErrorDialect(values['error-codes'], label('error-codes'))),
    signEncoding: setting(() => signEncodingFrom(env)),
    apps: appsFile ? parseAppsFile(readText(appsFile), appsFile) : setting(() => embeddedMockApps(env)),
    scenario: values.scenario,
    latency: parseLatency(values.latency, label('latency')),
    faults: parseFaults(values.faults, label('faults')),
    rateLimit: rate === undefined ? undefined : parseRateLimit(rate),
    pendingMs: values['pending-ms'],
    slowMs: values['slow-ms'],
    storeCap: values['store-cap'],
    snapshotFile: values.snapshot,
    bodyLimit: values['body-limit'],
    idleTimeoutMs: values['idle-timeout-ms'],
    ...requestTimeouts(values),
    maxConnections: values['max-connections'],
    selfCheck: values['self-check'],
    callbackUrl,
    callbackVariants,
    callbackTimeScale: values['callback-time-scale'],
    journalCap: values['journal-cap'],
  };
}

/** Node refuses a headers timeout past the request timeout; said here in the flags' names, defaults included. */
function requestTimeouts(values: MockValues): Pick<MockServerOptions, 'headersTimeoutMs' | 'requestTimeoutMs'> {
  const headersTimeoutMs = values['headers-timeout-ms'];
  const requestTimeoutMs = values['request-timeout-ms'];
  if ((headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS) > (requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS)) {
    throw new PaycheckError('PAYCHECK_BAD_SETTING', `${label('headers-timeout-ms')} must not be above ${label('request-timeout-ms')} (${headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS} > ${requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS})`);
  }
  return { headersTimeoutMs, requestTimeoutMs };
}

function parseRateLimit(text: string): RateLimit {
  const [perSecondText, burstText, ...rest] = text.split('/');
  if (rest.length > 0) throw new PaycheckError('PAYCHECK_BAD_SETTING', `${label('rate-limit')} must be PER_SECOND[/BURST]; got "${text}"`);
  const perSecond = setting(() => readNumber(perSecondText, RANGES.ratePerSecond, `${label('rate-limit')} PER_SECOND`));
  // No burst given: a second's worth of tokens.
  const burst = burstText === undefined ? Math.ceil(perSecond) : setting(() => readNumber(burstText, RANGES.burst, `${label('rate-limit')} BURST`));
  return { perSecond, burst };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new PaycheckError('PAYCHECK_INPUT_UNREADABLE', `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}
