/**
 * The baselines, bare node:http that reads the body and parses it as JSON, then either
 * - answers a fixed JSON (bare), or
 * - with `--floor CAP`, does the least any mock of the pay call must do: verify the sign with the
 *   kernel's signer, refuse an order_id it holds, keep the order in two generations of at most
 *   CAP orders (as the mock's store does), and answer the order's data, written as the mock writes
 *   (a turn's answers together: src/adapters/http/turn-writes.ts). No presence, format or scenario
 *   steps, no journal, no log: what the mock costs beyond this is the engine's own.
 * Prints its URL. Usage: tsx src/runners/bench/lib/bare-json-server.ts [ANSWER_JSON] [--floor CAP]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createTurnWrites } from '../../../adapters/http/turn-writes.ts';
import { nodeSigner } from '../../../adapters/node/node-digests.ts';
import { parseAmount, yuanNumber } from '../../../kernel/money/money.ts';
import { DEMO_APP } from '../../../kernel/settings.ts';
import { envelopeBody, JSON_TYPE } from '../../../engine/index.ts';

const { values: flags, positionals } = parseArgs({ allowPositionals: true, options: { floor: { type: 'string' } } });
const answer = Buffer.from(positionals[0] ?? '{"code":1000,"msg":"ok","data":{}}');
const cap = flags.floor === undefined ? undefined : Number(flags.floor);
if (cap !== undefined && !(Number.isSafeInteger(cap) && cap >= 2)) {
  console.error(`--floor takes the store cap, a whole number of at least 2; got ${flags.floor}`);
  process.exit(2);
}
const SIGN_OPTIONS = { secret: DEMO_APP.secret, encoding: 'base64' as const };

interface FloorOrder {
  trade_no: string;
  order_id: string;
  pay_type: number;
  order_status: number;
  total_amount: number;
  payable_amount: number;
  real_amount: number;
  voucher_list: never[];
}

let young = new Map<string, FloorOrder>();
let old = young;
let trades = 0;
const writes = createTurnWrites();

/** The floor's answer to a parsed body, or undefined for one it refuses (answered 400). */
function pay(params: Record<string, unknown>, half: number): string | undefined {
  const orderId = params.order_id;
  const amount = parseAmount(params.total_amount);
  if (typeof orderId !== 'string' || !amount.ok || !nodeSigner.verify(params, SIGN_OPTIONS)) return undefined;
  if (young.has(orderId) || old.has(orderId)) return undefined;
  if (young.size >= half) {
    old = young;
    young = new Map();
  }
  const yuan = yuanNumber(amount.fen);
  const order: FloorOrder = { trade_no: `LFT${++trades}`, order_id: orderId, pay_type: 0, order_status: 1, total_amount: yuan, payable_amount: yuan, real_amount: yuan, voucher_list: [] };
  young.set(orderId, order);
  return envelopeBody({ code: 1000, data: order });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let parsed: unknown;
    try {
      if (chunks.length > 0) parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      // The bare baseline answers the same whatever it gets; the floor refuses below.
    }
    if (cap === undefined || req.method !== 'POST') {
      res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': answer.length });
      res.end(answer);
      return;
    }
    const text = typeof parsed === 'object' && parsed !== null ? pay(parsed as Record<string, unknown>, Math.ceil(cap / 2)) : undefined;
    writes.hold(() => {
      if (text === undefined) {
        res.writeHead(400).end();
        return;
      }
      const body = Buffer.from(text);
      res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': body.length });
      res.end(body);
    });
  });
});
server.listen(0, '127.0.0.1', () => console.log(`${cap === undefined ? 'bare json' : 'pay floor'} server on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
