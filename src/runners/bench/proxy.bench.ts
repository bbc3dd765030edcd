/**
 * `npm run bench:proxy`: what `paycheck proxy` adds to a cashier's calls. The mock and the proxy in
 * front of it each run in their own process; the same signed pay calls (distinct orders, built
 * before the timed part) go to the mock directly and through the proxy, at 100 req/s and then as
 * fast as each answers, back to back. Prints req/s, p50 and p99 of both and the difference.
 *
 *   npm run bench:proxy -- [--duration 10] [--connections 32] [--rate 100]
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DEMO_APP } from '../../kernel/settings.ts';
import { nodeDataFactory } from '../../adapters/node/node-data-factory.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { apiUrl } from '../../kernel/spec/api-url.ts';
import { fireBatch } from '../load/executor/autocannon-batch.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { figureRow, figuresOf, type LoadFigures } from './lib/report.ts';

const CLI = fileURLToPath(new URL('../../../bin/paycheck.js', import.meta.url));

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    rate: { type: 'string', default: '100' },
  },
});

const factory = nodeDataFactory({ seed: 17, app: DEMO_APP, encoding: 'base64', orderIdPrefix: `PB${process.pid}` });
let cursor = 0;
const bodies = Array.from({ length: 400_000 }, () => JSON.stringify(factory.signedRequest({ withStore: false })));

async function run(url: string, overallRate: number | undefined, durationS: number): Promise<LoadFigures> {
  const result = await fireBatch({
    url: apiUrl(url, API_PATHS.pay),
    timeoutS: 10,
    connections: overallRate === undefined ? Number(flags.connections) : 4,
    durationS,
    overallRate,
    next: () => ({ body: bodies[cursor++ % bodies.length] }),
  });
  return figuresOf(result);
}

const mock: ServerProcess = await startServerProcess({ script: CLI, args: ['mock', '--port', '0', '--quiet', '--store-cap', '200000'], readyPath: '/__mock/health' });
const proxy: ServerProcess = await startServerProcess({ script: CLI, args: ['proxy', '--upstream', mock.url, '--port', '0', '--quiet'], readyPath: '/__mock/health' });
try {
  const duration = Number(flags.duration);
  for (const [label, rate] of [[`${flags.rate} req/s`, Number(flags.rate)], ['maximum', undefined]] as const) {
    await run(proxy.url, rate, 2);
    const direct = await run(mock.url, rate, duration);
    const through = await run(proxy.url, rate, duration);
    console.log(`${label}:`);
    console.log(`  ${figureRow('mock directly', direct)}`);
    console.log(`  ${figureRow('through proxy', through)}`);
    console.log(`  added: p50 ${through.p50 - direct.p50} ms, p99 ${through.p99 - direct.p99} ms; throughput ${(through.rps / direct.rps).toFixed(2)} of direct`);
  }
} finally {
  await proxy.stop();
  await mock.stop();
}
