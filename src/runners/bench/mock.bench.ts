/**
 * `npm run bench:mock`: the mock against bare node:http on the signed pay path, in one run.
 *
 * Every request is a distinct order with a valid signature, built and signed before the timed
 * part. The mock runs with a small store cap so that the store fills and evicts during the
 * measured part. Each round measures both servers back to back, in alternating order, and the
 * ratio is the median of the rounds' own ratios: on a shared machine the speed drifts between
 * rounds, and a pair measured minutes apart would compare the drift. Prints req/s, p50/p99, the
 * share of 1000 answers, the ratio mock/bare (target ≥ 0.7), MSW-over-HTTP for the record, and
 * memory per stored order.
 *
 *   npm run bench:mock -- [--duration 10] [--connections 32] [--cap 20000] [--rounds 3]
 *   npm run bench:mock -- --soak [--soak-minutes 10] [--rate 3000]
 */
import { sendOutbound } from '../../adapters/client/outbound.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { getResponse } from 'msw';
import { DEMO_APP } from '../../kernel/settings.ts';
import { formatYuan } from '../../kernel/money/money.ts';
import { nodeSigner } from '../../adapters/node/node-digests.ts';
import { createNodeEngine } from '../../adapters/http/build-engine.ts';
import { createMswHandlers } from '../../adapters/msw/handlers.ts';
import { scenarioForAmount } from '../../engine/index.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { fireBatch } from '../load/executor/autocannon-batch.ts';
import { figureRow, figuresOf, median, ratio, type LoadFigures } from './lib/report.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';

const SELF = fileURLToPath(import.meta.url);
const MOCK_CLI = fileURLToPath(new URL('../../cli/mock.ts', import.meta.url));
const BARE = fileURLToPath(new URL('./lib/bare-json-server.ts', import.meta.url));
const TARGET = 0.7;
/** autocannon's own default, which these runs always had. */
const AUTOCANNON_TIMEOUT_S = 10;

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    cap: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
    soak: { type: 'boolean', default: false },
    'soak-minutes': { type: 'string', default: '10' },
    rate: { type: 'string', default: '3000' },
    child: { type: 'string' },
    prefix: { type: 'string', default: 'B' },
  },
});

/** Distinct signed pay requests: success amounts (no scenario), both channels, a store and a goods line. */
function signedBodies(count: number, prefix: string): string[] {
  const bodies: string[] = [];
  const options = { secret: DEMO_APP.secret, encoding: 'base64' as const };
  for (let i = 0; i < count; i++) {
    let fen = 100 + ((i * 7919) % 99_900);
    while (scenarioForAmount(fen)) fen++;
    const params = {
      app_id: DEMO_APP.appId,
      sign_type: 'MD5',
      order_id: `${prefix}${String(i).padStart(9, '0')}`,
      pay_code: i % 2 === 0 ? `13${String(4_000_000_000_000_000 + i).slice(0, 16)}` : `28${String(4_000_000_000_000_000 + i).slice(0, 16)}`,
      total_amount: formatYuan(fen),
      store_info: { store_id: 'S001', terminal_id: `T${i % 16}` },
      goods_list: [{ barcode: '6901234567892', title: '可口可乐300ml', num: 1 + (i % 3), price: 3 }],
    };
    bodies.push(JSON.stringify(nodeSigner.signed(params, options)));
  }
  return bodies;
}

interface Health {
  orders: number;
  evicted: number;
  answers: Record<string, number>;
  rssBytes: number;
}

async function health(url: string): Promise<Health> {
  return JSON.parse((await sendOutbound(`${url}/__mock/health`, { method: 'GET', timeoutMs: 5_000 })).text) as Health;
}

interface LoadRun {
  durationS: number;
  connections: number;
  /** Requests per second over all connections; absent = as fast as the server answers. */
  overallRate?: number;
  /** Index of the first body, so that consecutive runs against one server do not repeat bodies. */
  startAt?: number;
}

/**
 * One run of pay calls, the bodies taken in turn from one shared cursor so that no two requests
 * repeat a body until the list wraps; `next` is where the cursor stopped, for the next run's startAt.
 */
async function loadRun(url: string, bodies: readonly string[], run: LoadRun): Promise<LoadFigures & { next: number }> {
  let cursor = run.startAt ?? 0;
  const result = await fireBatch({
    url: url + API_PATHS.pay,
    timeoutS: AUTOCANNON_TIMEOUT_S,
    connections: run.connections,
    durationS: run.durationS,
    overallRate: run.overallRate,
    next: () => ({ body: bodies[cursor++ % bodies.length] }),
  });
  return { ...figuresOf(result), next: cursor };
}

async function measure(server: ServerProcess, bodies: readonly string[], startAt: number): Promise<LoadFigures> {
  const connections = Number(flags.connections);
  const warm = await loadRun(server.url, bodies, { connections, durationS: Number(flags.warmup), startAt });
  return loadRun(server.url, bodies, { connections, durationS: Number(flags.duration), startAt: warm.next });
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

/** Heap per stored order, measured in a process of its own with --expose-gc. */
async function measureMemory(): Promise<void> {
  const count = 50_000;
  const engine = createNodeEngine({ storeCap: count * 2 });
  const bodies = signedBodies(count, 'M').map((body) => Buffer.from(body));
  const handle = (target: typeof engine, body: Buffer) => target.handle({ method: 'POST', path: API_PATHS.pay, headers: { 'content-type': 'application/json' }, body });
  // Warm the code paths on a throwaway engine, so that compiled code is not counted as orders.
  const warm = createNodeEngine({ storeCap: 1_000 });
  for (const body of bodies.slice(0, 2_000)) handle(warm, body);
  const gc = (globalThis as { gc?: () => void }).gc!;
  const heap = () => (gc(), gc(), process.memoryUsage().heapUsed);
  const before = heap();
  for (const body of bodies) handle(engine, body);
  const after = heap();
  if (engine.orders.size !== count) throw new Error(`expected ${count} stored orders, have ${engine.orders.size}`);
  console.log(JSON.stringify({ bytesPerOrder: Math.round((after - before) / count), count }));
}

async function memoryPerOrder(): Promise<number> {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--child', 'memory'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`memory child failed: ${run.stderr}`);
  return (JSON.parse(run.stdout.trim().split('\n').pop()!) as { bytesPerOrder: number }).bytesPerOrder;
}

async function compare(): Promise<void> {
  const cap = Number(flags.cap);
  const rounds = Number(flags.rounds);
  // Twice the cap: a body comes round again only after its order was evicted, so it is a new order again.
  const bodies = signedBodies(cap * 2, flags.prefix!);
  const sample = JSON.stringify({ code: 1000, msg: '支付成功', data: { trade_no: 'LFT178000000000000000001', order_id: 'B000000001', pay_type: 0, order_status: 1, total_amount: 12.34, payable_amount: 12.34, real_amount: 12.34, voucher_list: [] } });
  console.log(`bench:mock — ${bodies.length.toLocaleString('en-US')} signed bodies (${bodies[0].length} bytes), store cap ${cap.toLocaleString('en-US')}, ${flags.connections} connections, ${flags.warmup}+${flags.duration} s per run, ${rounds} rounds`);

  const bare: LoadFigures[] = [];
  const mock: LoadFigures[] = [];
  let answers = { total: 0, ok: 0 };
  let evicted = 0;
  const measureBare = async (round: number) => {
    const bareServer = await startServerProcess({ script: BARE, args: [sample] });
    bare.push(await measure(bareServer, bodies, 0));
    await bareServer.stop();
    console.log(figureRow(`bare #${round}`, bare.at(-1)!));
  };
  const measureMock = async (round: number) => {
    const mockServer = await startServerProcess({ script: MOCK_CLI, args: ['--port', '0', '--quiet', '--store-cap', String(cap)], readyPath: '/__mock/health' });
    const before = await health(mockServer.url);
    const figures = await measure(mockServer, bodies, 0);
    const after = await health(mockServer.url);
    await mockServer.stop();
    mock.push(figures);
    const total = Object.values(after.answers).reduce((a, b) => a + b, 0) - Object.values(before.answers).reduce((a, b) => a + b, 0);
    answers = { total: answers.total + total, ok: answers.ok + (after.answers['1000'] ?? 0) - (before.answers['1000'] ?? 0) };
    evicted = Math.max(evicted, after.evicted);
    console.log(figureRow(`mock #${round}`, figures, `store ${after.orders.toLocaleString('en-US')} kept, ${after.evicted.toLocaleString('en-US')} evicted`));
  };
  for (let round = 1; round <= rounds; round++) {
    if (round % 2 === 1) {
      await measureBare(round);
      await measureMock(round);
    } else {
      await measureMock(round);
      await measureBare(round);
    }
  }

  const mswServer = await startServerProcess({ script: SELF, args: ['--child', 'msw-server', '--cap', String(cap)], readyPath: '/__mock/health' });
  const msw = await loadRun(mswServer.url, bodies, { connections: Number(flags.connections), durationS: Math.min(5, Number(flags.duration)) });
  await mswServer.stop();
  const bytesPerOrder = await memoryPerOrder();

  const bareRps = median(bare.map((f) => f.rps));
  const mockRps = median(mock.map((f) => f.rps));
  const perRound = mock.map((f, i) => ratio(f, bare[i]));
  const r = median(perRound);
  console.log('');
  console.log(`bare node:http     ${Math.round(bareRps).toLocaleString('en-US')} req/s (median of ${rounds})`);
  console.log(`mock               ${Math.round(mockRps).toLocaleString('en-US')} req/s (median of ${rounds}), p50 ${median(mock.map((f) => f.p50))} ms, p99 ${median(mock.map((f) => f.p99))} ms`);
  console.log(`share of 1000      ${((100 * answers.ok) / Math.max(1, answers.total)).toFixed(2)} % of ${answers.total.toLocaleString('en-US')} answers (store evicted ${evicted.toLocaleString('en-US')} orders)`);
  console.log(`ratio mock/bare    ${r.toFixed(2)} median of the rounds' ratios (target ≥ ${TARGET})  ${r >= TARGET ? 'OK' : 'BELOW TARGET'}; per round ${perRound.map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`MSW over HTTP      ${Math.round(msw.rps).toLocaleString('en-US')} req/s, ratio to bare ${ratio(msw, { ...msw, rps: bareRps }).toFixed(2)} (for the record)`);
  console.log(`memory per order   ~${bytesPerOrder} bytes of heap (${((bytesPerOrder * cap) / 2 ** 20).toFixed(1)} MiB at cap ${cap.toLocaleString('en-US')}; ${((bytesPerOrder * 100_000) / 2 ** 20).toFixed(1)} MiB at the default cap 100,000)`);
  if (evicted === 0) console.log('WARNING: the store never evicted; raise --duration or lower --cap');
  process.exitCode = r >= TARGET ? 0 : 1;
}

/** Constant rate for a long time: RSS must stop growing once the store is full. */
async function soak(): Promise<void> {
  const cap = Number(flags.cap);
  const minutes = Number(flags['soak-minutes']);
  const rate = Number(flags.rate);
  const bodies = signedBodies(cap * 2, flags.prefix!);
  const server = await startServerProcess({ script: MOCK_CLI, args: ['--port', '0', '--quiet', '--store-cap', String(cap)], readyPath: '/__mock/health' });
  console.log(`soak — ${rate} req/s for ${minutes} min, store cap ${cap}; RSS every 30 s`);
  const samples: { s: number; rss: number; orders: number }[] = [];
  const started = Date.now();
  const timer = setInterval(async () => {
    const h = await health(server.url);
    const s = Math.round((Date.now() - started) / 1000);
    samples.push({ s, rss: h.rssBytes, orders: h.orders });
    console.log(`${String(s).padStart(5)} s  rss ${(h.rssBytes / 2 ** 20).toFixed(1)} MiB  orders ${h.orders}  evicted ${h.evicted}`);
  }, 30_000);
  const figures = await loadRun(server.url, bodies, { connections: 16, durationS: minutes * 60, overallRate: rate });
  clearInterval(timer);
  await server.stop();
  console.log(figureRow('soak', figures));
  // The store swaps generations every cap/2 orders, so RSS saws up and down: compare the halves, not two points.
  const full = samples.filter((x) => x.orders >= cap / 2).map((x) => x.rss / 2 ** 20);
  if (full.length >= 4) {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const half = full.length >> 1;
    const [early, late] = [mean(full.slice(0, half)), mean(full.slice(-half))];
    console.log(
      `RSS once the store was full: ${Math.min(...full).toFixed(1)}–${Math.max(...full).toFixed(1)} MiB; mean of the first half ${early.toFixed(1)}, of the second ${late.toFixed(1)} MiB (${(((late - early) / early) * 100).toFixed(1)} %)`,
    );
  }
}

if (flags.child === 'msw-server') await serveMsw();
else if (flags.child === 'memory') await measureMemory();
else if (flags.soak) await soak();
else await compare();
