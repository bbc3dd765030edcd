/**
 * `npm run bench:load`: is the load harness itself ever the bottleneck? Two figures, each with
 * its baseline measured in the same run (a benchmark, not a timed test):
 *
 * 1. Against a bare node:http server in its own process (src/runners/bench/lib/bare-json-server.ts): the
 *    executor's per-request path — a fresh order, signed, sent, its answer checked and counted —
 *    vs autocannon's raw figure with one fixed body. Target: ratio ≥ 0.5.
 * 2. On one core: signing a typical two-item request — the shared signer (sign only, and signed
 *    + serialized, the naive per-request path), and the load path's signing template (signed +
 *    serialized). Target: ≥ 200k signs/s.
 *
 * Exits 1 when a target is missed. BENCH_SECONDS (default 5) sets each HTTP run's length.
 */
import { DEMO_APP } from '../../kernel/settings.ts';
import { nodeDataFactory } from '../../adapters/node/node-data-factory.ts';
import { nodeDigests, nodeSigner } from '../../adapters/node/node-digests.ts';
import { fireBatch } from '../load/executor/autocannon-batch.ts';
import { createRecorder, payRecording } from '../load/executor/recorder.ts';
import { ORDER_POOL_SIZE } from '../load/executor/run-load.ts';
import { buildOrderRecords } from '../load/request/order-pool.ts';
import { createSignedOrderStream, runOrderIdPrefix } from '../load/request/signed-order-stream.ts';
import { createSigningTemplate } from '../load/request/signing-template.ts';
import { median } from './lib/report.ts';
import { startServerProcess } from './lib/server-process.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 3;
const CONNECTIONS = 10;
const TIMEOUT_S = 10;
const RATIO_TARGET = 0.5;
const SIGNS_TARGET = 200_000;
const ANSWER = JSON.stringify({ code: 1000, msg: '支付成功', data: {} });
const options = { secret: DEMO_APP.secret, encoding: 'base64' as const };

const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');

async function rawRun(url: string, body: string): Promise<number> {
  const result = await fireBatch({ url, timeoutS: TIMEOUT_S, connections: CONNECTIONS, durationS: SECONDS, fixed: { body } });
  return result.requests.average;
}

async function executorRun(url: string): Promise<{ rps: number; sent: number; signUs: number }> {
  const stream = createSignedOrderStream({
    records: buildOrderRecords({ seed: 1, count: ORDER_POOL_SIZE }),
    app: DEMO_APP,
    encoding: 'base64',
    digests: nodeDigests,
    orderIdPrefix: runOrderIdPrefix(Date.now(), Math.random),
    now: () => performance.now(),
  });
  const recorder = createRecorder();
  let serial = 0;
  const result = await fireBatch({ url, timeoutS: TIMEOUT_S, connections: CONNECTIONS, durationS: SECONDS, next: () => stream.order(serial++), recorder: payRecording(recorder) });
  const m = recorder.measurements();
  if (m.answered === 0 || m.codes['1000'] !== m.answered) throw new Error(`the executor's answers were not all 1000: ${JSON.stringify(m.codes)}`);
  return { rps: result.requests.average, sent: m.sent, signUs: m.signingUs?.mean ?? 0 };
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

async function httpFigures(): Promise<{ raw: number; executor: number; ratio: number; signUs: number }> {
  const server = await startServerProcess({ script: 'src/runners/bench/lib/bare-json-server.ts', args: [ANSWER] });
  const url = server.url + API_PATHS.pay;
  try {
    const fixed = JSON.stringify(nodeDataFactory({ seed: 1, app: DEMO_APP, encoding: 'base64' }).signedRequest({ goodsCount: 2 }));
    await rawRun(url, fixed); // warm-up: JIT, sockets
    const raw: number[] = [];
    const executor: number[] = [];
    // Rounds alternate and are compared in pairs, so drift in the machine's load hits both sides.
    const ratios: number[] = [];
    let signUs = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      raw.push(await rawRun(url, fixed));
      const e = await executorRun(url);
      executor.push(e.rps);
      ratios.push(e.rps / (raw.at(-1) ?? 1));
      signUs = e.signUs;
      console.log(`  round ${round}: raw autocannon ${thousands(raw.at(-1) ?? 0)} req/s, executor ${thousands(e.rps)} req/s`);
    }
    return { raw: median(raw), executor: median(executor), ratio: median(ratios), signUs };
  } finally {
    await server.stop();
  }
}

function signerFigures() {
  const factory = nodeDataFactory({ seed: 2, app: DEMO_APP, encoding: 'base64' });
  const request = factory.unsignedRequest({ goodsCount: 2, withStore: true });
  const template = createSigningTemplate(request, ['order_id', 'pay_code'], options, nodeDigests);
  const code = request.pay_code;
  return {
    signOnly: opsPerSecond((i) => nodeSigner.sign({ ...request, order_id: `LD${i}` }, options).length),
    naive: opsPerSecond((i) => JSON.stringify(nodeSigner.signed({ ...request, order_id: `LD${i}` }, options)).length),
    template: opsPerSecond((i) => template.fill([`LD${i}`, code]).body.length),
  };
}

console.log(`bench:load — ${SECONDS} s per HTTP run, ${ROUNDS} rounds, ${CONNECTIONS} connections, bare node:http baseline server in its own process`);
const http = await httpFigures();
const signs = signerFigures();
const rows = [
  ['raw autocannon, one fixed body (baseline)', `${thousands(http.raw)} req/s`],
  ['executor, fresh signed order per request', `${thousands(http.executor)} req/s  (signing ${http.signUs.toFixed(1)} µs each)`],
  ['  ratio executor / raw (median of rounds)', `${http.ratio.toFixed(2)}  (target ≥ ${RATIO_TARGET})`],
  ['signer: sign only (shared signer)', `${thousands(signs.signOnly)} signs/s`],
  ['signer: signed + serialized (naive baseline)', `${thousands(signs.naive)} /s`],
  ['signer: signed + serialized (load path template)', `${thousands(signs.template)} /s  (${(signs.template / signs.naive).toFixed(2)}× naive)`],
];
for (const [name, value] of rows) console.log(`${name.padEnd(50)} ${value}`);
const missed = [
  http.ratio < RATIO_TARGET ? `executor/raw ratio ${http.ratio.toFixed(2)} < ${RATIO_TARGET}` : '',
  signs.signOnly < SIGNS_TARGET ? `shared signer ${thousands(signs.signOnly)} signs/s < ${thousands(SIGNS_TARGET)}` : '',
  signs.template < SIGNS_TARGET ? `load path ${thousands(signs.template)} signed requests/s < ${thousands(SIGNS_TARGET)}` : '',
].filter(Boolean);
console.log(missed.length === 0 ? 'PASS: every target met' : `MISSED: ${missed.join('; ')}`);
process.exitCode = missed.length === 0 ? 0 : 1;
