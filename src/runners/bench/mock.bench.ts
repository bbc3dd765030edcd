/**
 * `npm run bench:mock`: the mock as users run it (`npm run mock`: its default log on) against bare
 * node:http, on the signed pay path, in one run.
 *
 * Every request is a distinct order with a valid signature, built and signed before the timed
 * part; no body repeats within a server's run (the pool is larger than the requests one server is
 * sent; a run that reaches its end is refused, not counted). The mock runs at its default store
 * cap, which it passes during the run, so the store evicts while measured. Each round measures
 * bare, the pay floor (the least any mock does: parse, verify, store past the same cap, answer;
 * lib/bare-json-server.ts), the mock with its default log, and the mock with `--quiet`, each in a
 * fresh process, in alternating order; the ratios are the medians of the rounds' own ratios, since on a shared
 * machine speed drifts between rounds. The generator and the servers are pinned to cores of their
 * own where `taskset` allows (lib/machine.ts). Prints req/s and p50/p99 per run, the ratios
 * (target ≥ 0.8 with the log on) and what the log costs, MSW-over-HTTP for the record and memory
 * per stored order; writes reports/bench/mock.json.
 *
 *   npm run bench:mock -- [--duration 10] [--connections 50] [--cap 100000] [--rounds 3] [--pool N] [--no-pin]
 *   npm run bench:mock -- --profile DIR [--profile-quiet | --profile-floor] [--top 25]   one run under --cpu-prof: µs per request by module and function
 *   npm run bench:mock -- --soak [--soak-minutes 10] [--rate 3000]
 */
import { sendOutbound } from '../../adapters/client/outbound.ts';
import { createServer } from 'node:http';
import { mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { getResponse } from 'msw';
import { createNodeEngine } from '../../adapters/http/build-engine.ts';
import { createMswHandlers } from '../../adapters/msw/handlers.ts';
import { DEFAULT_STORE_CAP } from '../../engine/index.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { signedBodies } from './lib/signed-bodies.ts';
import { storeMemory } from './lib/store-memory.ts';
import { fireBatch } from '../load/executor/autocannon-batch.ts';
import { figureRow, figuresOf, median, ratio, type LoadFigures } from './lib/report.ts';
import { measureCpu, type CpuUse } from './lib/cpu-time.ts';
import { describeMachine, pinForBenchmark } from './lib/machine.ts';
import { formatSpread, spreadOf, writeBenchResult } from './lib/bench-result.ts';
import { formatProfile, monotonicUs, readProfile, summarizeProfile } from './lib/profile-summary.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { apiUrl } from '../../kernel/spec/api-url.ts';
import { createMockLog } from '../../checks/report/mock-log.ts';
import { createMask } from '../../kernel/redaction/mask.ts';
import { DEMO_APP, MOCK_LOG_LINES_PER_SECOND } from '../../kernel/settings.ts';

const SELF = fileURLToPath(import.meta.url);
const PAYCHECK = fileURLToPath(new URL('../../../bin/paycheck.js', import.meta.url));
const BARE = fileURLToPath(new URL('./lib/bare-json-server.ts', import.meta.url));
const TARGET = 0.8;
/** autocannon's own default, which these runs always had. */
const AUTOCANNON_TIMEOUT_S = 10;

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    cap: { type: 'string', default: String(DEFAULT_STORE_CAP) },
    rounds: { type: 'string', default: '5' },
    pool: { type: 'string', default: '600000' },
    'no-pin': { type: 'boolean', default: false },
    profile: { type: 'string' },
    'profile-quiet': { type: 'boolean', default: false },
    'profile-floor': { type: 'boolean', default: false },
    top: { type: 'string', default: '25' },
    soak: { type: 'boolean', default: false },
    'soak-minutes': { type: 'string', default: '10' },
    rate: { type: 'string', default: '3000' },
    child: { type: 'string' },
    prefix: { type: 'string', default: 'B' },
  },
});

interface Health {
  orders: number;
  evicted: number;
  answers: Record<string, number>;
  rssBytes: number;
}

async function health(url: string): Promise<Health> {
  return JSON.parse((await sendOutbound(apiUrl(url, '/__mock/health'), { method: 'GET', timeoutMs: 5_000 })).text) as Health;
}

interface LoadRun {
  /** As many as the server takes in this time, or exactly `amount`. */
  durationS?: number;
  amount?: number;
  connections: number;
  /** Requests per second over all connections; absent = as fast as the server answers. */
  overallRate?: number;
  /** Index of the first body, so that consecutive runs against one server do not repeat bodies. */
  startAt?: number;
}

/**
 * One run of pay calls, the bodies taken in turn from one cursor: `next` is where it stopped, for
 * the next run's startAt. Past the pool's end the bodies wrap; `wrapped` says so, and the caller
 * decides whether a repeat matters (it does where orders must be new, not in the soak).
 */
async function loadRun(url: string, bodies: readonly string[], run: LoadRun): Promise<LoadFigures & { next: number; wrapped: boolean }> {
  let cursor = run.startAt ?? 0;
  const result = await fireBatch({
    url: apiUrl(url, API_PATHS.pay),
    timeoutS: AUTOCANNON_TIMEOUT_S,
    connections: run.connections,
    durationS: run.durationS,
    amount: run.amount,
    overallRate: run.overallRate,
    next: () => ({ body: bodies[cursor++ % bodies.length] }),
  });
  return { ...figuresOf(result), next: cursor, wrapped: cursor > bodies.length };
}

/**
 * A warm-up and the measured run against one fresh server, never repeating a body. A mock's
 * warm-up is its store cap's worth of orders: the store drops its older half at each cap/2 new
 * orders, so a drop falls at the measured run's start (the caller checks that one did), and
 * another after each cap/2 more, as in a long-running mock. Bare warms up for --warmup seconds.
 * `between` runs after the warm-up.
 */
/** A measured run's figures and how busy it kept each side (lib/cpu-time.ts). */
type Measured = LoadFigures & { cpu: CpuUse };

async function measure(server: ServerProcess, bodies: readonly string[], warmup: 'fill the store' | 'time', between?: () => Promise<void>): Promise<Measured> {
  const connections = Number(flags.connections);
  const cap = Number(flags.cap);
  const warm =
    warmup === 'time'
      ? await loadRun(server.url, bodies, { connections, durationS: Number(flags.warmup) })
      : await loadRun(server.url, bodies, { connections, amount: Math.floor(cap / connections) * connections });
  await between?.();
  const { result: run, cpu } = await measureCpu(server.pid, () => loadRun(server.url, bodies, { connections, durationS: Number(flags.duration), startAt: warm.next }), (r) => r.requests);
  if (run.wrapped) throw new Error(`the server was sent ${run.next.toLocaleString('en-US')} bodies, more than the pool of ${bodies.length.toLocaleString('en-US')}: raise --pool`);
  return { ...run, cpu };
}

/** `server 93.1 µs a request, cores 0.99+0.95` (the generator's + the server's). */
function cpuColumn(cpu: CpuUse): string {
  const server = cpu.serverUsPerCall === undefined ? 'server ? µs a request' : `server ${cpu.serverUsPerCall.toFixed(1)} µs a request`;
  return `${server}, cores ${cpu.generatorCore.toFixed(2)}+${cpu.serverCore === undefined ? '?' : cpu.serverCore.toFixed(2)}`;
}

/** MSW handlers behind a node:http server that turns each request into a Fetch Request: for the record only. */
async function serveMsw(): Promise<void> {
  const engine = createNodeEngine({ storeCap: Number(flags.cap) });
  const handlers = createMswHandlers(engine, { baseUrl: 'http://mock.invalid' });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
      const request = new Request(`http://mock.invalid${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body });
      const response = await getResponse(handlers, request);
      const text = response ? Buffer.from(await response.arrayBuffer()) : Buffer.from('not found');
      res.writeHead(response?.status ?? 404, { 'content-type': 'application/json', 'content-length': text.length });
      res.end(text);
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(`msw over http on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
  });
}

const LOOP_CALLS = 2_000_000;

/**
 * The default log's own cost, in this process, into a sink that only counts: per request (the
 * count and the latency bucket every request pays: `request()` past the second's 100 lines) and
 * per line written (`--log requests`: formatted, masked, handed to the sink). At R requests a
 * second `--log auto` costs `perRequest + perLine · (100 + 1) / R` a request.
 */
function logCostInLoop(): { perRequestUs: number; perLineUs: number } {
  const response = { status: 200, headers: {}, body: '', log: { code: 1000, scenario: 'SUCCESS', orderId: 'B000000001', payCode: '134000000000000001' } };
  const usPerCall = (mode: 'auto' | 'requests', calls: number) => {
    let bytes = 0;
    const mask = createMask({ secrets: [DEMO_APP.secret], showPayCodes: false });
    const log = createMockLog({ mode, format: 'text', sink: { write: (text) => void (bytes += mask(text).length), flush: () => undefined, end: async () => undefined } });
    const run = (n: number) => {
      for (let i = 0; i < n; i++) log.request({ method: 'POST', url: API_PATHS.pay, response, ms: 0.3 + (i % 7) * 0.1, outcome: 'sent' });
    };
    run(calls / 10);
    const started = performance.now();
    run(calls);
    const us = ((performance.now() - started) * 1000) / calls;
    log.close();
    if (bytes === 0) throw new Error('the log wrote nothing');
    return us;
  };
  return { perRequestUs: usPerCall('auto', LOOP_CALLS), perLineUs: usPerCall('requests', LOOP_CALLS / 10) };
}


// A child (the MSW server) stays on the core its parent put it on.
const pinning = pinForBenchmark(!flags['no-pin'] && flags.child === undefined);

/** The mock as `npm run mock` starts it (its default log on), or with `--quiet`. */
function startMock(log: 'default log' | 'quiet', extra: { nodeArgs?: string[] } = {}): Promise<ServerProcess> {
  const args = ['mock', '--port', '0', '--store-cap', flags.cap!, ...(log === 'quiet' ? ['--quiet'] : [])];
  return startServerProcess({ script: PAYCHECK, args, readyPath: '/__mock/health', wrap: pinning.onServerCore, ...extra });
}

const SAMPLE_ANSWER = JSON.stringify({ code: 1000, msg: '支付成功', data: { trade_no: 'LFT178000000000000000001', order_id: 'B000000001', pay_type: 0, order_status: 1, total_amount: 12.34, payable_amount: 12.34, real_amount: 12.34, voucher_list: [] } });

async function compare(): Promise<void> {
  const cap = Number(flags.cap);
  const rounds = Number(flags.rounds);
  const bodies = signedBodies(Number(flags.pool), flags.prefix!);
  console.log(`bench:mock — ${bodies.length.toLocaleString('en-US')} signed bodies (${bodies[0].length} characters), none repeated within a server's run; store cap ${cap.toLocaleString('en-US')}, ${flags.connections} connections, ${flags.warmup}+${flags.duration} s per run, ${rounds} rounds`);
  console.log(`machine: ${describeMachine(pinning.machine)}`);

  const runs = { bare: [] as Measured[], floor: [] as Measured[], logged: [] as Measured[], quiet: [] as Measured[] };
  let answers = { total: 0, ok: 0 };
  const evictedWhileMeasured: number[] = [];
  const measureBare = async (round: number) => {
    const server = await startServerProcess({ script: BARE, args: [SAMPLE_ANSWER], wrap: pinning.onServerCore });
    runs.bare.push(await measure(server, bodies, 'time'));
    await server.stop();
    console.log(figureRow(`bare #${round}`, runs.bare.at(-1)!, cpuColumn(runs.bare.at(-1)!.cpu)));
  };
  // The least any mock must do (lib/bare-json-server.ts --floor), past the same cap: how far the target is for any engine here.
  const measureFloor = async (round: number) => {
    const server = await startServerProcess({ script: BARE, args: ['--floor', String(cap)], wrap: pinning.onServerCore });
    runs.floor.push(await measure(server, bodies, 'fill the store'));
    await server.stop();
    const refused = runs.floor.at(-1)!.non2xx;
    if (refused > 0) throw new Error(`the pay floor refused ${refused} requests: its figure does not count`);
    console.log(figureRow(`floor #${round}`, runs.floor.at(-1)!, cpuColumn(runs.floor.at(-1)!.cpu)));
  };
  const measureMock = async (round: number, log: 'default log' | 'quiet') => {
    const server = await startMock(log);
    let atStart: Health | undefined;
    const figures = await measure(server, bodies, 'fill the store', async () => {
      atStart = await health(server.url);
    });
    const after = await health(server.url);
    await server.stop();
    (log === 'quiet' ? runs.quiet : runs.logged).push(figures);
    const total = Object.values(after.answers).reduce((x, y) => x + y, 0) - Object.values(atStart!.answers).reduce((x, y) => x + y, 0);
    answers = { total: answers.total + total, ok: answers.ok + (after.answers['1000'] ?? 0) - (atStart!.answers['1000'] ?? 0) };
    const dropped = after.evicted - atStart!.evicted;
    evictedWhileMeasured.push(dropped);
    console.log(figureRow(`mock, ${log} #${round}`, figures, `${cpuColumn(figures.cpu)}; store ${after.orders.toLocaleString('en-US')} kept, ${dropped.toLocaleString('en-US')} evicted while measured`));
  };
  const order = [(r: number) => measureBare(r), (r: number) => measureFloor(r), (r: number) => measureMock(r, 'default log'), (r: number) => measureMock(r, 'quiet')];
  for (let round = 1; round <= rounds; round++) {
    for (const step of round % 2 === 1 ? order : [...order].reverse()) await step(round);
  }

  const mswServer = await startServerProcess({ script: SELF, args: ['--child', 'msw-server', '--cap', String(cap)], readyPath: '/__mock/health', wrap: pinning.onServerCore });
  const msw = await loadRun(mswServer.url, bodies, { connections: Number(flags.connections), durationS: Math.min(5, Number(flags.duration)) });
  await mswServer.stop();
  // 50 000 orders in one generation of a store of twice that: what each order adds.
  const bytesPerOrder = Math.round(storeMemory(50_000, 100_000).bytesPerOrder);

  const logged = spreadOf(runs.logged.map((f, i) => ratio(f, runs.bare[i])));
  const quiet = spreadOf(runs.quiet.map((f, i) => ratio(f, runs.bare[i])));
  const floor = spreadOf(runs.floor.map((f, i) => ratio(f, runs.bare[i])));
  const toFloor = spreadOf(runs.logged.map((f, i) => ratio(f, runs.floor[i])));
  const logCost = spreadOf(runs.logged.map((f, i) => 1 - ratio(f, runs.quiet[i])));
  const bareRps = median(runs.bare.map((f) => f.rps));
  const logLoop = logCostInLoop();
  const evictedEveryRun = evictedWhileMeasured.every((n) => n > 0);
  const pass = logged.median >= TARGET && evictedEveryRun;
  // By CPU: bare's server µs a request over the other's, round by round (where /proc tells).
  const cpuRatio = (list: Measured[]) => {
    const pairs = list.map((f, i) => [runs.bare[i].cpu.serverUsPerCall, f.cpu.serverUsPerCall]).filter((pair): pair is [number, number] => pair[0] !== undefined && pair[1] !== undefined);
    return pairs.length === list.length ? spreadOf(pairs.map(([bare, other]) => bare / other)) : undefined;
  };
  const serverUs = (list: Measured[]) => {
    const us = list.map((f) => f.cpu.serverUsPerCall).filter((n): n is number => n !== undefined);
    return us.length === list.length ? spreadOf(us) : undefined;
  };
  const cpu = {
    serverUsPerRequest: { bare: serverUs(runs.bare), payFloor: serverUs(runs.floor), defaultLog: serverUs(runs.logged), quiet: serverUs(runs.quiet) },
    bareToOther: { payFloor: cpuRatio(runs.floor), defaultLog: cpuRatio(runs.logged), quiet: cpuRatio(runs.quiet) },
    coresBusy: Object.fromEntries(
      Object.entries(runs).map(([name, list]) => {
        const server = list.map((f) => f.cpu.serverCore).filter((n): n is number => n !== undefined);
        return [name, { generator: spreadOf(list.map((f) => f.cpu.generatorCore)), server: server.length === list.length ? spreadOf(server) : undefined }];
      }),
    ),
  };
  const rps = (list: LoadFigures[]) => `${Math.round(median(list.map((f) => f.rps))).toLocaleString('en-US')} req/s, p50 ${median(list.map((f) => f.p50))} ms, p99 ${median(list.map((f) => f.p99))} ms`;
  console.log('');
  console.log(`bare node:http       ${rps(runs.bare)} (medians of ${rounds})`);
  console.log(`pay floor            ${rps(runs.floor)}`);
  console.log(`mock, default log    ${rps(runs.logged)}`);
  console.log(`mock, --quiet        ${rps(runs.quiet)}`);
  console.log(`share of 1000        ${((100 * answers.ok) / Math.max(1, answers.total)).toFixed(2)} % of ${answers.total.toLocaleString('en-US')} measured answers; the store evicted ${Math.min(...evictedWhileMeasured).toLocaleString('en-US')}–${Math.max(...evictedWhileMeasured).toLocaleString('en-US')} orders during each mock's measured run`);
  console.log(`ratio mock/bare      ${formatSpread(logged)} with the default log (target ≥ ${TARGET}) ${pass ? 'OK' : 'BELOW TARGET'}; quiet ${formatSpread(quiet)}  [median (range) of the rounds]`);
  console.log(`floor/bare           ${formatSpread(floor)}: the least a mock does (parse, verify the sign, store past the cap, answer), no engine; mock/floor ${formatSpread(toFloor)}`);
  const us = (spread: ReturnType<typeof serverUs>) => (spread === undefined ? '?' : formatSpread(spread, 1));
  console.log(`server CPU/request   bare ${us(cpu.serverUsPerRequest.bare)}, floor ${us(cpu.serverUsPerRequest.payFloor)}, mock ${us(cpu.serverUsPerRequest.defaultLog)} µs (quiet ${us(cpu.serverUsPerRequest.quiet)})`);
  console.log(`by CPU, bare/mock    ${cpu.bareToOther.defaultLog ? formatSpread(cpu.bareToOther.defaultLog) : '? (no /proc)'} with the default log; bare/floor ${cpu.bareToOther.payFloor ? formatSpread(cpu.bareToOther.payFloor) : '?'}: what the ratio would be were each server's core full`);
  console.log(`cores busy           generator (autocannon) ${Object.entries(cpu.coresBusy).map(([name, c]) => `${name} ${formatSpread(c.generator)}`).join(', ')}; server ${Object.entries(cpu.coresBusy).map(([name, c]) => `${name} ${c.server ? formatSpread(c.server) : '?'}`).join(', ')}`);
  console.log(`cost of the log      ${formatSpread({ ...logCost, median: logCost.median * 100, min: logCost.min * 100, max: logCost.max * 100 }, 1)} % of quiet throughput (target ≤ 5 %)`);
  const mockRps = median(runs.logged.map((f) => f.rps));
  const atRate = logLoop.perRequestUs + (logLoop.perLineUs * (MOCK_LOG_LINES_PER_SECOND + 1)) / mockRps;
  console.log(`the log in a loop    ${logLoop.perRequestUs.toFixed(2)} µs per request, ${logLoop.perLineUs.toFixed(2)} µs per line; at ${Math.round(mockRps).toLocaleString('en-US')} req/s ${atRate.toFixed(2)} µs a request (${((atRate * mockRps) / 10_000).toFixed(2)} % of a core)`);
  console.log(`MSW over HTTP        ${Math.round(msw.rps).toLocaleString('en-US')} req/s, ratio to bare ${(msw.rps / bareRps).toFixed(2)} (for the record)`);
  console.log(`memory per order     ~${bytesPerOrder} bytes of heap (${((bytesPerOrder * cap) / 2 ** 20).toFixed(1)} MiB at cap ${cap.toLocaleString('en-US')})`);
  if (!evictedEveryRun) console.log('NOT PAST THE CAP: a mock\'s store evicted nothing during its measured run; the figures do not count');
  const file = writeBenchResult('mock', {
    machine: pinning.machine,
    settings: { durationS: Number(flags.duration), warmupS: Number(flags.warmup), connections: Number(flags.connections), storeCap: cap, rounds, pool: bodies.length },
    figures: {
      rps: { bare: spreadOf(runs.bare.map((f) => f.rps)), payFloor: spreadOf(runs.floor.map((f) => f.rps)), defaultLog: spreadOf(runs.logged.map((f) => f.rps)), quiet: spreadOf(runs.quiet.map((f) => f.rps)), msw: msw.rps },
      p99Ms: { bare: spreadOf(runs.bare.map((f) => f.p99)), payFloor: spreadOf(runs.floor.map((f) => f.p99)), defaultLog: spreadOf(runs.logged.map((f) => f.p99)), quiet: spreadOf(runs.quiet.map((f) => f.p99)) },
      ratio: { defaultLog: logged, quiet, target: TARGET, payFloorToBare: floor, mockToPayFloor: toFloor },
      logCost,
      cpu,
      answers,
      evictedWhileMeasured,
      bytesPerOrder,
      logLoop,
    },
    pass,
  });
  console.log(`result written to ${file}`);
  process.exitCode = pass ? 0 : 1;
}

/**
 * One mock run under --cpu-prof (its default log on, or --quiet with `--profile-quiet`; the pay floor
 * instead with `--profile-floor`): where each microsecond of a request goes, counted over the
 * measured run only.
 */
async function profile(dir: string): Promise<void> {
  if (flags['profile-quiet'] && flags['profile-floor']) throw new Error('--profile-quiet profiles the quiet mock, --profile-floor the pay floor: give one');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bodies = signedBodies(Number(flags.pool), flags.prefix!);
  const log = flags['profile-quiet'] ? 'quiet' : 'default log';
  const nodeArgs = ['--cpu-prof', '--cpu-prof-dir', dir];
  const server = flags['profile-floor']
    ? await startServerProcess({ script: BARE, args: ['--floor', flags.cap!], wrap: pinning.onServerCore, nodeArgs })
    : await startMock(log, { nodeArgs });
  const window = { fromUs: 0, toUs: 0 };
  const figures = await measure(server, bodies, 'fill the store', async () => {
    window.fromUs = monotonicUs();
  });
  window.toUs = monotonicUs();
  await server.stop();
  console.log(figureRow(`${flags['profile-floor'] ? 'pay floor' : `mock, ${log}`}, profiled`, figures));
  for (const line of formatProfile(summarizeProfile(readProfile(dir), figures.requests, window, Number(flags.top)))) console.log(line);
}

/**
 * Constant rate for a long time, the mock as `npm run mock` starts it: once the store evicts, RSS
 * must hold — the mean of the second half of the samples within 10 % of the first half's.
 */
async function soak(): Promise<void> {
  const cap = Number(flags.cap);
  const minutes = Number(flags['soak-minutes']);
  const rate = Number(flags.rate);
  // Twice the cap: a body comes round again only after its order was evicted, so it is a new order again.
  const bodies = signedBodies(cap * 2, flags.prefix!);
  const server = await startMock('default log');
  console.log(`soak — ${rate} req/s for ${minutes} min, store cap ${cap.toLocaleString('en-US')}; RSS every 10 s; machine: ${describeMachine(pinning.machine)}`);
  const samples: { s: number; rssMiB: number; orders: number; evicted: number }[] = [];
  const started = Date.now();
  const timer = setInterval(async () => {
    const h = await health(server.url);
    const s = Math.round((Date.now() - started) / 1000);
    samples.push({ s, rssMiB: h.rssBytes / 2 ** 20, orders: h.orders, evicted: h.evicted });
    if (s % 60 < 10) console.log(`${String(s).padStart(5)} s  rss ${(h.rssBytes / 2 ** 20).toFixed(1)} MiB  orders ${h.orders}  evicted ${h.evicted}`);
  }, 10_000);
  const figures = await loadRun(server.url, bodies, { connections: 16, durationS: minutes * 60, overallRate: rate });
  clearInterval(timer);
  await server.stop();
  console.log(figureRow('soak', figures));
  // The store drops half its orders at a time, so RSS saws up and down: compare the halves' means, not two points.
  const evicting = samples.filter((x) => x.evicted > 0).map((x) => x.rssMiB);
  const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  const half = evicting.length >> 1;
  const [early, late] = [mean(evicting.slice(0, half)), mean(evicting.slice(-half))];
  const growth = (late - early) / early;
  const pass = evicting.length >= 4 && Math.abs(growth) <= 0.1;
  console.log(
    evicting.length < 4
      ? `FAIL: only ${evicting.length} samples after the store began to evict; raise --soak-minutes or --rate`
      : `RSS once the store evicts: ${Math.min(...evicting).toFixed(1)}–${Math.max(...evicting).toFixed(1)} MiB over ${evicting.length} samples; first half's mean ${early.toFixed(1)}, second half's ${late.toFixed(1)} MiB (${(growth * 100).toFixed(1)} %, target within ±10 %) ${pass ? 'OK' : 'NOT FLAT'}`,
  );
  const file = writeBenchResult('soak', { machine: pinning.machine, settings: { minutes, rate, storeCap: cap }, figures: { load: figures, samples, earlyMeanMiB: early, lateMeanMiB: late, growth }, pass });
  console.log(`result written to ${file}`);
  process.exitCode = pass ? 0 : 1;
}

if (flags.child === 'msw-server') await serveMsw();
else if (flags.soak) await soak();
else if (flags.profile !== undefined) await profile(flags.profile);
else await compare();
