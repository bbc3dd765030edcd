/**
 * `paycheck mock` flags and environment (already merged by the parser, flags first) → server
 * options. Pure, so that it is tested without starting anything.
 */
import { readFileSync } from 'node:fs';
import { parseErrorDialect } from '../kernel/codes.ts';
import { PaycheckError } from '../kernel/errors.ts';
import { embeddedMockApps, DEFAULT_MOCK_PORT, signEncodingFrom, type Env } from '../kernel/settings.ts';
import { MAX_JOURNAL_CAP, parseAppsFile, parseCallbackVariants, parseFaults, parseLatency, type RateLimit } from '../engine/index.ts';
import { assertCallbackUrl } from '../adapters/http/callback-delivery.ts';
import type { MockServerOptions } from '../adapters/http/server.ts';
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
  const timeScale = values['callback-time-scale'];
  return {
    port: optionalInteger(values.port, label('port'), 0) ?? DEFAULT_MOCK_PORT,
    dialect: setting(() => parseErrorDialect(values['error-codes'], label('error-codes'))),
    signEncoding: setting(() => signEncodingFrom(env)),
    apps: appsFile ? parseAppsFile(readText(appsFile), appsFile) : setting(() => embeddedMockApps(env)),
    scenario: values.scenario,
    latency: parseLatency(values.latency, label('latency')),
    faults: parseFaults(values.faults, label('faults')),
    rateLimit: rate === undefined ? undefined : parseRateLimit(rate),
    pendingMs: optionalInteger(values['pending-ms'], label('pending-ms'), 0),
    slowMs: optionalInteger(values['slow-ms'], label('slow-ms'), 0),
    storeCap: optionalInteger(values['store-cap'], label('store-cap'), 2),
    snapshotFile: values.snapshot,
    bodyLimit: optionalInteger(values['body-limit'], label('body-limit'), 1),
    selfCheck: values['self-check'],
    callbackUrl,
    callbackVariants,
    callbackTimeScale: timeScale === undefined ? undefined : parseScale(timeScale),
    journalCap: optionalInteger(values['journal-cap'], label('journal-cap'), 1, MAX_JOURNAL_CAP),
  };
}

export function optionalInteger(value: string | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max || !Number.isSafeInteger(Number(value))) {
    throw new PaycheckError('PAYCHECK_BAD_SETTING', `${name} must be a whole number ≥ ${min}${max < Number.MAX_SAFE_INTEGER ? ` and ≤ ${max}` : ''}; got "${value}"`);
  }
  return Number(value);
}

function parseScale(text: string): number {
  const scale = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(scale > 0 && scale <= 1)) throw new PaycheckError('PAYCHECK_BAD_SETTING', `${label('callback-time-scale')} must be a number > 0 and ≤ 1; got "${text}"`);
  return scale;
}

function parseRateLimit(text: string): RateLimit {
  const match = /^(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(text);
  if (!match || Number(match[1]) <= 0) throw new PaycheckError('PAYCHECK_BAD_SETTING', `${label('rate-limit')} must be PER_SECOND[/BURST]; got "${text}"`);
  const perSecond = Number(match[1]);
  return { perSecond, burst: match[2] === undefined ? Math.max(1, Math.ceil(perSecond)) : Math.max(1, Number(match[2])) };
}

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new PaycheckError('PAYCHECK_INPUT_UNREADABLE', `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}
