/**
 * Settings read from the environment, in one place. Nothing secret has a default except the
 * mock's documented demo application, which exists only on loopback.
 */
import { parseSignEncoding, type SignEncoding } from './signing/encoding.ts';

/** The mock's built-in application. Not a secret: it is published in the README. */
export const DEMO_APP = { appId: 'paycheck-demo-app', secret: 'paycheck-demo-secret' } as const;

export const DEFAULT_MOCK_PORT = 4010;
/** `paycheck proxy`'s port: beside the mock's. */
export const DEFAULT_PROXY_PORT = 4020;
/** The mock's default log writes a line for at most this many requests a second, and a summary line for a busier second. */
export const MOCK_LOG_LINES_PER_SECOND = 100;
/** Where callers aim by default: the loopback mock, never production. */
export const DEFAULT_BASE_URL = `http://127.0.0.1:${DEFAULT_MOCK_PORT}`;
export const PRODUCTION_BASE_URL = 'https://api.huishouyin.cn';

/**
 * The most of a request paycheck reads: the mock's default body limit, and what `sign`, `explain`
 * and `verify` read of a file or standard input. A maximal valid request (200 goods lines of 256
 * escaped CJK characters) fits.
 */
export const REQUEST_SIZE_LIMIT = 512 * 1024;

export type Env = Readonly<Record<string, string | undefined>>;

export interface AppCredentials {
  appId: string;
  secret: string;
}

export function signEncodingFrom(env: Env): SignEncoding {
  return parseSignEncoding(env.PAY_SIGN_ENCODING);
}

/** `PAY_APP_ID` / `PAY_APP_SECRET`, or the demo application when neither is set. */
export function appCredentialsFrom(env: Env): AppCredentials {
  const appId = env.PAY_APP_ID;
  const secret = env.PAY_APP_SECRET;
  if (!appId && !secret) return { ...DEMO_APP };
  if (!appId || !secret) throw new RangeError('set both PAY_APP_ID and PAY_APP_SECRET, or neither (the demo application)');
  return { appId, secret };
}

/**
 * The applications a mock that paycheck starts for you knows: the configured one, and the demo
 * application beside it — so a run with your own PAY_APP_ID / PAY_APP_SECRET passes on the
 * embedded mock, and the published demo still works there.
 */
export function embeddedMockApps(env: Env): AppCredentials[] {
  const configured = appCredentialsFrom(env);
  return configured.appId === DEMO_APP.appId ? [configured] : [configured, { ...DEMO_APP }];
}

/** True for 127.0.0.0/8, ::1 and localhost: the only addresses paycheck sends traffic to by default. */
export function isLoopbackUrl(url: string | URL): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
