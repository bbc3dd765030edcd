/** The benchmarks' pay requests: distinct, validly signed, of the demo application. */
import { DEMO_APP } from '../../../kernel/settings.ts';
import { formatYuan } from '../../../kernel/money/money.ts';
import { nodeSigner } from '../../../adapters/node/node-digests.ts';
import { scenarioForAmount } from '../../../engine/index.ts';

/** Request `i` of a run: a success amount (no scenario), either channel, a store and a goods line. */
export function signedBody(i: number, prefix: string): string {
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
  return JSON.stringify(nodeSigner.signed(params, { secret: DEMO_APP.secret, encoding: 'base64' }));
}

export function signedBodies(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) => signedBody(i, prefix));
}
