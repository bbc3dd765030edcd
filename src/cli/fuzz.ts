/**
 * `paycheck fuzz`: property-based testing of the pay-code API from openapi.yaml (src/runners/fuzz).
 * Without --base-url it starts the embedded mock — which holds an RSA key made for the run, so
 * sign_type RSA is generated too — else it preflights the target first and, off loopback, sends
 * only requests that cannot move money unless PAY_LIVE_PAY_CODES are given (the contract suite's
 * rule). Prints a line per property, each failure as a minimal case with its replay token, the
 * coverage table; writes fuzz.txt, fuzz.json and fuzz-junit.xml. Exit 0 no finding, 1 a finding.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../adapters/http/server.ts';
import { loadSpec } from '../adapters/node/spec-file.ts';
import { propertyLine, renderFuzzJson, renderFuzzJUnit, renderFuzzTail, renderFuzzText } from '../checks/report/fuzz-report.ts';
import { PaycheckError } from '../kernel/errors.ts';
import { seedFrom } from '../kernel/factories/random-source.ts';
import { appCredentialsFrom, embeddedMockApps, signEncodingFrom, type Env } from '../kernel/settings.ts';
import { CONTRACT_PENDING_MS, targetFrom } from '../runners/contracts/support/target.ts';
import { DEFAULT_RUNS, describeBudget, parseDuration, type FuzzBudget } from '../runners/fuzz/budget.ts';
import { parseToken } from '../runners/fuzz/replay-token.ts';
import { runFuzz } from '../runners/fuzz/run-fuzz.ts';
import type { FuzzTarget } from '../runners/fuzz/session.ts';
import { CALL_PATHS, type ApiPath } from '../runners/fuzz/spec-schema.ts';
import type { ParsedCommand } from './command.ts';
import type { FUZZ } from './commands.ts';
import { setting } from './harness-error.ts';
import type { CliIo } from './io.ts';
import { requireUsableTarget } from './target-gate.ts';

type RsaKeys = NonNullable<FuzzTarget['rsa']>;

function pathsOption(value: string | undefined): ApiPath[] {
  if (value === undefined) return [...CALL_PATHS];
  const paths = value.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = paths.filter((p) => !(CALL_PATHS as readonly string[]).includes(p));
  if (paths.length === 0 || unknown.length > 0) throw new PaycheckError('PAYCHECK_USAGE', `--paths: ${unknown.join(', ') || '(none)'} — the calls are ${CALL_PATHS.join(', ')}`);
  return CALL_PATHS.filter((p) => paths.includes(p));
}

function budgetOption(runs: string | undefined, duration: string | undefined): FuzzBudget {
  if (runs !== undefined && duration !== undefined) throw new PaycheckError('PAYCHECK_USAGE', 'give --runs or --duration, not both');
  if (duration !== undefined) return { durationMs: setting(() => parseDuration(duration)) };
  if (runs === undefined) return { runs: DEFAULT_RUNS };
  if (!/^[1-9][0-9]{0,6}$/.test(runs)) throw new PaycheckError('PAYCHECK_BAD_SETTING', `--runs "${runs}" is not a whole number from 1 to 9999999`);
  return { runs: Number(runs) };
}

function newRsaKeys(): RsaKeys {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** PAY_RSA_PRIVATE_KEY_FILE, when set: the target is taken to hold its public half for the app. */
function rsaKeysFrom(env: Env): RsaKeys | undefined {
  const file = env.PAY_RSA_PRIVATE_KEY_FILE;
  if (!file) return undefined;
  const privateKey = readFileSync(file, 'utf8');
  try {
    return { privateKey, publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
  } catch {
    throw new PaycheckError('PAYCHECK_NO_KEY', `PAY_RSA_PRIVATE_KEY_FILE ${file} holds no PEM private key`);
  }
}

export async function runFuzzCommand({ values }: ParsedCommand<typeof FUZZ.options>, io: CliIo): Promise<number> {
  const app = setting(() => appCredentialsFrom(io.env));
  const encoding = setting(() => signEncodingFrom(io.env));
  const paths = pathsOption(values.paths);
  const budget = budgetOption(values.runs, values.duration);
  const seed = setting(() => seedFrom({ PAY_SEED: values.seed }));
  const replay = values.replay === undefined ? undefined : setting(() => parseToken(values.replay!));
  const stateful = values.stateful || replay?.property === 'stateful';
  const reportDir = values['report-dir'] ?? 'reports';
  const baseUrl = values['base-url'];

  let server: MockServer | undefined;
  let target: FuzzTarget;
  if (baseUrl !== undefined) {
    // A target that cannot be used ends here, exit 3, before a generated request is sent.
    io.err(`paycheck fuzz: ${await requireUsableTarget(baseUrl, io.env)}`);
    const { loopback, moneyAllowed, lifecycleWrites, livePayCodes, demands, strict } = setting(() => targetFrom('live', baseUrl, io.env));
    target = { baseUrl, app, encoding, loopback, moneyAllowed, lifecycleWrites, livePayCodes, demands: { demands, strict }, rsa: rsaKeysFrom(io.env) };
  } else {
    // The embedded mock holds a key made for the run; a replay of a case found without one has none.
    const rsa = replay && !replay.rsa ? undefined : newRsaKeys();
    const apps = setting(() => embeddedMockApps(io.env)).map((a) => (a.appId === app.appId && rsa ? { ...a, rsaPublicKey: rsa.publicKey } : a));
    server = await startMockServer({ port: 0, apps, signEncoding: encoding, pendingMs: CONTRACT_PENDING_MS, selfCheck: true });
    target = { baseUrl: server.url, app, encoding, loopback: true, moneyAllowed: true, lifecycleWrites: true, livePayCodes: [], rsa };
  }
  if (replay && replay.rsa !== (target.rsa !== undefined)) {
    // The generators draw sign_type RSA only with a key: the same token draws another case without it.
    throw new PaycheckError('PAYCHECK_USAGE', replay.rsa ? 'the token was found with RSA signing: give PAY_RSA_PRIVATE_KEY_FILE, or replay against the embedded mock' : 'the token was found without RSA signing: unset PAY_RSA_PRIVATE_KEY_FILE for the replay');
  }

  io.out(`paycheck fuzz: ${server ? `the embedded mock ${target.baseUrl}` : target.baseUrl}, app ${app.appId}, sign encoding ${encoding}, seed ${seed}, ${replay ? `replaying ${replay.property}` : describeBudget(budget)}`);
  if (!target.moneyAllowed) io.out('  not loopback and no PAY_LIVE_PAY_CODES: only requests the flowchart refuses before the pay step, and lookups of orders never made, are sent');
  else if (target.livePayCodes.length > 0) io.out(`  ${target.livePayCodes.length} PAY_LIVE_PAY_CODES, each used once; runs that would need another are skipped, and failures are not shrunk`);
  let report;
  try {
    report = await runFuzz({ document: loadSpec(), target, paths, stateful, budget, seed, replay, onProperty: (p) => io.out(propertyLine(p)) });
  } finally {
    await server?.close();
  }
  io.out('');
  io.out(renderFuzzTail(report));
  mkdirSync(reportDir, { recursive: true });
  const files: [string, string][] = [['fuzz.txt', renderFuzzText(report)], ['fuzz.json', renderFuzzJson(report)], ['fuzz-junit.xml', renderFuzzJUnit(report)]];
  for (const [name, text] of files) {
    writeFileSync(join(reportDir, name), text);
    io.out(`wrote ${join(reportDir, name)}`);
  }
  return report.properties.some((p) => p.status === 'failed') ? 1 : 0;
}
