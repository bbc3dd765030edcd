/**
 * Preflight: a handful of requests that decide, before a suite, a load run or a checkout touches a
 * target, whether the target can be used at all — and if not, why, in one message. A run against
 * a closed port, a server of another API, or with the wrong app or secret otherwise fails every
 * one of its tests the same way for minutes.
 *
 * Nothing it sends can move money: the app and the signature are confirmed by a signed `/pay/get`
 * of an order that does not exist (answered 4001 by a target that knows the app and the secret),
 * the dialect by the same lookup with its sign spoiled. A target without `/pay/get` is asked on
 * the pay path only with a spoiled sign (the flowchart checks the app before the signature), so
 * its secret stays unconfirmed rather than risk a payment.
 */
import { DIALECT_CODES, type ErrorDialect } from '../../kernel/codes.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { apiUrl } from '../../kernel/spec/api-url.ts';
import { baseUrlProblem } from '../../kernel/base-url.ts';
import type { AppCredentials } from '../../kernel/settings.ts';
import type { SignEncoding } from '../../kernel/signing/encoding.ts';
import { probeHeader } from '../../kernel/probe.ts';
import { createPayClient, type Exchange } from '../../adapters/client/pay-client.ts';
import { describeRedirect, sendOutbound } from '../../adapters/client/outbound.ts';

/** Why a target cannot be used; each is one line of advice, never a stack. */
export type PreflightCause = 'invalid-url' | 'unreachable' | 'not-this-api' | 'unknown-app' | 'app-disabled' | 'bad-signature' | 'sign-encoding';

export interface PreflightOptions {
  baseUrl: string;
  app: AppCredentials;
  encoding: SignEncoding;
  /** A non-loopback target named by the user on purpose. */
  allowRemote?: boolean;
  /** Per request; the whole preflight stays within a few of these. */
  timeoutMs?: number;
  /** Leads the made-up order ids (so a server's logs show where they came from). */
  orderIdPrefix?: string;
  now?: () => number;
}

interface PreflightCheck {
  name: 'url' | 'reachable' | 'envelope' | 'app' | 'signature' | 'dialect' | 'controls' | 'clock';
  ok: boolean;
  detail: string;
}

export interface PreflightReport {
  target: string;
  appId: string;
  encoding: SignEncoding;
  usable: boolean;
  cause?: PreflightCause;
  /** One line that names the cause and what to change. */
  message?: string;
  checks: PreflightCheck[];
  /** The error dialect the target answered a spoiled sign in, when it showed one. */
  dialect?: ErrorDialect;
  /** Answers `/__mock/health` like paycheck's mock: X-Mock-Scenario and the admin routes work. */
  controls: boolean;
  /** The target's clock (its `Date` header) minus ours, when it sent one. */
  clockSkewMs?: number;
}

/** The envelope's code (a string of digits counts, D-3), when the body is `{code, msg, …}`. */
function envelopeCode(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const { code, msg } = body as { code?: unknown; msg?: unknown };
  const n = typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : code;
  return typeof n === 'number' && Number.isInteger(n) && typeof msg === 'string' ? n : undefined;
}

/** The pay code of the pay-path probe: a WeChat code's shape; its sign is always spoiled, so nothing is charged. */
const PREFLIGHT_PAY_CODE = '134567890123456789';

/**
 * Sent with every spoiled request: a proxy in front of the target (`paycheck proxy`) then does not
 * charge our own bad sign to the cashier it judges (src/kernel/probe.ts).
 */
const SPOILED_SIGN = probeHeader('signature');

/** The sign with its first character changed: still well-formed, certainly wrong. */
function spoiled(sign: string): string {
  return (sign[0] === 'A' ? 'B' : 'A') + sign.slice(1);
}

export async function preflight(options: PreflightOptions): Promise<PreflightReport> {
  const now = options.now ?? Date.now;
  const checks: PreflightCheck[] = [];
  const report: PreflightReport = { target: options.baseUrl, appId: options.app.appId, encoding: options.encoding, usable: false, checks, controls: false };
  const fail = (cause: PreflightCause, message: string): PreflightReport => Object.assign(report, { cause, message });

  const problem = baseUrlProblem(options.baseUrl);
  if (problem !== undefined) {
    checks.push({ name: 'url', ok: false, detail: problem });
    return fail('invalid-url', problem);
  }
  // Named with its path, if it has one: a gateway's prefix is part of the target.
  const where = apiUrl(new URL(options.baseUrl).href, '');
  checks.push({ name: 'url', ok: true, detail: where });

  const timeoutMs = options.timeoutMs ?? 3_000;
  // Joined as every command joins it (apiUrl), so each probe goes where the command's calls will.
  const client = (encoding: SignEncoding) =>
    createPayClient({ baseUrl: where, app: options.app, encoding, timeoutMs, allowRemote: options.allowRemote });
  const prefix = options.orderIdPrefix ?? 'PREFLIGHT';
  const lookup = { app_id: options.app.appId, sign_type: 'MD5', order_id: `${prefix}${now().toString(36).toUpperCase()}` };

  const first = await client(options.encoding).pay(lookup, { path: API_PATHS.get });
  noteClock(report, first, now);
  // A server is there and answered: asking whether one runs would send the user the wrong way.
  if (first.transportCause === 'not-http' || first.transportCause === 'too-large') {
    checks.push({ name: 'reachable', ok: true, detail: 'a server answered' }, { name: 'envelope', ok: false, detail: `${API_PATHS.get}: ${first.transportError}` });
    return fail('not-this-api', `${where} answered, but ${first.transportError}`);
  }
  if (first.transportError !== undefined) {
    checks.push({ name: 'reachable', ok: false, detail: first.transportError });
    // Late, hung or never connected: all the preflight knows is that nothing came back in time.
    if (first.transportCause === 'timeout') return fail('unreachable', `${where} did not answer within ${timeoutMs / 1000} s`);
    // Verification is never turned off: a private authority is added, as Node reads it.
    if (first.transportCause === 'blocked-port') return fail('unreachable', `${where} cannot be used: ${first.transportError}. Serve the target on another port`);
    if (first.transportCause === 'untrusted-tls') return fail('unreachable', `${where} cannot be used: ${first.transportError}. For a private or self-signed authority, set NODE_EXTRA_CA_CERTS to its certificate (PEM)`);
    return fail('unreachable', `${where} cannot be reached: ${first.transportError}. Is the server running, and is the URL right?`);
  }
  checks.push({ name: 'reachable', ok: true, detail: `HTTP ${first.response?.status}` });

  const firstCode = envelopeCode(first.response?.body);
  if (firstCode === undefined) return payPathOnly(options, where, report, client, first, lookup, fail);
  checks.push({ name: 'envelope', ok: true, detail: `${API_PATHS.get} answered code ${firstCode}` });

  if (firstCode === DIALECT_CODES.format.flowchart && options.encoding === 'base64') {
    // D-13: the seed's table gives `sign` 32 characters, which fits MD5 hex, not Base64.
    const hex = await client('hex').pay(lookup, { path: API_PATHS.get });
    const hexCode = envelopeCode(hex.response?.body);
    if (hexCode !== undefined && hexCode !== DIALECT_CODES.format.flowchart && refusalOf(hexCode, hex, { ...options, encoding: 'hex' }) === undefined) {
      checks.push({ name: 'signature', ok: false, detail: 'a 44-character Base64 sign is refused as a bad format; the 32-character hex sign is accepted (D-13)' });
      return fail('sign-encoding', `${where} accepts only hex signs (the seed's 32-character sign, D-13): set PAY_SIGN_ENCODING=hex`);
    }
  }
  const refusal = refusalOf(firstCode, first, options);
  if (refusal) {
    checks.push({ name: refusal.cause === 'bad-signature' ? 'signature' : 'app', ok: false, detail: `code ${firstCode}` });
    return fail(refusal.cause, refusal.message);
  }
  const confirmed = firstCode !== DIALECT_CODES.format.flowchart && firstCode !== DIALECT_CODES.missing.flowchart;
  checks.push({ name: 'app', ok: confirmed, detail: confirmed ? `${options.app.appId} is known` : `not confirmed: a lookup of a made-up order was answered ${firstCode}` });
  checks.push({ name: 'signature', ok: confirmed, detail: confirmed ? `the ${options.encoding} sign is accepted (code ${firstCode})` : 'not confirmed' });

  const signer = client(options.encoding);
  const signed = signer.sign(lookup);
  const bad = await signer.send({ ...signed, sign: spoiled(signed.sign) }, { path: API_PATHS.get, headers: SPOILED_SIGN });
  noteDialect(report, envelopeCode(bad.response?.body));
  await noteControls(report, where, timeoutMs);
  report.usable = true;
  return report;
}

/** A code that says the target will refuse every request of this app, and what to change. */
function refusalOf(code: number, exchange: Exchange, options: PreflightOptions): { cause: PreflightCause; message: string } | undefined {
  const app = options.app.appId;
  if (code === DIALECT_CODES.appId.flowchart || code === DIALECT_CODES.appId.table) {
    return { cause: 'unknown-app', message: `the target does not know app_id ${app} (code ${code}): check PAY_APP_ID, or use a target that holds this application` };
  }
  if (code === 5000) return { cause: 'app-disabled', message: `the target knows app_id ${app} but it is not enabled (code 5000): ask the service provider to enable it` };
  if (code === DIALECT_CODES.signature.flowchart || code === DIALECT_CODES.signature.table) {
    return {
      cause: 'bad-signature',
      message: `the target refuses the signature of app_id ${app} (code ${code}): check PAY_APP_SECRET and PAY_SIGN_ENCODING (now ${options.encoding}); string signed: ${exchange.canonical}`,
    };
  }
  return undefined;
}

/**
 * `/pay/get` did not answer in the envelope: a server of another API, or one that implements the
 * pay path only. The pay path is asked with a spoiled sign, which no server pays.
 */
async function payPathOnly(
  options: PreflightOptions,
  where: string,
  report: PreflightReport,
  client: (encoding: SignEncoding) => ReturnType<typeof createPayClient>,
  first: Exchange,
  lookup: Record<string, string>,
  fail: (cause: PreflightCause, message: string) => PreflightReport,
): Promise<PreflightReport> {
  const spoiledPay = async (encoding: SignEncoding) => {
    const signer = client(encoding);
    const pay = signer.sign({ ...lookup, pay_code: PREFLIGHT_PAY_CODE, total_amount: '0.01' });
    return signer.send({ ...pay, sign: spoiled(pay.sign) }, { headers: SPOILED_SIGN });
  };
  const answer = await spoiledPay(options.encoding);
  const code = envelopeCode(answer.response?.body);
  const got = whatCameBack(first);
  if (code === undefined) {
    report.checks.push({ name: 'envelope', ok: false, detail: `${API_PATHS.get}: ${got}` });
    const pay = whatCameBack(answer);
    // Two redirects differ by their Location, and each is reported.
    const answers = pay === got ? `${API_PATHS.get} and ${API_PATHS.pay} answered ${got}` : `${API_PATHS.get} answered ${got}; ${API_PATHS.pay} ${pay}`;
    return fail('not-this-api', `${where} does not speak this API: ${answers}`);
  }
  report.checks.push({ name: 'envelope', ok: true, detail: `${API_PATHS.pay} answered code ${code}; ${API_PATHS.get} is not served (${got})` });
  if (code === DIALECT_CODES.format.flowchart && options.encoding === 'base64') {
    // D-13: a well-formed request refused for its format may be a server holding `sign` to the
    // seed's 32 characters; the same request with a spoiled 32-character hex sign tells.
    const hexCode = envelopeCode((await spoiledPay('hex')).response?.body);
    if (hexCode !== undefined && hexCode !== DIALECT_CODES.format.flowchart) {
      report.checks.push({ name: 'signature', ok: false, detail: `a 44-character Base64 sign is refused as a bad format (3002), a 32-character hex one is not (${hexCode}): sign is held to the seed's 32 characters (D-13)` });
      return fail('sign-encoding', `${where} accepts only hex signs (the seed's 32-character sign, D-13): set PAY_SIGN_ENCODING=hex`);
    }
  }
  // The sign was spoiled on purpose: only an app refusal (3003/3000, 5000) says something here.
  const refusal = refusalOf(code, answer, options);
  if (refusal && refusal.cause !== 'bad-signature') {
    report.checks.push({ name: 'app', ok: false, detail: `code ${code}` });
    return fail(refusal.cause, refusal.message);
  }
  report.checks.push({ name: 'app', ok: true, detail: `${report.appId} passes the app check` });
  report.checks.push({ name: 'signature', ok: true, detail: `not confirmed: without ${API_PATHS.get} only a signed pay could show it, and that may move money` });
  noteDialect(report, code);
  await noteControls(report, where, 3_000);
  report.usable = true;
  return report;
}

/** What an answer without the envelope was: a redirect with its Location (never followed), or its status and body. */
function whatCameBack(exchange: Exchange): string {
  const response = exchange.response;
  if (response === undefined) return exchange.transportError ?? 'no answer';
  return describeRedirect(response) ?? `HTTP ${response.status}, ${response.parseError !== undefined ? 'not JSON' : 'JSON but not the {code, msg, data} envelope'}`;
}

function noteDialect(report: PreflightReport, code: number | undefined): void {
  const dialect = code === DIALECT_CODES.signature.flowchart ? 'flowchart' : code === DIALECT_CODES.signature.table ? 'table' : undefined;
  report.dialect = dialect;
  report.checks.push({ name: 'dialect', ok: dialect !== undefined, detail: dialect ? `a bad sign is ${code}: the ${dialect} dialect` : `a bad sign answered ${code ?? 'no code'}, neither 3004 nor 2000` });
}

/**
 * Does the target answer `/__mock/health` as paycheck's mock does (and so honour X-Mock-* and the
 * admin routes)? Asked under the base URL's path, as the API is: a mock behind a gateway's prefix
 * has its controls there.
 */
export async function hasMockControls(baseUrl: string, timeoutMs = 3_000): Promise<boolean> {
  try {
    const answer = await sendOutbound(apiUrl(baseUrl, '/__mock/health'), { method: 'GET', timeoutMs });
    return answer.status === 200 && (JSON.parse(answer.text) as { ok?: unknown } | null)?.ok === true;
  } catch {
    return false;
  }
}

async function noteControls(report: PreflightReport, baseUrl: string, timeoutMs: number): Promise<void> {
  report.controls = await hasMockControls(baseUrl, timeoutMs);
  report.checks.push({ name: 'controls', ok: true, detail: report.controls ? 'mock controls answer (X-Mock-Scenario, /__mock/*)' : 'no mock controls: tests that need them are skipped' });
}

function noteClock(report: PreflightReport, exchange: Exchange, now: () => number): void {
  const date = exchange.response?.headers.date;
  const at = date ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(at)) return;
  // A Date header has whole seconds: a skew under a second and a half is none.
  report.clockSkewMs = at - now();
  const skewS = Math.round(report.clockSkewMs / 1000);
  report.checks.push({ name: 'clock', ok: Math.abs(report.clockSkewMs) < 60_000, detail: Math.abs(report.clockSkewMs) < 1_500 ? 'in step with ours' : `${skewS > 0 ? 'ahead of' : 'behind'} ours by ${Math.abs(skewS)} s` });
}

/** The report as lines for a terminal: one per check, then the verdict. */
export function renderPreflight(report: PreflightReport): string[] {
  const lines = [`preflight ${report.target} (app ${report.appId}, sign encoding ${report.encoding})`];
  for (const c of report.checks) lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(9)} ${c.detail}`);
  lines.push(report.usable ? `  usable${report.dialect ? `; error codes: ${report.dialect}` : ''}; mock controls: ${report.controls ? 'yes' : 'no'}` : `  cannot be used: ${report.message}`);
  return lines;
}
