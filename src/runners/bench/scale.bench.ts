/**
 * `npm run bench:scale`: how cost grows with the work, for docs/performance.md. Four tables, each
 * from this run on this machine, written to reports/bench/scale.json:
 *
 * 1. The mock as `npm run mock` starts it (default log, default store cap, the store filled past
 *    its cap first), at 1, 10, 50, 200 and 1 000 connections: req/s, p50, p99, errors.
 * 2. Heap and RSS of an engine whose store holds 10 000, 100 000 and 1 000 000 orders, each in a
 *    process of its own with --expose-gc.
 * 3. The request journal: time per entry appended and heap per entry kept.
 * 4. The executor against a bare node:http server at target rates from 500 to 20 000 req/s: what
 *    it achieved and how many arrivals it dropped — the rate where it stops keeping up.
 *
 *   npm run bench:scale -- [--seconds 5] [--only connections,caps,journal,executor] [--no-pin]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sendOutbound } from '../../adapters/client/outbound.ts';
import { DEFAULT_STORE_CAP } from '../../engine/index.ts';
import { createJournal } from '../../engine/journal.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { apiUrl } from '../../kernel/spec/api-url.ts';
import { runLoad } from '../load/executor/run-load.ts';
import { fireBatch } from '../load/executor/autocannon-batch.ts';
import type { LoadProfile } from '../load/profiles/profiles.ts';
import { writeBenchResult } from './lib/bench-result.ts';
import { describeMachine, pinForBenchmark } from './lib/machine.ts';
import { startServerProcess } from './lib/server-process.ts';
import { signedBodies } from './lib/signed-bodies.ts';
import { storeMemory } from './lib/store-memory.ts';

const PAYCHECK = fileURLToPath(new URL('../../../bin/paycheck.js', import.meta.url));
const BARE = fileURLToPath(new URL('./lib/bare-json-server.ts', import.meta.url));
const CONNECTIONS = [1, 10, 50, 200, 1_000];
const CAPS = [10_000, 100_000, 1_000_000];
const RATES = [500, 1_000, 2_000, 5_000, 10_000, 20_000];

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    only: { type: 'string', default: 'connections,caps,journal,executor' },
    'no-pin': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(flags.seconds);
const only = new Set(flags.only!.split(','));

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

async function connectionsTable(onServerCore: (argv: readonly string[]) => string[]) {
  const bodies = signedBodies(700_000, 'C');
  let cursor = 0;
  // Past the pool's end a body would repeat (and be refused as a repeat): the check below says so.
  const next = () => ({ body: bodies[cursor++ % bodies.length] });
  const evicted = async () => (JSON.parse((await sendOutbound(apiUrl(server.url, '/__mock/health'), { method: 'GET', timeoutMs: 5_000 })).text) as { evicted: number }).evicted;
  const server = await startServerProcess({ script: PAYCHECK, args: ['mock', '--port', '0'], readyPath: '/__mock/health', wrap: onServerCore });
  const rows: { connections: number; rps: number; p50: number; p99: number; errors: number }[] = [];
  try {
    const url = apiUrl(server.url, API_PATHS.pay);
    await fireBatch({ url, timeoutS: 10, connections: 50, amount: DEFAULT_STORE_CAP, next });
    const evictedBefore = await evicted();
    for (const connections of CONNECTIONS) {
      await fireBatch({ url, timeoutS: 10, connections, durationS: 1, next });
      const r = await fireBatch({ url, timeoutS: 10, connections, durationS: SECONDS, next });
      if (cursor > bodies.length) throw new Error('the body pool ran out: bodies repeated');
      rows.push({ connections, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx });
    }
    if ((await evicted()) === evictedBefore) throw new Error('the store evicted nothing while measured');
  } finally {
    await server.stop();
  }
  console.log('\nThe mock (default log, store past its cap of 100 000) by connections');
  console.log(table(['connections', 'req/s', 'p50 ms', 'p99 ms', 'errors'], rows.map((r) => [r.connections, thousands(r.rps), r.p50, r.p99, r.errors])));
  return rows;
}

function capsTable() {
  const rows = CAPS.map((cap) => storeMemory(cap, cap));
  console.log('\nThe order store, full, by cap (an engine in a process of its own)');
  console.log(table(['orders stored', 'heap MiB', 'RSS MiB', 'heap bytes per order'], rows.map((r) => [thousands(r.cap), r.heapMiB.toFixed(1), r.rssMiB.toFixed(1), thousands(r.bytesPerOrder)])));
  return rows;
}

function journalTable() {
  const cap = 100_000;
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = () => (gc?.(), gc?.(), process.memoryUsage().heapUsed);
  const ids = Array.from({ length: cap }, (_, i) => `J${String(i).padStart(9, '0')}`);
  const before = heap();
  const journal = createJournal(cap);
  const appendAll = (round: number) => {
    for (let i = 0; i < cap; i++) {
      journal.append({ at_ms: round * cap + i, method: 'POST', path: API_PATHS.pay, app_id: 'paycheck-demo-app', order_id: ids[i], trade_no: ids[i], code: 1000, order_status: 1, scenario: 'SUCCESS' });
    }
  };
  appendAll(0);
  const kept = heap() - before;
  const rounds = 10;
  const start = performance.now();
  for (let round = 1; round <= rounds; round++) appendAll(round);
  const nsPerEntry = ((performance.now() - start) * 1e6) / (rounds * cap);
  const row = { cap, nsPerAppend: nsPerEntry, bytesPerEntry: gc ? kept / cap : undefined };
  console.log('\nThe request journal (cap 100 000, full; ids shared with the caller, as the engine shares them)');
  console.log(table(['append, ns per entry', 'heap bytes per entry kept'], [[nsPerEntry.toFixed(0), row.bytesPerEntry === undefined ? 'run with --expose-gc' : thousands(row.bytesPerEntry)]]));
  return row;
}

const constantRate = (rate: number): LoadProfile => ({
  kind: 'pay',
  name: `constant-${rate}`,
  purpose: 'bench:scale: the executor at one target rate',
  startRate: rate,
  stages: [{ durationS: SECONDS, target: rate }],
  preAllocatedVUs: 100,
  maxVUs: 2_000,
  thresholds: { p95Ms: 10_000, p99Ms: 10_000, failedRate: 1, nonSuccessShare: 1, checksRate: 0 },
});

async function executorTable(onServerCore: (argv: readonly string[]) => string[]) {
  const answer = JSON.stringify({ code: 1000, msg: '支付成功', data: {} });
  const server = await startServerProcess({ script: BARE, args: [answer], wrap: onServerCore });
  const rows: { target: number; achieved: number; dropped: number; p99: number | undefined }[] = [];
  try {
    for (const target of RATES) {
      const { summary } = await runLoad({ baseUrl: server.url, profile: constantRate(target), reportDir: false, seed: 1, env: {} });
      rows.push({ target, achieved: summary.achievedRatePerS, dropped: summary.requests.dropped, p99: summary.latencyMs?.p99 });
    }
  } finally {
    await server.stop();
  }
  console.log('\nThe executor against bare node:http, by target rate');
  console.log(
    table(
      ['target req/s', 'achieved req/s', 'share', 'dropped arrivals', 'p99 ms'],
      rows.map((r) => [thousands(r.target), thousands(r.achieved), (r.achieved / r.target).toFixed(2), thousands(r.dropped), r.p99?.toFixed(1) ?? '—']),
    ),
  );
  return rows;
}

const pinning = pinForBenchmark(!flags['no-pin']);
console.log(`bench:scale — ${SECONDS} s per run; machine: ${describeMachine(pinning.machine)}`);
const figures: Record<string, unknown> = {};
if (only.has('connections')) figures.connections = await connectionsTable(pinning.onServerCore);
if (only.has('caps')) figures.caps = capsTable();
if (only.has('journal')) figures.journal = journalTable();
if (only.has('executor')) figures.executor = await executorTable(pinning.onServerCore);
console.log(`\nresult written to ${writeBenchResult('scale', { machine: pinning.machine, settings: { seconds: SECONDS, only: [...only] }, figures, pass: true })}`);
