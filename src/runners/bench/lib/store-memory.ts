/**
 * What an engine's order store costs in memory: `orders` distinct signed pay requests answered by
 * an engine of store cap `cap`, heap and RSS measured after full collections, in a process of its
 * own (run with --expose-gc), so that nothing else of a benchmark's is counted. The code paths are
 * warmed on a throwaway engine first, so that compiled code is not counted as orders.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createNodeEngine } from '../../../adapters/http/build-engine.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';
import { signedBody } from './signed-bodies.ts';

export interface StoreMemory {
  orders: number;
  cap: number;
  heapMiB: number;
  rssMiB: number;
  bytesPerOrder: number;
}

const MIB = 2 ** 20;
const SELF = fileURLToPath(import.meta.url);

function measureHere(orders: number, cap: number): StoreMemory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('store-memory needs --expose-gc');
  const measure = () => (gc(), gc(), process.memoryUsage());
  const headers = { 'content-type': 'application/json' };
  const warm = createNodeEngine({ storeCap: 2_000 });
  for (let i = 0; i < 2_000; i++) warm.handle({ method: 'POST', path: API_PATHS.pay, headers, body: signedBody(i, 'W') });
  const engine = createNodeEngine({ storeCap: cap });
  const before = measure();
  for (let i = 0; i < orders; i++) engine.handle({ method: 'POST', path: API_PATHS.pay, headers, body: signedBody(i, 'M') });
  const after = measure();
  if (engine.orders.size !== Math.min(orders, cap)) throw new Error(`expected ${Math.min(orders, cap)} orders stored, have ${engine.orders.size}`);
  return { orders, cap, heapMiB: after.heapUsed / MIB, rssMiB: after.rss / MIB, bytesPerOrder: (after.heapUsed - before.heapUsed) / engine.orders.size };
}

export function storeMemory(orders: number, cap: number): StoreMemory {
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', SELF, String(orders), String(cap)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the store-memory process (${orders} orders, cap ${cap}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as StoreMemory;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(measureHere(Number(process.argv[2]), Number(process.argv[3]))));
}
