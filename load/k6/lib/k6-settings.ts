/**
 * The k6 script's settings, from `-e NAME=value` (k6's __ENV): which scenario, which target,
 * which application. Refuses a non-loopback target unless ALLOW_REMOTE=1, as the executor does.
 */
import { parseSignEncoding, type SignEncoding } from '../../../src/signing/encoding.ts';
import { PAY_PATH, REMOTE_WARNING, isLoopbackBaseUrl } from '../../request/target-guard.ts';
import { scaleDurations, scenarioByName, SCENARIO_NAMES, type Scenario } from '../../scenarios/scenarios.ts';

/** The mock's default address (DEFAULT_BASE_URL in src/config/settings.ts, which k6 cannot load). */
export const K6_DEFAULT_BASE_URL = 'http://127.0.0.1:4010';

export interface K6Settings {
  scenario: Scenario;
  payUrl: string;
  app: { appId: string; secret: string };
  encoding: SignEncoding;
  reportDir: string;
  /** Printed once: the remote-target warning. */
  warning?: string;
}

export function k6Settings(env: Readonly<Record<string, string | undefined>>, demoApp: { appId: string; secret: string }): K6Settings {
  const name = env.SCENARIO || 'smoke';
  const base = scenarioByName(name);
  if (!base) throw new Error(`SCENARIO: unknown "${name}"; known: ${SCENARIO_NAMES.join(', ')}`);
  const scale = env.DURATION_SCALE ? Number(env.DURATION_SCALE) : undefined;
  if (scale !== undefined && !(scale > 0)) throw new Error(`DURATION_SCALE must be a number above 0; got "${env.DURATION_SCALE}"`);
  const baseUrl = (env.BASE_URL || K6_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const remote = !isLoopbackBaseUrl(baseUrl);
  if (remote && env.ALLOW_REMOTE !== '1') throw new Error(`refusing to send load to ${baseUrl}: not a loopback address (add -e ALLOW_REMOTE=1 if you mean it)`);
  const appId = env.PAY_APP_ID;
  const secret = env.PAY_APP_SECRET;
  if (!appId !== !secret) throw new Error('set both PAY_APP_ID and PAY_APP_SECRET, or neither (the demo application)');
  return {
    scenario: scale === undefined ? base : scaleDurations(base, scale),
    payUrl: `${baseUrl}/${PAY_PATH}`,
    app: appId && secret ? { appId, secret } : demoApp,
    encoding: parseSignEncoding(env.PAY_SIGN_ENCODING),
    reportDir: env.REPORT_DIR || 'reports',
    ...(remote ? { warning: REMOTE_WARNING } : {}),
  };
}
