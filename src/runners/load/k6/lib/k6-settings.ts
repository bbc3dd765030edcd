/**
 * The k6 scripts' settings, from `-e NAME=value` (k6's __ENV): which scenario, which target,
 * which application, and for the checkout the cashier's time scale. Refuses a non-loopback
 * target unless ALLOW_REMOTE=1, as the executor does, and a scenario of the other script's kind.
 */
import { RANGES, readNumber, type NumberRange } from '../../../../kernel/number-range.ts';
import { parseSignEncoding, type SignEncoding } from '../../../../kernel/signing/encoding.ts';
import { REMOTE_WARNING, isLoopbackBaseUrl } from '../../request/target-guard.ts';
import { API_PATHS } from '../../../../kernel/spec/api-paths.ts';
import { apiPathAdvice, apiUrl } from '../../../../kernel/spec/api-url.ts';
import { scaleDurations, profileByName, PROFILES, type LoadProfile } from '../../profiles/profiles.ts';
import { ENDPOINTS, type Endpoint } from '../../../../checks/load/thresholds.ts';

/** The mock's default address (DEFAULT_BASE_URL in src/kernel/settings.ts, which k6 cannot load). */
const K6_DEFAULT_BASE_URL = 'http://127.0.0.1:4010';

export interface K6Settings<S extends LoadProfile> {
  scenario: S;
  /** Each call's URL. */
  urls: Readonly<Record<Endpoint, string>>;
  payUrl: string;
  app: { appId: string; secret: string };
  encoding: SignEncoding;
  reportDir: string;
  /** Checkout: the cashier's time scale (TIME_SCALE, default the scenario's). */
  timeScale: number;
  /** DURATION_SCALE, 1 when not given: the stages of `scenario` are already scaled by it. */
  durationScale: number;
  /** Printed once: the remote-target warning. */
  warning?: string;
}

type ScenarioOf<K extends LoadProfile['kind']> = Extract<LoadProfile, { kind: K }>;

function scale(env: Readonly<Record<string, string | undefined>>, name: string, range: NumberRange): number | undefined {
  const text = env[name];
  return text ? readNumber(text, range, name) : undefined;
}

/** `kind`: the script's — pay.ts runs the pay scenarios (default smoke), checkout.ts the checkout. */
export function k6Settings<K extends LoadProfile['kind']>(env: Readonly<Record<string, string | undefined>>, demoApp: { appId: string; secret: string }, kind: K): K6Settings<ScenarioOf<K>> {
  const names = (PROFILES as readonly LoadProfile[]).filter((s) => s.kind === kind).map((s) => s.name);
  const name = env.SCENARIO || names[0];
  const base = profileByName(name);
  if (!base || base.kind !== kind) throw new Error(`SCENARIO: unknown "${name}" for this script; known: ${names.join(', ')}`);
  const durationScale = scale(env, 'DURATION_SCALE', RANGES.durationScale);
  const timeScale = scale(env, 'TIME_SCALE', RANGES.timeScale) ?? (base.kind === 'checkout' ? base.checkout.timeScale : 1);
  const baseUrl = env.BASE_URL || K6_DEFAULT_BASE_URL;
  const doubled = apiPathAdvice(baseUrl, 'BASE_URL');
  if (doubled !== undefined) throw new Error(doubled);
  const remote = !isLoopbackBaseUrl(baseUrl);
  if (remote && env.ALLOW_REMOTE !== '1') throw new Error(`refusing to send load to ${baseUrl}: not a loopback address (add -e ALLOW_REMOTE=1 if you mean it)`);
  const appId = env.PAY_APP_ID;
  const secret = env.PAY_APP_SECRET;
  if (!appId !== !secret) throw new Error('set both PAY_APP_ID and PAY_APP_SECRET, or neither (the demo application)');
  const urls = Object.fromEntries(ENDPOINTS.map((e) => [e, apiUrl(baseUrl, API_PATHS[e])])) as Record<Endpoint, string>;
  return {
    scenario: (durationScale === undefined ? base : scaleDurations(base, durationScale)) as ScenarioOf<K>,
    urls,
    payUrl: urls.pay,
    app: appId && secret ? { appId, secret } : demoApp,
    encoding: parseSignEncoding(env.PAY_SIGN_ENCODING),
    reportDir: env.REPORT_DIR || 'reports',
    timeScale,
    durationScale: durationScale ?? 1,
    ...(remote ? { warning: REMOTE_WARNING } : {}),
  };
}
