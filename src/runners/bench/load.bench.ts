/**
 * `npm run bench:load`: is the load harness itself ever the bottleneck? Two figures, each with
 * its baseline measured in the same run (a benchmark, not a timed test):
 *
 * 1. Against a bare node:http server in its own process (src/runners/bench/lib/bare-json-server.ts),
 *    pinned to its own core where `taskset` allows (lib/machine.ts): the executor's per-request
 *    path — a fresh order, signed, sent, its answer checked and counted — vs autocannon's raw
 *    figure with one fixed body. Target: ratio ≥ 0.7. Beside it, each side's CPU: the generator's
 *    µs per call and how much of a core each side kept busy (lib/cpu-time.ts), which say whether
 *    the ratio measured the executor's cost or the round trips'.
 * 2. On one core: signing a typical two-item request — the shared signer (what the CLI, the
 *    client and the contract suite use: sign only, and signed + serialized), and the load path's
 *    signing template (signed + serialized). Target: the shared signer ≥ 300k signs/s. Beside
 *    them two floors: the digest floor (the digests of a string already canonical) and the string
 *    floor (those plus the JSON of the request's nested values, which any signer that builds the
 *    string from the request writes).
 *
 * Rounds alternate and are compared in pairs; each figure is printed as the median and range of
 * the rounds, and written to reports/bench/load.json. Exits 1 when a target is missed.
 *
 *   npm run bench:load -- [--seconds 5] [--rounds 5] [--connections 10] [--no-pin]
 */
import { DEMO_APP } from '../../kernel/settings.ts';
import { nodeDataFactory } from '../../adapters/node/node-data-factory.ts';
import { nodeDigests, nodeSigner } from '../../adapters/node/node-digests.ts';
import { fireBatch } from '../load/executor/autocannon-batch.ts';
import { createCallPool } from '../load/executor/call-pool.ts';
import { createRecorder, payRecording } from '../load/executor/recorder.ts';
import { ORDER_POOL_SIZE } from '../load/executor/run-load.ts';
import { buildOrderRecords } from '../load/request/order-pool.ts';
import { createSignedOrderStream, runOrderIdPrefix } from '../load/request/signed-order-stream.ts';
import { createSigningTemplate } from '../load/request/signing-template.ts';
import { canonicalString } from '../../kernel/signing/canonical.ts';
import { parseArgs } from 'node:util';
import { formatSpread, spreadOf, writeBenchResult, type Spread } from './lib/bench-result.ts';
import { describeMachine, pinForBenchmark } from './lib/machine.ts';
import { startServerProcess } from './lib/server-process.ts';
import { measureCpu, type CpuUse } from './lib/cpu-time.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { apiUrl } from '../../kernel/spec/api-url.ts';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '5' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    'no-pin': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(flags.seconds);
const ROUNDS = Number(flags.rounds);
const CONNECTIONS = Number(flags.connections);
const TIMEOUT_S = 10;
const RATIO_TARGET = 0.7;
const SIGNS_TARGET = 300_000;
const pinning = pinForBenchmark(!flags['no-pin']);
const ANSWER = JSON.stringify({ code: 1000, msg: '支付成功', data: {} });
const options = { secret: DEMO_APP.secret, encoding: 'base64' as const };

const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

async function rawRun(url: string, body: string): Promise<{ rps: number; answered: number }> {
  const result = await fireBatch({ url, timeoutS: TIMEOUT_S, connections: CONNECTIONS, durationS: SECONDS, fixed: { body } });
  return { rps: result.requests.average, answered: result.requests.total };
}

/**
 * The executor's own path (call-pool.ts): a fresh signed order per call over its kept-alive
 * connections, each answer checked and counted, CONNECTIONS calls kept in flight for SECONDS.
 */
async function executorRun(url: string): Promise<{ rps: number; answered: number; signUs: number }> {
  const stream = createSignedOrderStream({
    records: buildOrderRecords({ seed: 1, count: ORDER_POOL_SIZE }),
    app: DEMO_APP,
    encoding: 'base64',
    digests: nodeDigests,
    orderIdPrefix: runOrderIdPrefix(Date.now(), Math.random),
    now: () => performance.now(),
  });
  const recorder = createRecorder();
  const pool = createCallPool({ url, timeoutS: TIMEOUT_S, keep: CONNECTIONS, recorder: payRecording(recorder) });
  let serial = 0;
  const next = () => stream.order(serial++);
  const start = performance.now();
  const end = start + SECONDS * 1000;
  const lane = async (): Promise<void> => {
    while (performance.now() < end) await pool.fire(next, 1);
  };
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  } finally {
    pool.close();
  }
  const m = recorder.measurements();
  if (m.answered === 0 || m.codes['1000'] !== m.answered) throw new Error(`the executor's answers were not all 1000: ${JSON.stringify(m.codes)}`);
  return { rps: m.answered / ((performance.now() - start) / 1000), answered: m.answered, signUs: m.signingUs?.mean ?? 0 };
}

/** Operations per second of `fn` over about `ms`, after a warm-up. */
function opsPerSecond(fn: (i: number) => number, ms = 1500): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += fn(i);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) for (let i = 0; i < 1000; i++) sink += fn(n++);
  if (sink === 0.5) console.log('');
  return n / ((performance.now() - start) / 1000);
}

interface HttpFigures {
  raw: Spread;
  executor: Spread;
  ratio: Spread;
  signUs: number;
  /** The generator's CPU µs per call, each side, and raw's over the executor's per round. */
  cpuPerCall: { raw: Spread; executor: Spread; ratio: Spread };
  /** How much of a core each side kept busy (1 is full), by run; the server's only where /proc tells. */
  core: { generator: { raw: Spread; executor: Spread }; server?: { raw: Spread; executor: Spread } };
}

async function httpFigures(): Promise<HttpFigures> {
  const server = await startServerProcess({ script: 'src/runners/bench/lib/bare-json-server.ts', args: [ANSWER], wrap: pinning.onServerCore });
  const url = apiUrl(server.url, API_PATHS.pay);
  try {
    const fixed = JSON.stringify(nodeDataFactory({ seed: 1, app: DEMO_APP, encoding: 'base64' }).signedRequest({ goodsCount: 2 }));
    await rawRun(url, fixed); // warm-up: JIT, sockets
    await executorRun(url);
    const raw: number[] = [];
    const executor: number[] = [];
    // Rounds alternate and are compared in pairs, so drift in the machine's load hits both sides.
    const ratios: number[] = [];
    const use = { raw: [] as CpuUse[], executor: [] as CpuUse[] };
    let signUs = 0;
    const measureRaw = () => measureCpu(server.pid, () => rawRun(url, fixed), (r) => r.answered);
    const measureExecutor = () => measureCpu(server.pid, () => executorRun(url), (e) => e.answered);
    for (let round = 1; round <= ROUNDS; round++) {
      let r: Awaited<ReturnType<typeof measureRaw>>;
      let e: Awaited<ReturnType<typeof measureExecutor>>;
      if (round % 2 === 1) {
        r = await measureRaw();
        e = await measureExecutor();
      } else {
        e = await measureExecutor();
        r = await measureRaw();
      }
      raw.push(r.result.rps);
      executor.push(e.result.rps);
      ratios.push(e.result.rps / r.result.rps);
      use.raw.push(r.cpu);
      use.executor.push(e.cpu);
      signUs = e.result.signUs;
      console.log(
        `  round ${round}: raw autocannon ${thousands(r.result.rps)} req/s, executor ${thousands(e.result.rps)} req/s, ratio ${(e.result.rps / r.result.rps).toFixed(2)}; ` +
          `generator ${r.cpu.generatorUsPerCall.toFixed(1)} / ${e.cpu.generatorUsPerCall.toFixed(1)} µs a call, cores ${coresOf(r.cpu)} / ${coresOf(e.cpu)}`,
      );
    }
    const serverCores = (uses: CpuUse[]) => uses.map((u) => u.serverCore).filter((core): core is number => core !== undefined);
    const serverRaw = serverCores(use.raw);
    const serverExecutor = serverCores(use.executor);
    return {
      raw: spreadOf(raw),
      executor: spreadOf(executor),
      ratio: spreadOf(ratios),
      signUs,
      cpuPerCall: {
        raw: spreadOf(use.raw.map((u) => u.generatorUsPerCall)),
        executor: spreadOf(use.executor.map((u) => u.generatorUsPerCall)),
        ratio: spreadOf(use.raw.map((u, i) => u.generatorUsPerCall / use.executor[i].generatorUsPerCall)),
      },
      core: {
        generator: { raw: spreadOf(use.raw.map((u) => u.generatorCore)), executor: spreadOf(use.executor.map((u) => u.generatorCore)) },
        ...(serverRaw.length === ROUNDS && serverExecutor.length === ROUNDS ? { server: { raw: spreadOf(serverRaw), executor: spreadOf(serverExecutor) } } : {}),
      },
    };
  } finally {
    await server.stop();
  }
}

/** `generator 0.78 + server 0.92` of a core each. */
const coresOf = (cpu: CpuUse): string => `${cpu.generatorCore.toFixed(2)}+${cpu.serverCore === undefined ? '?' : cpu.serverCore.toFixed(2)}`;

/** Each signer in turn, round after round, on this process's core: their rates' spreads. */
function signerFigures(): { signOnly: Spread; naive: Spread; template: Spread; digestFloor: Spread; stringFloor: Spread } {
  const factory = nodeDataFactory({ seed: 2, app: DEMO_APP, encoding: 'base64' });
  const request = factory.unsignedRequest({ goodsCount: 2, withStore: true });
  const template = createSigningTemplate(request, ['order_id', 'pay_code'], options, nodeDigests);
  const code = request.pay_code;
  // The digest floor, which no signer beats beyond the noise: the digests of a string already canonical.
  const canonical = canonicalString(request, options.secret);
  // The string floor, the least a signer that builds the string from the request does: those digests and the JSON of its nested values.
  const nested = Object.values(request).filter((value) => typeof value === 'object' && value !== null);
  const rates = { signOnly: [] as number[], naive: [] as number[], template: [] as number[], digestFloor: [] as number[], stringFloor: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    rates.signOnly.push(opsPerSecond((i) => nodeSigner.sign({ ...request, order_id: `LD${i}` }, options).length));
    rates.naive.push(opsPerSecond((i) => JSON.stringify(nodeSigner.signed({ ...request, order_id: `LD${i}` }, options)).length));
    rates.template.push(opsPerSecond((i) => template.fill([`LD${i}`, code]).body.length));
    rates.digestFloor.push(opsPerSecond((i) => nodeDigests.base64(nodeDigests.md5Hex(canonical + i)).length));
    rates.stringFloor.push(opsPerSecond((i) => nested.reduce((n: number, value) => n + JSON.stringify(value).length, 0) + nodeDigests.base64(nodeDigests.md5Hex(canonical + i)).length));
  }
  return { signOnly: spreadOf(rates.signOnly), naive: spreadOf(rates.naive), template: spreadOf(rates.template), digestFloor: spreadOf(rates.digestFloor), stringFloor: spreadOf(rates.stringFloor) };
}

const rate = (s: Spread) => `${thousands(s.median)} (${thousands(s.min)}–${thousands(s.max)})`;

console.log(`bench:load — ${SECONDS} s per HTTP run, ${ROUNDS} rounds, ${CONNECTIONS} connections, bare node:http baseline server in its own process`);
console.log(`machine: ${describeMachine(pinning.machine)}`);
const http = await httpFigures();
const signs = signerFigures();
const rows = [
  ['raw autocannon, one fixed body (baseline)', `${rate(http.raw)} req/s`],
  ['executor, fresh signed order per request', `${rate(http.executor)} req/s  (signing ${http.signUs.toFixed(1)} µs each)`],
  ['  ratio executor / raw', `${formatSpread(http.ratio)}  (target ≥ ${RATIO_TARGET})`],
  ['generator CPU per call: raw / executor', `${formatSpread(http.cpuPerCall.raw, 1)} / ${formatSpread(http.cpuPerCall.executor, 1)} µs`],
  ['  ratio raw µs / executor µs', `${formatSpread(http.cpuPerCall.ratio)}  (the executor's own cost, whatever the round trips)`],
  ['cores busy, generator: raw / executor', `${formatSpread(http.core.generator.raw)} / ${formatSpread(http.core.generator.executor)}  (below 1: round trips set the pace)`],
  ['cores busy, server: raw / executor', http.core.server ? `${formatSpread(http.core.server.raw)} / ${formatSpread(http.core.server.executor)}` : 'not known (no /proc)'],
  ['signer: sign only (shared signer)', `${rate(signs.signOnly)} signs/s  (target ≥ ${thousands(SIGNS_TARGET)})`],
  ['signer: signed + serialized (shared signer)', `${rate(signs.naive)} /s`],
  ['signer: signed + serialized (load path template)', `${rate(signs.template)} /s  (${(signs.template.median / signs.naive.median).toFixed(2)}× the shared signer)`],
  ['digest floor: MD5 + Base64 of the canonical string', `${rate(signs.digestFloor)} /s  (the shared signer at ${(signs.signOnly.median / signs.digestFloor.median).toFixed(2)} of it)`],
  ['string floor: the digests + the nested values\' JSON', `${rate(signs.stringFloor)} /s  (the least a signer that builds the string does; the shared signer at ${(signs.signOnly.median / signs.stringFloor.median).toFixed(2)} of it)`],
];
console.log('[median (range) of the rounds]');
for (const [name, value] of rows) console.log(`${name.padEnd(50)} ${value}`);
const missed = [
  http.ratio.median < RATIO_TARGET ? `executor/raw ratio ${http.ratio.median.toFixed(2)} < ${RATIO_TARGET}` : '',
  signs.signOnly.median < SIGNS_TARGET ? `shared signer ${thousands(signs.signOnly.median)} signs/s < ${thousands(SIGNS_TARGET)}` : '',
].filter(Boolean);
const file = writeBenchResult('load', {
  machine: pinning.machine,
  settings: { seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS },
  figures: { rps: { raw: http.raw, executor: http.executor }, ratio: { executorToRaw: http.ratio, target: RATIO_TARGET }, cpuPerCallUs: http.cpuPerCall, coresBusy: http.core, signingUs: http.signUs, signsPerSecond: { ...signs, target: SIGNS_TARGET } },
  pass: missed.length === 0,
});
console.log(missed.length === 0 ? 'PASS: every target met' : `MISSED: ${missed.join('; ')}`);
console.log(`result written to ${file}`);
process.exitCode = missed.length === 0 ? 0 : 1;
