/**
 * Every command's description: its arguments, its options with their environment fallbacks. The
 * parser, each `--help` and docs/cli.md follow it. Light to import: the commands themselves are
 * loaded only when run.
 */
import { RANGES } from '../kernel/number-range.ts';
import { DEFAULT_BASE_URL, DEFAULT_MOCK_PORT, DEFAULT_PROXY_PORT, MOCK_LOG_LINES_PER_SECOND } from '../kernel/settings.ts';
import { PROFILES } from '../runners/load/profiles/profiles.ts';
import { DEFAULT_RUNS } from '../runners/fuzz/budget.ts';
import { defineCommand, type OptionSpec } from './command.ts';

/** The same option, worded for the command's default target. */
const baseUrl = (description: string) => ({ type: 'string', value: 'URL', env: 'PAY_BASE_URL', description }) as const satisfies OptionSpec;
const ALLOW_REMOTE = { type: 'boolean', description: 'allow a target that is not on loopback (real pay codes move real money)' } as const satisfies OptionSpec;
const QUIET = (what: string) => ({ type: 'boolean', description: what }) as const satisfies OptionSpec;

const SIGNING_OPTIONS = {
  secret: { type: 'string', value: 'S', env: 'PAY_APP_SECRET', description: 'the application secret (prefer the environment: a command-line secret is visible to other users)' },
  encoding: { type: 'string', value: 'E', env: 'PAY_SIGN_ENCODING', description: 'base64 (default) or hex' },
  'private-key': { type: 'string', value: 'FILE', env: 'PAY_RSA_PRIVATE_KEY_FILE', description: 'PEM file, for sign_type RSA' },
  'public-key': { type: 'string', value: 'FILE', env: 'PAY_RSA_PUBLIC_KEY_FILE', description: 'PEM file, for verifying sign_type RSA' },
  'show-pay-code': { type: 'boolean', description: 'print the pay code whole (it is masked by default)' },
} as const satisfies Record<string, OptionSpec>;

const REQUEST_ARGUMENT = { FILE: "the request as JSON; '-' or nothing reads standard input" };

export const SIGN = defineCommand({
  name: 'sign',
  showsPayCodes: true,
  usage: '[FILE|-] [options]',
  description: "Prints the request with 'sign' filled in.",
  arguments: REQUEST_ARGUMENT,
  options: SIGNING_OPTIONS,
});

export const EXPLAIN = defineCommand({
  name: 'explain',
  showsPayCodes: true,
  usage: '[FILE|-] [options]',
  description: "Prints the string to sign (secret masked), its MD5 and the resulting 'sign'.",
  arguments: REQUEST_ARGUMENT,
  options: SIGNING_OPTIONS,
});

export const VERIFY = defineCommand({
  name: 'verify',
  judges: true,
  showsPayCodes: true,
  usage: '[FILE|-] [options] [--compare STRING]',
  description: "Exits 0 when the request's 'sign' is valid, 1 with an explanation when not: the string we signed and, for an MD5 sign, which common signing mistake reproduces it — or, for a sign_type other than MD5 or RSA (spelt so), that the API refuses the request before it checks any sign.",
  arguments: REQUEST_ARGUMENT,
  options: { ...SIGNING_OPTIONS, compare: { type: 'string', value: 'S', description: 'the string you signed: verify shows where it first differs from ours' } },
});

export const GEN = defineCommand({
  name: 'gen',
  showsPayCodes: true,
  usage: 'KIND [--count N] [--seed N] [--channel wechat|alipay]   (KIND: request, goods or store)',
  description: 'Prints seeded test data, one JSON object a line; the seed goes to stderr.',
  arguments: {
    KIND: 'request: a whole signed pay request (app from PAY_APP_ID/PAY_APP_SECRET, else the demo app); goods: one goods line of the catalogue; store: a store of the chain, its name, city, district and the store_info of one of its tills',
  },
  options: {
    count: { type: 'number', range: RANGES.count, value: 'N', description: 'how many (1–100000, default 1)' },
    seed: { type: 'number', range: RANGES.seed, value: 'N', env: 'PAY_SEED', description: 'the seed (default random); printed to stderr either way' },
    channel: { type: 'string', value: 'CH', description: "wechat or alipay pay codes for 'request' (default: either)" },
  },
  notes: 'Also read: PAY_APP_ID / PAY_APP_SECRET, PAY_SIGN_ENCODING.',
});

export const MOCK = defineCommand({
  name: 'mock',
  usage: '[options]',
  description: 'The pay-code API simulator on 127.0.0.1 until SIGINT/SIGTERM. Flags win over the environment.',
  options: {
    port: { type: 'number', range: RANGES.port, value: 'N', env: 'PORT', description: `port on 127.0.0.1 (default ${DEFAULT_MOCK_PORT}; 0 = any free port)` },
    quiet: { ...QUIET('no log at all'), env: 'MOCK_QUIET' },
    log: { type: 'string', value: 'MODE', env: 'MOCK_LOG', description: `auto (default: a line per request, past ${MOCK_LOG_LINES_PER_SECOND} in a second one summary line for it), requests (a line each), summary (one line a second)` },
    'log-format': { type: 'string', value: 'F', env: 'MOCK_LOG_FORMAT', description: 'text (default) or json (pino NDJSON)' },
    'error-codes': { type: 'string', value: 'D', env: 'MOCK_ERROR_CODES', description: 'flowchart (3001–3004, 1007/1003; default) or table (2000 signature, 3000 AppID, 1003 repeat)' },
    scenario: { type: 'string', value: 'NAME', env: 'MOCK_SCENARIO', description: 'scenario for requests without X-Mock-Scenario (else chosen by amount)' },
    latency: { type: 'string', value: 'MS', env: 'MOCK_LATENCY_MS', description: 'added latency per pay request: MS or MIN-MAX' },
    faults: { type: 'string', value: 'LIST', env: 'MOCK_FAULTS', description: 'faults for every pay request: kind[@point][:rate],…' },
    'rate-limit': { type: 'string', value: 'R', env: 'MOCK_RATE_LIMIT', description: 'token bucket per app_id: PER_SECOND[/BURST]; exhausted → 5002' },
    'pending-ms': { type: 'number', range: RANGES.delayMs, value: 'MS', env: 'MOCK_PENDING_MS', description: 'how long a USER_PAYING order takes to settle (default 15000)' },
    'slow-ms': { type: 'number', range: RANGES.delayMs, value: 'MS', env: 'MOCK_SLOW_MS', description: 'how long slow scenarios take to answer (default 65000)' },
    'store-cap': { type: 'number', range: RANGES.storeCap, value: 'N', env: 'MOCK_STORE_CAP', description: 'most orders kept (default 100000; oldest half dropped at the cap)' },
    snapshot: { type: 'string', value: 'FILE', env: 'MOCK_SNAPSHOT', description: 'file the order store is read from at start (if present) and written to then and at shutdown; one that cannot be written stops the start' },
    apps: { type: 'string', value: 'FILE', env: 'MOCK_APPS_FILE', description: 'JSON file of applications [{appId, secret, rsaPublicKey?, enabled?}] (replaces PAY_APP_ID/PAY_APP_SECRET and the demo application)' },
    'body-limit': { type: 'number', range: RANGES.bodyLimit, value: 'BYTES', env: 'MOCK_BODY_LIMIT', description: 'largest body in bytes (default 524288); larger → 3002 at once' },
    'idle-timeout-ms': { type: 'number', range: RANGES.timeoutMs, value: 'MS', env: 'MOCK_IDLE_TIMEOUT_MS', description: 'close a connection with no request in flight after MS (default 5000; kept alive: a second later)' },
    'headers-timeout-ms': { type: 'number', range: RANGES.timeoutMs, value: 'MS', env: 'MOCK_HEADERS_TIMEOUT_MS', description: 'time a client has to send its headers (default 10000; at most the request timeout)' },
    'request-timeout-ms': { type: 'number', range: RANGES.timeoutMs, value: 'MS', env: 'MOCK_REQUEST_TIMEOUT_MS', description: 'time a client has to send its whole request (default 30000)' },
    'max-connections': { type: 'number', range: RANGES.connections, value: 'N', env: 'MOCK_MAX_CONNECTIONS', description: 'connections held at once (default 10000); one more is closed on arrival' },
    'self-check': { type: 'boolean', env: 'MOCK_SELF_CHECK', description: 'validate every answer against openapi.yaml and fail loudly' },
    'callback-url': { type: 'string', value: 'URL', env: 'MOCK_CALLBACK_URL', description: 'receiver of the signed status callbacks (loopback http(s) only); none = no callbacks' },
    'callback-variants': { type: 'string', value: 'LIST', env: 'MOCK_CALLBACK_VARIANTS', description: 'hostile callbacks for every change: name[:rate],… (duplicate, bad-signature, mismatch-order-id, mismatch-status, out-of-order)' },
    'callback-time-scale': { type: 'number', range: RANGES.callbackTimeScale, value: 'F', env: 'MOCK_CALLBACK_TIME_SCALE', description: 'multiplies the callback retry waits, timeout and hold time (0 < F ≤ 1; default 1)' },
    'journal-cap': { type: 'number', range: RANGES.journalCap, value: 'N', env: 'MOCK_JOURNAL_CAP', description: 'most calls the request journal keeps (default 10000, at most 1000000; oldest dropped)' },
  },
  notes: [
    'Also read: PAY_APP_ID / PAY_APP_SECRET (default: the demo app paycheck-demo-app / paycheck-demo-secret), PAY_SIGN_ENCODING (base64 | hex).',
    'Request headers X-Mock-Scenario, X-Mock-Fault, X-Mock-Latency, X-Mock-Callback: see docs/mock.md.',
  ].join('\n'),
});

export const LOAD = defineCommand({
  name: 'load',
  judges: true,
  usage: '[--profile NAME] [--base-url URL [--allow-remote]] [options]',
  description: [
    "Sends fresh, signed pay-code orders to POST /pay/qrcode at the profile's arrival rate and checks",
    'its thresholds; the checkout profile carries each order on through /pay/get and /pay/cancel.',
    'Without a base URL it starts the embedded loopback mock and aims at it.',
  ].join('\n'),
  options: {
    profile: { type: 'string', value: 'NAME', description: 'the load profile (default smoke; listed below)' },
    scenario: { type: 'string', value: 'NAME', description: 'deprecated: use --profile', deprecatedFor: 'profile' },
    'base-url': baseUrl("the target's base URL (default: the embedded mock, on a free port)"),
    'allow-remote': ALLOW_REMOTE,
    'duration-scale': { type: 'number', range: RANGES.durationScale, value: 'F', description: 'every stage F times as long (0.2 → a 3 s smoke)' },
    'mock-latency': { type: 'string', value: 'MS', description: 'embedded mock only: add MS (or MIN-MAX) ms to every pay answer' },
    'time-scale': { type: 'number', range: RANGES.timeScale, value: 'F', description: "checkout: the cashier's waits × F (default 0.05; 1 = the documented 5 s and 30 s, for a live target)" },
    seed: { type: 'number', range: RANGES.seed, value: 'N', env: 'PAY_SEED', description: 'order data seed (default random; always printed)' },
    'execution-segment': { type: 'string', value: 'A:B', description: "this runner's share of the arrivals, as k6's flag (0:1/2, 1/2:1); merge the runners' summaries with 'paycheck load merge'" },
    'execution-segment-sequence': { type: 'string', value: 'LIST', description: "the runners' segment bounds, as k6's flag (0,1/4,1/2,3/4,1)" },
    'report-dir': { type: 'string', value: 'DIR', description: 'where load-summary.json, load-junit.xml and load-report.html go (default reports)' },
    quiet: QUIET('no progress line'),
  },
  notes: [
    'profiles (src/runners/load/profiles/profiles.ts):',
    ...PROFILES.map((p) => `  ${p.name.padEnd(9)}${p.purpose}`),
    '',
    'Also read: PAY_APP_ID / PAY_APP_SECRET (default: the mock\'s demo app), PAY_SIGN_ENCODING.',
    'Exit status: 0 every threshold met, 1 a threshold failed (named), 2 bad flags or settings, 3 the target cannot be used,',
    '130/143 stopped by SIGINT/SIGTERM: the part that ran printed and written, marked interrupted (a second signal: at once, nothing written).',
  ].join('\n'),
});

export const LOAD_MERGE = defineCommand({
  name: 'load merge',
  judges: true,
  usage: 'SUMMARY.json… [--report-dir DIR] [--json]',
  description: [
    "Adds up the summaries of one run's runners (k6-operator's parallelism, or `paycheck load",
    "--execution-segment`): counts summed, latency histograms summed bucket by bucket, percentiles",
    "read from the sum by the single run's rule (within 1 % of it), the profile's thresholds judged",
    'on the whole run by the same code as a single run.',
  ].join('\n'),
  arguments: { 'SUMMARY.json…': "each runner's load-summary.json or k6-summary-*.json, or a log holding their 'paycheck-summary' lines (one profile, one executor, one target and plan, started within 10 s, segments that do not overlap)" },
  variadic: true,
  options: {
    'report-dir': { type: 'string', value: 'DIR', description: 'where merged-summary.json, merged-junit.xml and merged-report.html go (default reports)' },
    json: { type: 'boolean', description: 'print the merged summary as JSON instead of text' },
  },
  notes: 'Exit status: 0 every threshold met on the whole run, 1 a threshold failed (named) or a runner was interrupted, 2 bad input (a file that is not a summary, named with the field, or files that are not one run).',
});

export const CHECKOUT = defineCommand({
  name: 'checkout',
  judges: true,
  usage: '--amount A [--pay-code C] [options]',
  description: [
    'Runs the reference cashier flow: pay; on 1002 or no answer, query /pay/get every 5 s until a',
    'result or 30 s, then cancel (not sooner than 15 s after paying; a failed cancel is retried, at',
    'most 3 calls); never pays the same order_id twice. Prints the timeline and how the order ended.',
  ].join('\n'),
  options: {
    amount: { type: 'string', value: 'A', description: "total in yuan, e.g. 0.01 (the mock's scenarios go by amount: 0.30 user paying)" },
    'pay-code': { type: 'string', value: 'C', description: "the customer's pay code (default: a generated one of --channel); printed masked" },
    channel: { type: 'string', value: 'CH', description: 'wechat or alipay, for a generated pay code (default: either)' },
    'base-url': baseUrl(`the target's base URL (default: the mock at ${DEFAULT_BASE_URL})`),
    scenario: { type: 'string', value: 'NAME', description: 'sent as X-Mock-Scenario (USER_PAYING, USER_PAYING_FAILS, USER_PAYING_ABANDONED …)' },
    'time-scale': { type: 'number', range: RANGES.timeScale, value: 'F', description: "multiplies every wait and timeout (0.01 against 'paycheck mock --pending-ms 150')" },
    'allow-remote': ALLOW_REMOTE,
  },
  notes: [
    "Also read: PAY_APP_ID / PAY_APP_SECRET (default: the mock's demo application), PAY_SIGN_ENCODING, PAY_SEED.",
    'Exit status: 0 the order ended paid, 1 otherwise (failed, closed, cancelled, refused, unknown), 2 bad input, 3 the target does not answer.',
  ].join('\n'),
});

export const AUDIT = defineCommand({
  name: 'audit',
  judges: true,
  usage: '[FILE|-] [--base-url URL] [--order-id ID] [--time-scale F] [--json]',
  description: [
    "Judges a cashier's conduct from the mock's request journal against the documented practice:",
    'after a 1002 or a timeout, query every 5–10 s, stop by 30 s, cancel only without a result and',
    'not before 15 s, never pay the same order_id twice, leave no order open.',
  ].join('\n'),
  arguments: { FILE: "a journal as JSON ({\"entries\": [...]} or an array); '-' reads standard input" },
  options: {
    from: { type: 'string', value: 'FILE', description: "the journal file, as FILE ('-': standard input; a URL here is deprecated: use --base-url)" },
    'base-url': baseUrl('the running mock whose journal is judged (GET /__mock/journal)'),
    'order-id': { type: 'string', value: 'ID', description: 'judge this order only' },
    'time-scale': { type: 'number', range: RANGES.timeScale, value: 'F', description: "multiplies every time bound (0.01 for a cashier run against 'paycheck mock --pending-ms 150')" },
    json: { type: 'boolean', description: 'print the report as JSON' },
    'allow-remote': { type: 'boolean', description: 'read the journal of a mock that is not on loopback' },
  },
  notes: [
    'With neither FILE nor --from, the journal is fetched (GET /__mock/journal) from the mock at',
    '--base-url, else PAY_BASE_URL; with none of them it is read from standard input.',
    'Exit status: 0 every order passes, 1 findings (or no order in the journal), 2 bad input, 3 the mock does not answer.',
  ].join('\n'),
});

export const PROXY = defineCommand({
  name: 'proxy',
  usage: '--upstream URL [--port N] [--errors] [--record FILE] | --replay FILE --upstream URL',
  description: [
    "Listens on 127.0.0.1 and forwards every call to the upstream unchanged, the answer back unchanged;",
    "judges each exchange — the cashier's request (schema, signature, the flowchart's precedence) and",
    "the server's answer (the contract rules, across calls too) — and journals it as the mock does, so",
    "'paycheck audit --base-url <proxy>' judges the cashier's conduct. Until SIGINT/SIGTERM.",
  ].join('\n'),
  options: {
    upstream: { type: 'string', value: 'URL', description: 'the server every call goes to (loopback unless --allow-remote)' },
    port: { type: 'number', range: RANGES.port, value: 'N', description: `port on 127.0.0.1 (default ${DEFAULT_PROXY_PORT}; 0 = any free port)` },
    'allow-remote': ALLOW_REMOTE,
    errors: { type: 'boolean', description: 'answer a request that breaks the spec at once (3001 / 3002), without forwarding it' },
    record: { type: 'string', value: 'FILE', description: 'write every exchange to FILE as JSON lines, masked, for --replay' },
    replay: { type: 'string', value: 'FILE', description: "send a recorded session to --upstream again, with its timing, through the proxy's checks; print what changed and the findings" },
    'journal-cap': { type: 'number', range: RANGES.journalCap, value: 'N', description: 'most exchanges the journal keeps (default 10000, at most 1000000; oldest dropped)' },
    quiet: QUIET('no per-exchange log lines'),
  },
  notes: [
    "Also read: PAY_APP_ID / PAY_APP_SECRET (whose requests are judged in full; default: the mock's demo application),",
    'PAY_SIGN_ENCODING, PAY_ERROR_CODES. Admin routes: GET /__mock/health, /__mock/journal, /__mock/findings; POST /__mock/reset.',
    'Exit status (--replay): 0 no finding, 1 findings, 2 bad input, 3 the upstream does not answer.',
  ].join('\n'),
});

export const DOCTOR = defineCommand({
  name: 'doctor',
  judges: true,
  usage: '[--base-url URL]',
  description: [
    'Checks the set-up before a run: the Node version, the credentials and the sign encoding, then the',
    'target — reachable, speaking this API, knowing the app, accepting the signature, its error-code',
    'dialect, whether it offers the mock\'s controls, its clock against ours. Nothing it sends can move',
    'money: the app and the signature are confirmed by a lookup of an order that does not exist.',
  ].join('\n'),
  options: {
    'base-url': baseUrl(`the target to check (default: the mock at ${DEFAULT_BASE_URL})`),
  },
  notes: [
    'Also read: PAY_APP_ID / PAY_APP_SECRET (default: the mock\'s demo application), PAY_SIGN_ENCODING.',
    'Exit status: 0 the target can be used, 2 bad settings, 3 the target cannot be used (the cause named).',
  ].join('\n'),
});

export const CONTRACTS = defineCommand({
  name: 'contracts',
  judges: true,
  usage: '[--base-url URL] [-- PLAYWRIGHT_FLAGS…]',
  description: [
    'Runs the bundled contract suite (Playwright API tests, no browser) from any directory: against',
    'the embedded mocks (in-process MSW, the loopback mock and a second one in the table dialect), or',
    'against --base-url, preflighted first. Reports land in ./reports of the current directory.',
  ].join('\n'),
  options: {
    'base-url': baseUrl('the target (default: the embedded mocks)'),
  },
  passThrough: "Playwright's own flags: --grep, --grep-invert, --reporter, --workers, --project …",
  notes: [
    'Also read: PAY_APP_ID / PAY_APP_SECRET, PAY_SIGN_ENCODING, PAY_SEED, PAY_OUTCOMES, PAY_LIVE_PAY_CODES,',
    'PAY_LIVE_LIFECYCLE, PAYCHECK_REPORTERS; PAY_STRICT=1 (paycheck\'s own limits where the seed is silent must',
    'hold; unset, they are reported); PAY_ERROR_CODES, PAY_REPEAT_PAID, PAY_PAY_TYPE, PAY_ORDER_STATUS,',
    'PAY_VOUCHER_FIELDS, PAY_PURCHASE_ANT, PAY_ORDER_ID_MAX, PAY_SIGN_MAX (each demands one reading where the',
    'documents allow two; unset, either is accepted and reported) — docs/contracts.md.',
    'Exit status: 0 every contract held, 1 a contract broke (JUnit <failure>), 2 a bad flag or setting (those after -- too) or flags that select no test, 3 the target cannot be used.',
  ].join('\n'),
});

export const FUZZ = defineCommand({
  name: 'fuzz',
  judges: true,
  usage: '[--base-url URL] [--paths LIST] [--runs N | --duration D] [--seed N] [--stateful] [--replay TOKEN]',
  description: [
    'Property-based testing from openapi.yaml (fast-check): valid signed requests, requests with faults',
    'the flowchart must refuse with their code, sign-aware changes, and with --stateful sequences of pay,',
    'get, check, cancel and refund against a model of the order\'s life. Every answer goes through the',
    'contract checks; a failure is shrunk to a minimal case and printed with a token that replays it.',
  ].join('\n'),
  options: {
    'base-url': baseUrl('the target, preflighted first (default: the embedded mock, on a free port)'),
    paths: { type: 'string', value: 'LIST', description: 'the calls to fuzz, comma-separated (default all: /pay/qrcode,/pay/get,/pay/check,/pay/cancel,/pay/refund)' },
    runs: { type: 'string', value: 'N', description: `runs of each property (default ${DEFAULT_RUNS})` },
    duration: { type: 'string', value: 'D', description: 'a time budget instead of --runs, shared by the properties: 30s, 10m, 1h' },
    seed: { type: 'string', value: 'N', env: 'PAY_SEED', description: "the run's seed (default random; always printed)" },
    stateful: { type: 'boolean', description: "also run sequences of calls against a model of the order's documented life" },
    replay: { type: 'string', value: 'TOKEN', description: 'send one printed failure again, its minimal case only' },
    'report-dir': { type: 'string', value: 'DIR', description: 'where fuzz.txt, fuzz.json and fuzz-junit.xml go (default reports)' },
  },
  notes: [
    'Also read: PAY_APP_ID / PAY_APP_SECRET, PAY_SIGN_ENCODING, PAY_ERROR_CODES, PAY_RSA_PRIVATE_KEY_FILE (sign_type RSA',
    'against --base-url), and for a target not on loopback PAY_LIVE_PAY_CODES, PAY_LIVE_LIFECYCLE (docs/fuzz.md).',
    'Exit status: 0 no finding, 1 a finding (its minimal case printed), 2 bad flags or settings, 3 the target cannot be used.',
  ].join('\n'),
});
