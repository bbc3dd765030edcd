/**
 * Requests with one defect each — a field missing, a length over its limit, a wrong type, a bad
 * amount or pay code, an unknown sign_type or field. Limits and required names are read from
 * openapi.yaml, not restated. Every one is refused before the pay step, so none can move money.
 */
import { loadSpec } from '../../../adapters/node/spec-file.ts';
import type { CaseContext, ContractCase } from '../support/case-context.ts';

type Schema = { required?: string[]; properties?: Record<string, Schema>; maxLength?: number; maxItems?: number; $ref?: string };
const schemas = loadSpec().components.schemas as Record<string, Schema>;
const payRequest = schemas.PayRequest;
/** A limit openapi.yaml sets, following one $ref. */
export const limit = (schema: Schema | undefined, what: 'maxLength' | 'maxItems'): number => {
  const resolved = schema?.$ref ? schemas[schema.$ref.split('/').at(-1) ?? ''] : schema;
  const n = resolved?.[what];
  if (n === undefined) throw new Error(`openapi.yaml gives no ${what} here`);
  return n;
};

type Draft = Record<string, unknown>;
const line = (d: Draft) => (d.goods_list as Record<string, unknown>[])[0];
type Mutation = (draft: Draft) => void;

/** Applies the defect, signs what is left (so only the defect is wrong), sends. */
async function sendWith(ctx: CaseContext, mutate: Mutation, fault: 'missing' | 'format', { sign = true } = {}) {
  const draft: Draft = { ...ctx.draft() };
  mutate(draft);
  await ctx.send(sign ? ctx.client.sign(draft) : draft, { expect: { fault } });
}

function defect(title: string, mutate: Mutation, fault: 'missing' | 'format' = 'format'): ContractCase {
  return { title, run: (ctx) => sendWith(ctx, mutate, fault) };
}

const missingCases: ContractCase[] = (payRequest.required ?? []).flatMap((field) => [
  {
    title: `missing ${field}: 3001`,
    run: (ctx: CaseContext) =>
      field === 'sign'
        ? sendWith(ctx, () => undefined, 'missing', { sign: false })
        : sendWith(ctx, (d) => void delete d[field], 'missing'),
  },
  {
    title: `empty ${field} ("") counts as missing: 3001`,
    run: (ctx: CaseContext) =>
      sendWith(ctx, (d) => void (d[field] = ''), 'missing', { sign: field !== 'sign' }),
  },
]);

const over = (n: number, unit: string) => unit.repeat(n + 1);
export const payRequestProps = payRequest.properties ?? {};
const storeRef = schemas.StoreRef;
const goods = schemas.Goods.properties ?? {};

const lengthCases: ContractCase[] = [
  defect(`app_id of ${limit(payRequestProps.app_id, 'maxLength') + 1} characters: 3002`, (d) => void (d.app_id = over(limit(payRequestProps.app_id, 'maxLength'), 'a'))),
  defect(`order_id of ${limit(payRequestProps.order_id, 'maxLength') + 1} characters: 3002`, (d) => void (d.order_id = over(limit(payRequestProps.order_id, 'maxLength'), '7'))),
  {
    title: `sign of ${limit(payRequestProps.sign, 'maxLength') + 1} characters: 3002`,
    run: (ctx) => sendWith(ctx, (d) => void (d.sign = over(limit(payRequestProps.sign, 'maxLength'), 'A')), 'format', { sign: false }),
  },
  ...['store_id', 'cashier_id', 'waiter1_id', 'waiter2_id', 'terminal_id'].map((key) =>
    defect(`store_info.${key} of ${limit(storeRef, 'maxLength') + 1} characters: 3002`, (d) => void ((d.store_info as Record<string, unknown>)[key] = over(limit(storeRef, 'maxLength'), 'S'))),
  ),
  defect(`goods barcode of ${limit(goods.barcode, 'maxLength') + 1} digits: 3002`, (d) => void (line(d).barcode = over(limit(goods.barcode, 'maxLength'), '6'))),
  defect(`goods title of ${limit(goods.title, 'maxLength') + 1} characters: 3002`, (d) => void (line(d).title = over(limit(goods.title, 'maxLength'), '品'))),
  defect(`goods_list of ${limit(payRequestProps.goods_list, 'maxItems') + 1} lines: 3002`, (d) => void (d.goods_list = Array.from({ length: limit(payRequestProps.goods_list, 'maxItems') + 1 }, () => line(d)))),
];

const typeCases: ContractCase[] = [
  ['total_amount as a boolean', (d: Draft) => void (d.total_amount = true)],
  ['total_amount as an object', (d: Draft) => void (d.total_amount = { yuan: 1 })],
  ['order_id as a number', (d: Draft) => void (d.order_id = 20171021001510)],
  // The draft's own code, sent as a JSON number: no pay-code-shaped literal in a source that a failure's context quotes.
  ['pay_code as a number', (d: Draft) => void (d.pay_code = Number(d.pay_code))],
  ['app_id as an array', (d: Draft) => void (d.app_id = ['paycheck-demo-app'])],
  ['store_info as a string', (d: Draft) => void (d.store_info = 'S1')],
  ['goods_list as an object', (d: Draft) => void (d.goods_list = line(d))],
  ['goods num as a string', (d: Draft) => void (line(d).num = '2')],
  ['goods num as a fraction', (d: Draft) => void (line(d).num = 1.5)],
  ['goods price as a string', (d: Draft) => void (line(d).price = '3.00')],
].map(([title, mutate]) => defect(`${title as string}: 3002`, mutate as Mutation));

const amountCases: ContractCase[] = ([
  ['three decimals "1.001"', '1.001'], ['negative "-1.00"', '-1.00'], ['negative number -1', -1], ['zero "0.00"', '0.00'], ['zero number 0', 0],
  ['text "abc"', 'abc'], ['above the cap "1000000.01"', '1000000.01'], ['an exponent "1e2"', '1e2'], ['a number with three decimals 0.001', 0.001],
] as const).map(([title, value]) => defect(`total_amount ${title}: 3002`, (d) => void (d.total_amount = value)));

const payCodeCases: ContractCase[] = ([
  ['WeChat code one digit short (17)', '13456789012345678'],
  ['WeChat code one digit long (19)', '1345678901234567890'],
  ['Alipay code too short (15)', '284637162531748'],
  ['Alipay code too long (25)', '2846371625317482901234567'],
  ['wrong prefix 16', '164567890123456789'],
  ['wrong prefix 31', '314567890123456789'],
  ['letters', 'ABCDEFGHIJKLMNOPQR'],
  ['a letter at the end', '13456789012345678X'],
] as const).map(([title, code]) => defect(`pay_code, ${title}: 3002`, (d) => void (d.pay_code = code)));

const otherCases: ContractCase[] = [
  defect('sign_type "SHA1" (unknown): 3002', (d) => void (d.sign_type = 'SHA1')),
  defect('sign_type "md5" (wrong case): 3002', (d) => void (d.sign_type = 'md5')),
  defect('an unknown field: 3002', (d) => void (d.coupon_code = 'FREE')),
  { title: 'a body that is not JSON: 3002', run: async (ctx) => void (await ctx.send('{"app_id": "paycheck-demo-app",', { expect: { fault: 'format' } })) },
  { title: 'an empty JSON object: 3001', run: async (ctx) => void (await ctx.send({}, { expect: { fault: 'missing' } })) },
];

export const REQUEST_VALIDATION_CASES = { missing: missingCases, lengths: lengthCases, types: typeCases, amounts: amountCases, payCodes: payCodeCases, other: otherCases };
