/**
 * A pay-code server written from the seed page alone (`../shared/seed/pay-qrcode.md`, its
 * flowchart 付款码支付流程) and the signing page it links — not from paycheck's spec or mock, and
 * sharing no code with them. It serves `POST /pay/qrcode` only: no `/pay/get`, no `/__mock/*`
 * controls, no sandbox amounts. It checks what the seed sets and nothing the seed leaves open:
 *
 *   1. 参数验证: the table's 必填 是 fields present — else 3001 (an empty string counts as absent);
 *      a body it cannot read has no parameters either (3001).
 *   2. 参数值验证: the table's types and maximum lengths, `sign_type` MD5 or RSA, a total that is
 *      money (more than 0, in fen), a pay code of WeChat or Alipay (the channels' formats) — else
 *      3002. No cap on the total, no length for the `-` fields, no count of goods lines, and
 *      fields it does not know are ignored (the signing rule signs them all).
 *   3. AppID核对 — else 3003. 4. 签名验证 — else 3004; `sign` is at most 32 characters (the table),
 *      so it is the MD5 hex itself; RSA is "phase two" and never verifies.
 *   5. 业务单号检测: any repeated order_id — 1007, the flowchart's one branch.
 *
 * Where the table and the example disagree it takes the table: `pay_type` and `order_status` are
 * Strings. test/contracts/seed-server.test.ts runs paycheck's pay-path tests against it.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

const MESSAGES: Readonly<Record<number, string>> = {
  1000: '支付成功', 1007: '业务订单号重复', 3001: '参数缺失', 3002: '参数值格式错误', 3003: 'AppID错误', 3004: '签名验证失败',
};

/** 请求参数: 参数, 类型, 必填, 最大长度. */
const REQUIRED = ['app_id', 'sign', 'sign_type', 'order_id', 'pay_code', 'total_amount'];
const MAX_LENGTH: Readonly<Record<string, number>> = { app_id: 32, sign: 32, sign_type: 32, order_id: 128 };
const STORE_FIELDS = ['store_id', 'cashier_id', 'waiter1_id', 'waiter2_id', 'terminal_id'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null || v === '';

/** 微信或支付宝付款码: the channel's code formats (WeChat 18 digits from 10–15, Alipay 16–24 from 25–30). */
function channelOf(code: string): '0' | '1' | undefined {
  if (/^1[0-5]\d{16}$/.test(code)) return '0';
  if (/^(2[5-9]|30)\d{14,22}$/.test(code)) return '1';
  return undefined;
}

/** 订单总金额 in fen: a String of yuan (the table) or a number (the example), more than zero. */
function totalFen(value: unknown): number | undefined {
  let fen: number;
  if (typeof value === 'string' && /^\d+(\.\d{1,2})?$/.test(value)) fen = Math.round(Number(value) * 100);
  else if (typeof value === 'number' && /^\d+(\.\d{1,2})?$/.test(String(value))) fen = Math.round(value * 100);
  else return undefined;
  return fen > 0 ? fen : undefined;
}

/** int / double as a server in a loosely typed language reads them: a numeric string will do. */
const looseNumber = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN);

function wellFormed(p: Json): boolean {
  for (const [key, max] of Object.entries(MAX_LENGTH)) if (typeof p[key] !== 'string' || (p[key] as string).length > max) return false;
  if (p.sign_type !== 'MD5' && p.sign_type !== 'RSA') return false;
  if (typeof p.pay_code !== 'string' || channelOf(p.pay_code) === undefined) return false;
  if (totalFen(p.total_amount) === undefined) return false;
  if (!absent(p.store_info)) {
    if (!isObject(p.store_info)) return false;
    const store = p.store_info;
    if (STORE_FIELDS.some((k) => store[k] !== undefined && typeof store[k] !== 'string')) return false;
  }
  if (!absent(p.goods_list)) {
    if (!Array.isArray(p.goods_list)) return false;
    for (const line of p.goods_list as unknown[]) {
      if (!isObject(line)) return false;
      if (line.barcode !== undefined && (typeof line.barcode !== 'string' || line.barcode.length > 32)) return false;
      if (line.title !== undefined && (typeof line.title !== 'string' || line.title.length > 256)) return false;
      if (line.num !== undefined && !Number.isInteger(looseNumber(line.num))) return false;
      if (line.price !== undefined && !Number.isFinite(looseNumber(line.price))) return false;
    }
  }
  return true;
}

/** 签名规则: every non-empty parameter but sign, plus app_sercet, sorted, key=value joined by &, MD5 upper-case hex. */
function signOf(p: Json, secret: string): string {
  const empty = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
  const pairs = Object.entries({ ...p, app_sercet: secret })
    .filter(([k, v]) => k !== 'sign' && v !== undefined && !empty(v))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return createHash('md5').update(pairs.join('&'), 'utf8').digest('hex').toUpperCase();
}

export interface SeedServer {
  url: string;
  close(): Promise<void>;
}

export async function startSeedServer(apps: Readonly<Record<string, string>>): Promise<SeedServer> {
  const orders = new Set<string>();
  let serial = 0;

  function pay(p: Json): { code: number; data: Json } {
    if (REQUIRED.some((k) => absent(p[k]))) return { code: 3001, data: {} };
    if (!wellFormed(p)) return { code: 3002, data: {} };
    const secret = apps[p.app_id as string];
    if (secret === undefined) return { code: 3003, data: {} };
    if (p.sign_type !== 'MD5' || p.sign !== signOf(p, secret)) return { code: 3004, data: {} };
    const key = `${p.app_id as string}|${p.order_id as string}`;
    if (orders.has(key)) return { code: 1007, data: {} };
    orders.add(key);
    const yuan = totalFen(p.total_amount)! / 100;
    serial += 1;
    return {
      code: 1000,
      data: {
        trade_no: `SEED${Date.now()}${String(serial).padStart(6, '0')}`, order_id: p.order_id, pay_type: channelOf(p.pay_code as string),
        order_status: '1', total_amount: yuan, payable_amount: yuan, real_amount: yuan, voucher_list: [],
      },
    };
  }

  const answer = (res: ServerResponse, code: number, data: Json) =>
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ code, msg: MESSAGES[code], data }));

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/pay/qrcode') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      let params: unknown;
      try {
        params = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(res, 3001, {});
      }
      if (!isObject(params)) return answer(res, 3001, {});
      const { code, data } = pay(params);
      answer(res, code, data);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
