/**
 * `npm run load:data [-- --seed N --count N]`: writes src/runners/load/k6/data/pay-orders.json, the orders
 * the k6 script reads through SharedArray — drawn here by the faker factories, because faker
 * never runs inside k6. A small file is committed; regenerate it after a factory change.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { RANGES, readNumber } from '../../kernel/number-range.ts';
import { DEMO_APP } from '../../kernel/settings.ts';
import { buildOrderRecords } from './request/order-pool.ts';
import { ORDER_DATA_FORMAT, type OrderDataFile } from './request/pay-order-data.ts';

export const K6_DATA_FILE = fileURLToPath(new URL('./k6/data/pay-orders.json', import.meta.url));
/** The committed file's seed, so that regenerating it changes nothing unless the factories did. */
export const DEFAULT_DATA_SEED = 20261126;
export const DEFAULT_DATA_COUNT = 128;

export function orderDataFile(seed: number, count: number): OrderDataFile {
  return { format: ORDER_DATA_FORMAT, seed, demoApp: { ...DEMO_APP }, records: buildOrderRecords({ seed, count }) };
}


function main(): number {
  try {
    const { values } = parseArgs({ options: { seed: { type: 'string' }, count: { type: 'string' }, out: { type: 'string' } }, strict: true });
    const seed = values.seed === undefined ? DEFAULT_DATA_SEED : readNumber(values.seed, RANGES.seed, '--seed');
    const count = values.count === undefined ? DEFAULT_DATA_COUNT : readNumber(values.count, RANGES.count, '--count');
    const out = values.out ?? K6_DATA_FILE;
    writeFileSync(out, `${JSON.stringify(orderDataFile(seed, count))}\n`);
    console.log(`wrote ${count} orders (seed ${seed}) to ${out}`);
    return 0;
  } catch (error) {
    console.error(`load:data: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main();
