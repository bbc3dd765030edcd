/**
 * The secret-leak test (issue 12): with a secret and pay codes of its own, every command that
 * `paycheck --help` lists runs, and every report is written — passing and failing: the contract
 * suite against a broken variant that also echoes the secret and pay codes back (a hostile target),
 * load runs that pass and fail with their JSON and JUnit, the mock with its log, journal and
 * snapshot, checkout, audit, doctor, sign / explain / verify with `--compare` in each spelling.
 * Neither the secret nor a pay code may appear in any stdout, stderr or file written, raw, in hex,
 * Base64 or URL-encoded; and no pay-code-shaped value at all outside the commands whose output is
 * the data (sign's signed request, gen's generated requests). The expected spellings are made
 * here with Buffer, not with the masking module under test.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { createNodeEngine } from '../../src/adapters/http/build-engine.ts';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { variantByName } from '../../src/runners/contracts/broken/variants.ts';
import { CONTRACT_PENDING_MS } from '../../src/runners/contracts/support/target.ts';
import type { MockHandler } from '../../src/engine/index.ts';

const APP_ID = 'leak-probe-app';
const SECRET = 'S3cr3t-L3ak-Probe-7Qz9';
const OWN = { PAY_APP_ID: APP_ID, PAY_APP_SECRET: SECRET };
/** A WeChat code, and an Alipay code long enough that a JSON number of it is written with an exponent. */
const CODES = ['139876543210987654', '287654321098765432109876'] as const;
const BIN = join(import.meta.dirname, '../../bin/paycheck.js');

const work = mkdtempSync(join(tmpdir(), 'paycheck-leak-'));
after(() => rmSync(work, { recursive: true, force: true }));

// ── what must never show ────────────────────────────────────────────────────────────────────────

/** The Base64 characters that depend on `bytes` alone, `offset` bytes into a longer text. */
function alignedBase64(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
}

function encodings(text: string): string[] {
  const bytes = Buffer.from(text);
  const aligned = [0, 1, 2].map((offset) => alignedBase64(bytes, offset));
  return [
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('base64'),
    bytes.toString('base64url'),
    ...aligned,
    ...aligned.map((run) => run.replace(/\+/g, '-').replace(/\//g, '_')),
    [...bytes].map((b) => `%${b.toString(16).toUpperCase()}`).join(''),
    [...bytes].map((b) => `%${b.toString(16)}`).join(''),
  ];
}

/** Ten characters of the secret in a row, or any whole encoding of it. */
const SECRET_NEEDLES = [...Array.from({ length: SECRET.length - 9 }, (_, i) => SECRET.slice(i, i + 10)), ...encodings(SECRET)];

/**
 * A pay code's hidden digits (masking keeps the first and the last four) in each form it takes:
 * as sent, as JSON.parse and JSON.stringify make it again (digits, or an exponent), and encoded.
 */
const PAY_CODE_NEEDLES = CODES.flatMap((code) => {
  const parsed = Number(code);
  const forms = [code, JSON.stringify(parsed), BigInt(parsed).toString()];
  return [...forms.map((form) => form.slice(4, -4)), ...encodings(code)];
});

/**
 * Written independently of src/kernel/channel.ts: WeChat 18 digits 10–15…, Alipay 16–24 digits
 * 25–30…, not right after a letter (an id), a digit or a decimal point (a fraction, such as the
 * load summary's microseconds).
 */
const PAY_CODE_SHAPED = /(?<![0-9A-Za-z.])(?:1[0-5][0-9]{16}|(?:2[5-9]|30)[0-9]{14,22})(?![0-9])/;

interface Seen {
  label: string;
  text: string;
  /** The output is the data: sign's signed request, gen's requests. */
  payCodesAreData?: boolean;
}
const seen: Seen[] = [];

function assertClean({ label, text, payCodesAreData }: Seen): void {
  for (const needle of SECRET_NEEDLES) assert.equal(text.includes(needle), false, `${label}: shows the secret as ${needle}\n${excerpt(text, needle)}`);
  if (payCodesAreData) return;
  for (const needle of PAY_CODE_NEEDLES) assert.equal(text.includes(needle), false, `${label}: shows a pay code as ${needle}\n${excerpt(text, needle)}`);
  const shaped = PAY_CODE_SHAPED.exec(text);
  assert.equal(shaped, null, `${label}: shows a pay-code-shaped value ${shaped?.[0]}\n${shaped ? excerpt(text, shaped[0]) : ''}`);
}

function excerpt(text: string, needle: string): string {
  const at = text.indexOf(needle);
  return text.slice(Math.max(0, at - 200), at + needle.length + 200);
}

function record(entry: Seen): void {
  seen.push(entry);
  assertClean(entry);
}

// ── running commands ────────────────────────────────────────────────────────────────────────────

const commandsRun = new Set<string>();

/** A command in this process, through the CLI's one entry (as bin/paycheck.js calls it). */
async function cli(args: string[], { env = OWN as Record<string, string>, payCodesAreData = false } = {}) {
  commandsRun.add(args[0]);
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '', env };
  const code = await main(args, io);
  record({ label: `paycheck ${args.join(' ')} (stdout)`, text: out.join('\n'), payCodesAreData });
  record({ label: `paycheck ${args.join(' ')} (stderr)`, text: err.join('\n') });
  assert.notEqual(code, 70, `paycheck ${args.join(' ')}: internal error\n${err.join('\n')}`);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** The bin in a child process: its stdout and stderr are what a user's terminal gets. */
function child(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Child {
  commandsRun.add(args[0]);
  const env = { ...process.env, PAY_BASE_URL: '', PAYCHECK_TARGETS: '', PAY_SEED: '', ...OWN, ...options.env };
  const proc = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('close', resolve));
  return { process: proc, stdout: () => stdout, stderr: () => stderr, exited };
}

function recordChild(label: string, run: Child): void {
  record({ label: `${label} (stdout)`, text: run.stdout() });
  record({ label: `${label} (stderr)`, text: run.stderr() });
}

// ── the mock, as a user starts it ───────────────────────────────────────────────────────────────

let mock: Child;
let mockUrl: string;
const snapshot = join(work, 'mock-snapshot.json');

before(async () => {
  mock = child(['mock', '--port', '0', '--pending-ms', '150', '--snapshot', snapshot]);
  mockUrl = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(mock.stdout())?.[1];
      if (url) {
        clearInterval(timer);
        resolve(url);
      }
    }, 50);
    void mock.exited.then(() => reject(new Error(`the mock exited: ${mock.stderr()}`)));
  });
});
after(async () => {
  if (mock.process.exitCode === null) mock.process.kill('SIGTERM');
  await mock.exited;
});

/** A request signed with the probe secret, its pay code written as given (a JSON number when `numeric`). */
function signedBody(payCode: string, numeric: boolean, orderId: string): string {
  const params = { app_id: APP_ID, sign_type: 'MD5', order_id: orderId, pay_code: numeric ? Number(payCode) : payCode, total_amount: '0.01' };
  const signed = nodeSigner.signed(params, { secret: SECRET, encoding: 'base64' });
  // The number as it was typed, not as JSON.stringify would round it.
  return numeric ? JSON.stringify(signed).replace(JSON.stringify(Number(payCode)), payCode) : JSON.stringify(signed);
}

const requestFile = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

// ── the tests ───────────────────────────────────────────────────────────────────────────────────

test('sign, explain and verify: string and numeric pay codes, valid and invalid, --compare in every spelling of the secret', async () => {
  const plain = requestFile('request.json', JSON.stringify({ app_id: APP_ID, sign_type: 'MD5', order_id: 'LEAK1', pay_code: CODES[0], total_amount: '0.01' }));
  const signed = await cli(['sign', plain], { payCodesAreData: true });
  assert.equal(signed.code, 0, signed.err);
  assert.ok(signed.out.includes(CODES[0]), "sign's output is the request to send, its pay code whole");
  const signedFile = requestFile('signed.json', signed.out);
  assert.equal((await cli(['explain', signedFile])).code, 0);
  assert.equal((await cli(['verify', signedFile])).code, 0);
  // The secret given on the command line instead of the environment.
  assert.equal((await cli(['explain', signedFile, '--secret', SECRET], { env: { PAY_APP_ID: APP_ID } })).code, 0);

  const numericFiles = CODES.map((code, i) => {
    const numeric = requestFile(`numeric-${i}.json`, signedBody(code, true, `LEAKN${i}`));
    return { numeric, tampered: requestFile(`tampered-${i}.json`, signedBody(code, true, `LEAKN${i}`).replace('"0.01"', '"0.02"')) };
  });
  // Both codes have more digits than a JSON number keeps: refused (PAYCHECK_INPUT_IMPRECISE), and the refusal names the number, masked.
  for (const files of numericFiles) {
    for (const file of [files.numeric, files.tampered]) {
      for (const command of ['explain', 'verify']) {
        const refused = await cli([command, file]);
        assert.equal(refused.code, 2, refused.err);
        assert.match(refused.err, /PAYCHECK_INPUT_IMPRECISE/);
      }
    }
  }

  const ours = (key: string, value: string) => `app_id=${APP_ID}&${key}=${value}&order_id=LEAK1&pay_code=${CODES[0]}&sign_type=MD5&total_amount=0.01`;
  const raw = Buffer.from(SECRET);
  const compared = [
    ours('app_sercet', SECRET),
    ours('app_secret', SECRET),
    ours('key', SECRET),
    `${SECRET}&app_id=${APP_ID}`,
    ours('app_sercet', raw.toString('base64')),
    ours('app_sercet', raw.toString('base64url')),
    ours('app_sercet', raw.toString('hex')),
    ours('app_sercet', raw.toString('hex').toUpperCase()),
    ours('app_sercet', [...raw].map((b) => `%${b.toString(16)}`).join('')),
    ours('app_sercet', SECRET).replace('sign_type', 'sign_typ'), // the first difference right after the pay code
    ours('app_sercet', SECRET.slice(0, -1)), // a secret one character short
  ];
  for (const string of compared) {
    await cli(['verify', signedFile, '--compare', string]);
    await cli(['verify', numericFiles[0].tampered, '--compare', string]);
  }
});

test('gen: generated requests signed with the secret, the secret never printed', async () => {
  const gen = await cli(['gen', 'request', '--count', '3', '--seed', '7'], { payCodesAreData: true });
  assert.equal(gen.code, 0, gen.err);
  assert.equal(gen.out.split('\n').length, 3);
});

test('the proxy: its log, journal, findings and record, after string and numeric pay codes and a wrong sign; the replay', async () => {
  const recordFile = join(work, 'proxy-session.jsonl');
  const proxy = child(['proxy', '--upstream', mockUrl, '--port', '0', '--record', recordFile]);
  const proxyUrl = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(proxy.stdout())?.[1];
      if (url) (clearInterval(poll), resolve(url));
    }, 20);
    void proxy.exited.then(() => (clearInterval(poll), reject(new Error(`the proxy exited: ${proxy.stderr()}`))));
  });
  for (const [i, code] of CODES.entries()) {
    for (const numeric of [false, true]) {
      const body = signedBody(code, numeric, `LEAKP${i}${numeric ? 'N' : 'S'}`);
      for (const sent of [body, body.replace('"0.01"', '"0.02"')]) {
        const response = await fetch(`${proxyUrl}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sent });
        record({ label: `the proxy's answer to a pay with pay code ${i}${numeric ? ' as a number' : ''}`, text: await response.text() });
      }
    }
  }
  for (const route of ['journal', 'findings', 'health']) record({ label: `the proxy's /__mock/${route}`, text: await (await fetch(`${proxyUrl}/__mock/${route}`)).text() });
  proxy.process.kill('SIGTERM');
  await proxy.exited;
  recordChild('paycheck proxy', proxy);
  assert.match(proxy.stdout(), /request-signature/, 'the log names the wrong signs');
  const replayed = await cli(['proxy', '--replay', recordFile, '--upstream', mockUrl]);
  assert.equal(replayed.code, 1, replayed.out + replayed.err);
});

test('the mock: its log, its journal and its snapshot, after string and numeric pay codes, a checkout, an audit, doctor', async () => {
  for (const [i, code] of CODES.entries()) {
    for (const numeric of [false, true]) {
      const response = await fetch(`${mockUrl}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: signedBody(code, numeric, `LEAKM${i}${numeric ? 'N' : 'S'}`) });
      record({ label: `the mock's answer to a pay with pay code ${i}${numeric ? ' as a number' : ''}`, text: await response.text() });
    }
  }
  const journal = await fetch(`${mockUrl}/__mock/journal`);
  writeFileSync(join(work, 'journal.json'), await journal.text());

  const paid = await cli(['checkout', '--amount', '0.01', '--pay-code', CODES[0], '--base-url', mockUrl]);
  assert.equal(paid.code, 0, paid.out + paid.err);
  const paying = await cli(['checkout', '--amount', '0.30', '--pay-code', CODES[1], '--base-url', mockUrl, '--time-scale', '0.01']);
  assert.match(paying.out, /pay\/get/, 'the cashier queried');
  await cli(['checkout', '--amount', '0.01', '--pay-code', `${CODES[0]}0`, '--base-url', mockUrl]); // not a pay code: refused, masked
  await cli(['audit', '--base-url', mockUrl]);
  await cli(['audit', '--base-url', mockUrl, '--json']);
  assert.equal((await cli(['doctor', '--base-url', mockUrl])).code, 0);

  mock.process.kill('SIGTERM');
  await mock.exited;
  recordChild('paycheck mock', mock);
  assert.match(mock.stdout(), /pay_code=1398\*+7654/, 'the log names the pay code, masked');
});

test('load: a passing run against the mock and a failing one (thresholds broken), their JSON and JUnit reports, and a merge', async () => {
  const passing = await cli(['load', '--profile', 'smoke', '--duration-scale', '0.07', '-q', '--report-dir', join(work, 'load-pass')]);
  assert.equal(passing.code, 0, passing.out + passing.err);
  const failing = await cli(['load', '--profile', 'smoke', '--duration-scale', '0.07', '-q', '--mock-latency', '600', '--report-dir', join(work, 'load-fail')]);
  assert.equal(failing.code, 1, failing.out + failing.err);
  assert.match(readFileSync(join(work, 'load-fail', 'load-junit.xml'), 'utf8'), /<failure/);
  const merged = await cli(['load', 'merge', join(work, 'load-pass', 'load-summary.json'), '--report-dir', join(work, 'load-merged')]);
  assert.equal(merged.code, 0, merged.out + merged.err);
});

test('contracts against a hostile broken variant: failing and passing cases, console, HTML, JUnit and JSON reports', async () => {
  const variant = variantByName('order-id-not-echoed');
  assert.ok(variant);
  const app = { appId: APP_ID, secret: SECRET };
  const engine = createNodeEngine({ apps: [app], signEncoding: 'base64', pendingMs: CONTRACT_PENDING_MS });
  const broken = variant.wrap(engine.handle, { app, encoding: 'base64' });
  const server: MockServer = await startMockServer({ port: 0, engine: { ...engine, handle: echoingSecrets(broken) as typeof engine.handle } });
  try {
    const dir = join(work, 'contracts');
    mkdirSync(dir);
    const run = child(['contracts', '--base-url', server.url, '--', '--grep', 'wechat pay code: paid|pay_code as a number|missing pay_code|signed with a wrong secret'], {
      cwd: dir,
      env: {
        PAYCHECK_REPORTERS: 'list,html,junit,json',
        PAYCHECK_OUTPUT_DIR: join(dir, 'test-results'),
        PAYCHECK_SUMMARY_FILE: join(dir, 'reports', 'contract-summary.json'),
        PLAYWRIGHT_JUNIT_OUTPUT_NAME: join(dir, 'reports', 'junit.xml'),
        PLAYWRIGHT_JSON_OUTPUT_NAME: join(dir, 'reports', 'contracts.json'),
      },
    });
    assert.equal(await run.exited, 1, run.stdout() + run.stderr());
    recordChild('paycheck contracts', run);
    assert.match(readFileSync(join(dir, 'reports', 'junit.xml'), 'utf8'), /<failure/);
    const { stats } = JSON.parse(readFileSync(join(dir, 'reports', 'contracts.json'), 'utf8')) as { stats: { expected: number; unexpected: number } };
    assert.ok(stats.unexpected > 0 && stats.expected > 0, `contracts that broke and contracts that held: ${JSON.stringify(stats)}`);
    assert.match(run.stdout(), /order-id-echo/, 'the failure report is on the console');
  } finally {
    await server.close();
  }
});

/**
 * A target that answers a payment, and a pay code sent as a JSON number, with the secret in its
 * spellings and both pay codes, as strings and as JSON numbers (typed as such: JSON.stringify would
 * round them) — answers the schema then refuses, so their reports are printed. Other answers are
 * left alone, so those contracts hold.
 */
function echoingSecrets(handle: MockHandler): MockHandler {
  const raw = Buffer.from(SECRET);
  const echo = [SECRET, raw.toString('hex'), raw.toString('base64'), raw.toString('base64url'), encodeURIComponent(SECRET), ...CODES].join(' ');
  return async (request) => {
    const response = await handle(request);
    if (!response.headers['content-type']?.startsWith('application/json') || request.path.startsWith('/__mock/')) return response;
    const body = JSON.parse(response.body) as { code?: number; msg?: string };
    const sent = Buffer.from(request.body).toString('utf8');
    if (body.code !== 1000 && !/"pay_code":\s*[0-9]/.test(sent)) return response;
    body.msg = `${body.msg ?? ''} (app_secret=${SECRET}; ${echo})`;
    return { ...response, body: JSON.stringify(body).replace(/}$/, `,"pay_code":${CODES[0]},"auth_code":${CODES[1]}}`) };
  };
}

test('every command paycheck --help lists ran, and --help of each is clean', async () => {
  const help = await cli(['--help']);
  commandsRun.delete('--help');
  const listed = [...help.out.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
  assert.ok(listed.length >= 10, help.out);
  for (const name of listed) await cli([name, '--help']);
  assert.deepEqual(listed.filter((name) => !commandsRun.has(name)), [], 'commands the leak test does not run');
});

test('no file written anywhere in the run shows the secret or a pay code: reports, journal, snapshot, the HTML report inside its zip', () => {
  const files = walk(work);
  assert.ok(files.some((f) => f.endsWith('junit.xml')) && files.some((f) => f.endsWith('load-summary.json')) && files.some((f) => f.endsWith('index.html')), files.join('\n'));
  assert.ok(files.includes(snapshot), 'the mock wrote its snapshot');
  for (const file of files) {
    if (file.endsWith('request.json') || file.endsWith('signed.json') || /numeric-\d|tampered-\d/.test(file)) continue; // the test's own input
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('index.html')) {
      // Playwright's report app, with the run's data as a Base64 zip inside: the data is what is judged.
      const zip = /<template id="playwrightReportBase64">data:application\/zip;base64,([^<]*)<\/template>/.exec(text);
      assert.ok(zip, `${file}: no report data`);
      for (const [name, content] of unzip(Buffer.from(zip[1], 'base64'))) record({ label: `${file} → ${name}`, text: content });
      continue;
    }
    record({ label: file, text });
  }
  assert.ok(seen.length > 100, `${seen.length} outputs judged`);
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The entries of a zip file (its central directory; stored or deflated), as text. */
function unzip(zip: Buffer): [string, string][] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.push([name, (method === 8 ? inflateRawSync(data) : data).toString('utf8')]);
    at += 46 + skip;
  }
  return entries;
}
