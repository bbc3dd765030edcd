/**
 * `paycheck fuzz` earns its place: against the embedded mock it finds nothing (a fixed seed with
 * the stateful model too, and a random seed, printed); each fuzz-only broken variant passes the
 * whole contract suite and is found by the fuzzer within its default budget, shrunk to a minimal
 * case naming the rule, exit 1; the printed token replays that case; a target off loopback gets
 * no request that could pay unless real test pay codes are given, and then each code once.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { createNodeEngine } from '../../src/adapters/http/build-engine.ts';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { FUZZ_ONLY_VARIANTS } from '../../src/runners/contracts/broken/variants.ts';
import { startBrokenServer } from '../../src/runners/contracts/broken/server.ts';
import { ALL_CASES } from '../../src/runners/contracts/cases/all-cases.ts';
import { runCasesAgainst } from '../../src/runners/contracts/support/suite-runner.ts';
import { runFuzz } from '../../src/runners/fuzz/run-fuzz.ts';
import { CALL_PATHS } from '../../src/runners/fuzz/spec-schema.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { API_PATHS } from '../../src/kernel/spec/api-paths.ts';

const work = mkdtempSync(join(tmpdir(), 'paycheck-fuzz-'));
const servers: MockServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(work, { recursive: true, force: true });
});
async function serve(start: Promise<MockServer>): Promise<MockServer> {
  const server = await start;
  servers.push(server);
  return server;
}

let runs = 0;
async function fuzz(args: string[]) {
  const dir = join(work, `run-${++runs}`);
  const lines: string[] = [];
  const io: CliIo = { out: (l) => lines.push(l), err: (l) => lines.push(l), readStdin: async () => '', env: {} };
  const code = await main(['fuzz', ...args, '--report-dir', dir], io);
  const json = existsSync(join(dir, 'fuzz.json')) ? (JSON.parse(readFileSync(join(dir, 'fuzz.json'), 'utf8')) as FuzzJson) : undefined;
  return { code, out: lines.join('\n'), dir, json };
}

interface FuzzJson {
  properties: { id: string; status: string; failure?: { token: string; steps: { label: string; done: string[]; expected: string; request: { body: string }; findings: { rule: string; path: string; severity: string }[] }[] } }[];
  coverage: { fields: { call: string; field: string; present: number; values: Record<string, number> }[]; codes: { call: string; codes: Record<string, number> }[] };
}

test('against the embedded mock, every property and the stateful model at a fixed seed: no finding, exit 0, reports and coverage written', async () => {
  const { code, out, dir, json } = await fuzz(['--stateful', '--seed', '20261201']);
  assert.equal(code, 0, out);
  assert.match(out, /no finding in/);
  for (const file of ['fuzz.txt', 'fuzz.json', 'fuzz-junit.xml']) assert.ok(existsSync(join(dir, file)), file);
  assert.match(readFileSync(join(dir, 'fuzz-junit.xml'), 'utf8'), /<testsuites name="paycheck fuzz" tests="16" failures="0"/);
  const field = (call: string, name: string) => json!.coverage.fields.find((f) => f.call === call && f.field === name)!;
  assert.ok(field(API_PATHS.pay, 'sign_type').values.RSA > 0, 'RSA signed too, against the key the embedded mock holds');
  assert.ok(field(API_PATHS.pay, 'pay_code').values['wechat channel'] > 0 && field(API_PATHS.pay, 'pay_code').values['alipay channel'] > 0);
  const payCodes = json!.coverage.codes.find((c) => c.call === API_PATHS.pay)!.codes;
  for (const c of ['1000', '1001', '1002', '1003', '3001', '3002', '3003', '3004']) assert.ok(payCodes[c] > 0, `the pay call answered ${c}: ${JSON.stringify(payCodes)}`);
  assert.match(readFileSync(join(dir, 'fuzz.txt'), 'utf8'), /coverage — stateful commands/);
});

test('and at a random seed, printed: no finding', async () => {
  const seed = String(Math.floor(Math.random() * 2 ** 31));
  console.log(`paycheck fuzz random seed: ${seed}`);
  const { code, out } = await fuzz(['--stateful', '--runs', '10', '--seed', seed]);
  assert.equal(code, 0, `seed ${seed}:\n${out}`);
});

/** Where each variant is broken: the calls its test fuzzes, with the default budget of runs. */
const FUZZ_ARGS: Readonly<Record<string, string[]>> = {
  'get-both-names-500': ['--paths', API_PATHS.get],
  'app-sercet-field-tolerated': ['--paths', API_PATHS.pay],
  'refund-after-unpaid-cancel': ['--paths', API_PATHS.refund, '--stateful'],
};

/** Each variant's run, kept for the replay test. */
const found = new Map<string, FuzzJson>();

describe('each fuzz-only broken variant: the contract suite passes it, paycheck fuzz finds it, shrunk, naming the rule', () => {
  for (const variant of FUZZ_ONLY_VARIANTS) {
    test(`${variant.name}: ${variant.breaks}`, async () => {
      const server = await serve(startBrokenServer(variant));
      const [suite, fuzzed] = await Promise.all([runCasesAgainst(server.url, ALL_CASES), fuzz(['--base-url', server.url, '--seed', '7', ...FUZZ_ARGS[variant.name]])]);
      assert.deepEqual(suite.failures, [], 'the hand-written suite does not see it');
      assert.equal(fuzzed.code, 1, fuzzed.out);
      found.set(variant.name, fuzzed.json!);
      const failed = fuzzed.json!.properties.filter((p) => p.failure);
      assert.ok(failed.length > 0);
      for (const p of failed) {
        const last = p.failure!.steps.at(-1)!;
        const rules = new Set(last.findings.filter((f) => f.severity === 'error').map((f) => f.rule));
        for (const rule of variant.caughtBy) assert.ok(rules.has(rule), `${p.id} should break ${rule}; broke ${[...rules].join(', ')}`);
        assert.match(fuzzed.out, new RegExp(`replay: paycheck fuzz --replay ${p.failure!.token.replace(/[+/]/g, '\\$&')}`));
      }
      // Shrunk: one request, or the few calls a stateful case needs.
      assert.ok(failed.every((p) => p.failure!.steps.length <= 3), JSON.stringify(failed.map((p) => p.failure!.steps.map((s) => s.label))));
      assert.match(fuzzed.out, /curl -sS -X POST/);
    });
  }
});

/** A case with the ids a target remembers (fresh on every run) and the sign over them left out. */
function comparable(json: FuzzJson) {
  const failure = json.properties.find((p) => p.failure)!.failure!;
  return failure.steps.map((s) => {
    const { order_id: _o, trade_no: _t, refund_order_id: _r, sign: _s, ...rest } = JSON.parse(s.request.body) as Record<string, unknown>;
    return { label: s.label, done: s.done, expected: s.expected, body: rest, findings: s.findings.map((f) => `${f.rule} ${f.path}`) };
  });
}

test('--replay sends a printed failure again exactly: the same calls, values and findings, on a fresh target, with new ids', async () => {
  for (const name of ['refund-after-unpaid-cancel', 'get-both-names-500']) {
    const variant = FUZZ_ONLY_VARIANTS.find((v) => v.name === name)!;
    const first = found.get(name);
    assert.ok(first, `${name} was found above`);
    const token = first.properties.find((p) => p.failure)!.failure!.token;
    const again = await fuzz(['--base-url', (await serve(startBrokenServer(variant))).url, '--replay', token]);
    assert.equal(again.code, 1, again.out);
    assert.deepEqual(again.json!.properties.map((p) => [p.id, p.status]), [[token.split('~')[0], 'failed']], 'only the property named, one case');
    assert.deepEqual(comparable(again.json!), comparable(first), name);
  }
  const passes = await fuzz(['--replay', 'get-positive~md5~1~0']);
  assert.equal(passes.code, 0, `a case that passes now: exit 0\n${passes.out}`);
  const mock = await serve(startMockServer({ port: 0 }));
  const keyless = await fuzz(['--base-url', mock.url, '--replay', 'get-positive~rsa~1~0']);
  assert.equal(keyless.code, 2, 'a case found with RSA signing needs the key to be drawn again');
  assert.match(keyless.out, /PAYCHECK_USAGE .*PAY_RSA_PRIVATE_KEY_FILE/);
});

test('a target off loopback is sent nothing that reaches the pay step, unless PAY_LIVE_PAY_CODES are given — and then each code once', async () => {
  const engine = createNodeEngine({ pendingMs: 1000 });
  const paid: string[] = [];
  const handle: typeof engine.handle = (request) => {
    const response = engine.handle(request);
    const code = (JSON.parse(typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body)) as { code?: number }).code;
    if (request.path === API_PATHS.pay && (code === 1000 || code === 1001 || code === 1002)) paid.push(String((JSON.parse(request.body as string) as { pay_code: string }).pay_code));
    return response;
  };
  const mock = await serve(startMockServer({ port: 0, engine: { ...engine, handle } }));
  // The loopback mock stands in for a remote target: what is sent is decided by `loopback: false`.
  const remote = { baseUrl: mock.url, app: { ...DEMO_APP }, encoding: 'base64' as const, loopback: false, moneyAllowed: false, lifecycleWrites: false, livePayCodes: [] };
  const safe = await runFuzz({ document: loadSpec(), target: remote, paths: CALL_PATHS, stateful: true, budget: { runs: 15 }, seed: 3 });
  assert.deepEqual(paid, []);
  assert.equal(engine.orders.size, 0);
  assert.deepEqual(safe.properties.filter((p) => p.status === 'skipped').map((p) => p.id), ['qrcode-positive', 'stateful']);
  assert.ok(safe.properties.every((p) => p.status !== 'failed'), JSON.stringify(safe.properties.filter((p) => p.failure).map((p) => p.id)));

  const codes = ['134567890123456789', '284637162531748290'];
  const spending = await runFuzz({ document: loadSpec(), target: { ...remote, moneyAllowed: true, livePayCodes: codes }, paths: [API_PATHS.pay], stateful: false, budget: { runs: 15 }, seed: 3 });
  assert.deepEqual([...paid].sort(), [...codes].sort(), 'each real code once, and no other');
  assert.ok(spending.properties.find((p) => p.id === 'qrcode-positive')!.skips > 0, 'the runs past the codes are skipped');
});

test('docs/fuzz.md lists every fuzz-only variant with the rules that catch it, and the command is in docs/cli.md', () => {
  const doc = readFileSync('docs/fuzz.md', 'utf8');
  for (const variant of FUZZ_ONLY_VARIANTS) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${variant.name}\` |`));
    assert.ok(row, `${variant.name} missing from docs/fuzz.md`);
    for (const rule of variant.caughtBy) assert.ok(row.includes(`\`${rule}\``), `${variant.name}: ${rule} not in its row`);
  }
  assert.match(doc, /## Compared with Schemathesis/);
});
