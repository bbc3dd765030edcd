/**
 * The API's result codes — one table that the spec's `Code` enum, the mock, the contract suite
 * and docs/error-codes.md are checked against (test/spec/codes.test.ts).
 */
import type { components } from './spec/openapi.ts';

export type Code = components['schemas']['Code'];

/** Which error-code dialect answers with the code (D-17): both, or only the flowchart's or only the seed table's. */
type Dialect = 'both' | 'flowchart' | 'table';

/**
 * Where the message's words come from: the seed's response example, its error table (异常响应), its
 * flowchart — or paycheck, which words the meaning the platform's error table gives in English
 * (platform-facts §2), in the seed's terms where it has them (its order_status names).
 */
type MessageSource = 'seed example' | 'seed error table' | 'flowchart' | 'paycheck';

/**
 * What an answer with the code tells the caller about the order. `final`: its outcome is known
 * (paid, failed, already paid, closed, cancelled) — given a result status, nothing is left to ask.
 * `open`: not yet (the customer is confirming, or nobody knows): the cashier must follow up.
 * `refused`: the call was turned down, which says nothing of the order's outcome.
 */
export type CodeKind = 'final' | 'open' | 'refused';

/** What `data` a pay call's answer with the code carries: the order, or `{}` (the spec's PayResponse members). */
export type PayData = 'order' | 'empty';

export interface CodeEntry {
  code: Code;
  /** The message the mock answers with. */
  msg: string;
  msgSource: MessageSource;
  meaning: string;
  action: string;
  dialect: Dialect;
  kind: CodeKind;
  payData: PayData;
}

export const CODES = [
  { code: 1000, msg: '支付成功', msgSource: 'seed example', meaning: 'success', action: '—', dialect: 'both', kind: 'final', payData: 'order' },
  { code: 1001, msg: '支付失败', msgSource: 'paycheck', meaning: 'payment failed', action: 'close the order, or pay again', dialect: 'both', kind: 'final', payData: 'order' },
  { code: 1002, msg: '等待用户付款', msgSource: 'paycheck', meaning: 'waiting for the customer to confirm', action: 'query the order status', dialect: 'both', kind: 'open', payData: 'order' },
  { code: 1003, msg: '订单已支付', msgSource: 'seed error table', meaning: 'duplicate payment: the order is already paid', action: 'confirm the order status', dialect: 'both', kind: 'final', payData: 'empty' },
  { code: 1004, msg: '订单已关闭', msgSource: 'paycheck', meaning: 'order closed', action: 'request payment again', dialect: 'both', kind: 'final', payData: 'empty' },
  { code: 1005, msg: '订单已撤销', msgSource: 'paycheck', meaning: 'order cancelled', action: 'request payment again', dialect: 'both', kind: 'final', payData: 'empty' },
  { code: 1006, msg: '订单已支付，无法关闭', msgSource: 'paycheck', meaning: 'order already paid (seen when closing)', action: 're-check the order status', dialect: 'both', kind: 'final', payData: 'empty' },
  { code: 1007, msg: '业务订单号重复', msgSource: 'flowchart', meaning: 'duplicate business order number', action: 'generate a new order_id and pay', dialect: 'flowchart', kind: 'refused', payData: 'empty' },
  { code: 2000, msg: '签名错误', msgSource: 'seed error table', meaning: 'signature wrong (seed table)', action: 'check AppID and secret', dialect: 'table', kind: 'refused', payData: 'empty' },
  { code: 2001, msg: '退款金额大于支付金额', msgSource: 'paycheck', meaning: 'refund larger than what is left of the payment', action: 'check the refund amount', dialect: 'both', kind: 'refused', payData: 'empty' },
  { code: 2002, msg: '退款失败，余额不足', msgSource: 'paycheck', meaning: 'refund failed: insufficient funds', action: 'top up the reserve', dialect: 'both', kind: 'refused', payData: 'empty' },
  { code: 3000, msg: 'APPID错误', msgSource: 'seed error table', meaning: 'AppID wrong (seed table)', action: 'check the AppID', dialect: 'table', kind: 'refused', payData: 'empty' },
  { code: 3001, msg: '参数缺失', msgSource: 'flowchart', meaning: 'missing parameter', action: 'check the parameters', dialect: 'both', kind: 'refused', payData: 'empty' },
  { code: 3002, msg: '参数值格式错误', msgSource: 'flowchart', meaning: 'bad parameter format', action: 'check the parameters', dialect: 'both', kind: 'refused', payData: 'empty' },
  { code: 3003, msg: 'AppID错误', msgSource: 'flowchart', meaning: 'AppID wrong', action: 'check the AppID', dialect: 'flowchart', kind: 'refused', payData: 'empty' },
  { code: 3004, msg: '签名验证失败', msgSource: 'flowchart', meaning: 'signature check failed', action: 'check AppID and secret', dialect: 'flowchart', kind: 'refused', payData: 'empty' },
  { code: 4001, msg: '原订单不存在', msgSource: 'paycheck', meaning: 'original order does not exist', action: 'check the order number', dialect: 'both', kind: 'refused', payData: 'empty' },
  { code: 4002, msg: '退款订单不存在', msgSource: 'paycheck', meaning: 'refund does not exist', action: 'check the refund number', dialect: 'both', kind: 'refused', payData: 'empty' },
  { code: 5000, msg: '应用未开通', msgSource: 'paycheck', meaning: 'application not enabled', action: 'contact the service provider', dialect: 'both', kind: 'refused', payData: 'empty' },
  { code: 5001, msg: '系统未知错误', msgSource: 'paycheck', meaning: 'unknown system error', action: 'retry', dialect: 'both', kind: 'open', payData: 'empty' },
  { code: 5002, msg: '请求频率过高', msgSource: 'paycheck', meaning: 'request rate too high', action: 'slow down', dialect: 'both', kind: 'refused', payData: 'empty' },
] as const satisfies readonly CodeEntry[];

const byCode = new Map<number, CodeEntry>(CODES.map((entry) => [entry.code, entry]));

export function codeEntry(code: number): CodeEntry | undefined {
  return byCode.get(code);
}

/** Undefined for anything not a registered code (such a code is no kind). */
export function kindOf(code: unknown): CodeKind | undefined {
  return typeof code === 'number' ? byCode.get(code)?.kind : undefined;
}

export function payDataOf(code: unknown): PayData | undefined {
  return typeof code === 'number' ? byCode.get(code)?.payData : undefined;
}

export function messageOf(code: Code): string {
  return byCode.get(code)?.msg ?? '';
}

/** A fault class, and the code each dialect answers it with (D-17). */
export type FaultClass = 'missing' | 'format' | 'appId' | 'signature' | 'duplicateOrder' | 'alreadyPaid';
export type ErrorDialect = 'flowchart' | 'table';

export const DIALECT_CODES: Readonly<Record<FaultClass, Readonly<Record<ErrorDialect, Code>>>> = {
  missing: { flowchart: 3001, table: 3001 },
  format: { flowchart: 3002, table: 3002 },
  appId: { flowchart: 3003, table: 3000 },
  signature: { flowchart: 3004, table: 2000 },
  duplicateOrder: { flowchart: 1007, table: 1003 },
  alreadyPaid: { flowchart: 1003, table: 1003 },
};

export function parseErrorDialect(value: string | undefined, name: string): ErrorDialect {
  if (value === undefined || value === '' || value === 'flowchart') return 'flowchart';
  if (value === 'table') return 'table';
  throw new RangeError(`${name} must be "flowchart" or "table"; got "${value}"`);
}
