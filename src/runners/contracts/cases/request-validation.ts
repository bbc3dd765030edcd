/**
 * Requests with one defect each — a field missing, a length over its limit, a wrong type, a bad
 * amount or pay code, an unknown sign_type or field. Limits and required names are read from
 * openapi.yaml, not restated (test/discrepancies/seed-tables.test.ts holds openapi.yaml to the
 * seed's tables). Three kinds of case:
 *   - the seed's own rules (a required field missing, a length over the seed's maximum, a type or
 *     value the table does not allow): refused, or the target is broken;
 *   - strict limits, paycheck's own decisions where the seed is silent (`strict`): reported,
 *     failed only under PAY_STRICT=1 — a lenient target may take them to the pay step, so they
 *     are tagged @moves-money;
 *   - lengths the seed gives two ways (D-12, D-13): either answer, the reading reported.
 */
import { loadSpec } from '../../../adapters/node/spec-file.ts';
import type { StrictLimit } from '../../../checks/contract/check-context.ts';
import { READINGS } from '../../../checks/contract/readings.ts';
import type { CaseContext, CaseTag, ContractCase } from '../support/case-context.ts';

type Schema = { required?: string[]; properties?: Record<string, Schema>; maxLength?: number; maxItems?: number; $ref?: string };
const schemas = loadSpec().components.schemas as Record<string, Schema>;
const payRequest = schemas.PayRequest;
/** A limit openapi.yaml sets, following one $ref. */
const limit = (schema: Schema | undefined, what: 'maxLength' | 'maxItems'): number => {
  const resolved = schema?.$ref ? schemas[schema.$ref.split('/').at(-1) ?? ''] : schema;
  const n = resolved?.[what];
  if (n === undefined) throw new Error(`openapi.yaml gives no ${what} here`);
  return n;
};
/** The two limits of a length the seed gives two ways (the reading's names), shorter first. */
const lengthsOf = (reading: 'order-id-length' | 'sign-length') => Object.keys(READINGS[reading].readings).map(Number).sort((a, b) => a - b);
/** The longest order_id the seed's request table allows (D-12): above it, every reading refuses. */
export const [, SEED_ORDER_ID_MAX] = lengthsOf('order-id-length');
/** The request table's limit of `sign` (D-13): a Base64 sign is longer. */
const [SEED_SIGN_MAX] = lengthsOf('sign-length');

type Draft = Record<string, unknown>;
const line = (d: Draft) => (d.goods_list as Record<string, unknown>[])[0];
type Mutation = (draft: Draft) => void;

/** Applies the defect, signs what is left (so only the defect is wrong), sends. */
async function sendWith(ctx: CaseContext, mutate: Mutation, fault: 'missing' | 'format', { sign = true, strict }: { sign?: boolean; strict?: StrictLimit } = {}) {
  const draft: Draft = { ...ctx.draft() };
  mutate(draft);
  await ctx.send(sign ? ctx.client.sign(draft) : draft, { expect: { fault, ...(strict ? { strict } : {}) } });
}

function defect(title: string, mutate: Mutation, fault: 'missing' | 'format' = 'format'): ContractCase {
  return { title, run: (ctx) => sendWith(ctx, mutate, fault) };
}

const STRICT_TAGS: readonly CaseTag[] = ['@moves-money'];

/** A defect only by paycheck's own limit (a decision where the seed is silent). */
function strictDefect(title: string, strict: StrictLimit, mutate: Mutation, fault: 'missing' | 'format' = 'format', sign = true): ContractCase {
  return { title: `${title} (strict, ${strict.decision})`, tags: STRICT_TAGS, run: (ctx) => sendWith(ctx, mutate, fault, { sign, strict }) };
}

const EMPTY_IS_MISSING: StrictLimit = { decision: 'D-50', limit: 'an empty required value ("") is missing (3001)' };

const missingCases: ContractCase[] = (payRequest.required ?? []).flatMap((field) => [
  {
    title: `missing ${field}: 3001`,
    run: (ctx: CaseContext) =>
      field === 'sign'
        ? sendWith(ctx, () => undefined, 'missing', { sign: false })
        : sendWith(ctx, (d) => void delete d[field], 'missing'),
  },
  strictDefect(`empty ${field} ("") counts as missing: 3001`, EMPTY_IS_MISSING, (d) => void (d[field] = ''), 'missing', field !== 'sign'),
]);

const over = (n: number, unit: string) => unit.repeat(n + 1);
const payRequestProps = payRequest.properties ?? {};
const storeRef = schemas.StoreRef;
const goods = schemas.Goods.properties ?? {};

const STORE_ID_LENGTH: StrictLimit = { decision: 'D-28', limit: `store_info ids of at most ${limit(storeRef, 'maxLength')} characters` };
const GOODS_LINES: StrictLimit = { decision: 'D-38', limit: `goods_list of at most ${limit(payRequestProps.goods_list, 'maxItems')} lines` };
const ORDER_ID_MAX = limit(payRequestProps.order_id, 'maxLength');

const lengthCases: ContractCase[] = [
  defect(`app_id of ${limit(payRequestProps.app_id, 'maxLength') + 1} characters: 3002`, (d) => void (d.app_id = over(limit(payRequestProps.app_id, 'maxLength'), 'a'))),
  {
    // 64 in the response table's echo, 128 in the request table (D-12): a fresh order of 65, so a server reading 128 pays it.
    title: `order_id of ${ORDER_ID_MAX + 1} characters: 3002 (D-12: ${ORDER_ID_MAX}) or paid (the request table's ${SEED_ORDER_ID_MAX}), the reading reported`,
    tags: ['@moves-money'],
    run: async (ctx) => void (await ctx.pay(ctx.request({ orderId: ctx.factory.orderId().padEnd(ORDER_ID_MAX + 1, '0') }), { expect: { reading: 'order-id-length' }, probe: ['format'] })),
  },
  defect(`order_id of ${SEED_ORDER_ID_MAX + 1} characters (above the request table's ${SEED_ORDER_ID_MAX}): 3002`, (d) => void (d.order_id = over(SEED_ORDER_ID_MAX, '7'))),
  {
    title: `sign of ${limit(payRequestProps.sign, 'maxLength') + 1} characters: 3002`,
    run: (ctx) => sendWith(ctx, (d) => void (d.sign = over(limit(payRequestProps.sign, 'maxLength'), 'A')), 'format', { sign: false }),
  },
  {
    // The table's 32 against the signing rule's 44-character Base64 (D-13): 3002 from a server that holds sign to 32.
    title: `sign of ${SEED_SIGN_MAX + 1} characters, nothing signed: 3002 where sign is held to ${SEED_SIGN_MAX} (D-13), else a signature fault — the reading reported`,
    run: async (ctx) => void (await ctx.send({ ...ctx.draft(), sign: over(SEED_SIGN_MAX, 'A') }, { expect: { reading: 'sign-length' }, probe: ['format', 'signature'] })),
  },
  ...['store_id', 'cashier_id', 'waiter1_id', 'waiter2_id', 'terminal_id'].map((key) =>
    strictDefect(`store_info.${key} of ${limit(storeRef, 'maxLength') + 1} characters: 3002`, STORE_ID_LENGTH, (d) => void ((d.store_info as Record<string, unknown>)[key] = over(limit(storeRef, 'maxLength'), 'S'))),
  ),
  defect(`goods barcode of ${limit(goods.barcode, 'maxLength') + 1} digits: 3002`, (d) => void (line(d).barcode = over(limit(goods.barcode, 'maxLength'), '6'))),
  defect(`goods title of ${limit(goods.title, 'maxLength') + 1} characters: 3002`, (d) => void (line(d).title = over(limit(goods.title, 'maxLength'), '品'))),
  strictDefect(`goods_list of ${limit(payRequestProps.goods_list, 'maxItems') + 1} lines: 3002`, GOODS_LINES, (d) => void (d.goods_list = Array.from({ length: limit(payRequestProps.goods_list, 'maxItems') + 1 }, () => line(d)))),
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
  ['goods num as a fraction', (d: Draft) => void (line(d).num = 1.5)],
].map(([title, mutate]) => defect(`${title as string}: 3002`, mutate as Mutation)).concat([
  // The seed types them int and double, but writes its own String total as a number: how strictly a type is read is paycheck's decision.
  strictDefect('goods num as a string "2": 3002', { decision: 'D-11', limit: 'goods num a JSON integer, not a string' }, (d) => void (line(d).num = '2')),
  strictDefect('goods price as a string "3.00": 3002', { decision: 'D-10', limit: 'goods price a JSON number, not a string' }, (d) => void (line(d).price = '3.00')),
]);

const TWO_DECIMALS: StrictLimit = { decision: 'D-6', limit: 'total_amount of at most two decimals' };

const amountCases: ContractCase[] = [
  // 订单总金额 is money to charge: not text, not zero, not negative — under any reading of the seed.
  ...([['negative "-1.00"', '-1.00'], ['negative number -1', -1], ['zero "0.00"', '0.00'], ['zero number 0', 0], ['text "abc"', 'abc']] as const).map(([title, value]) =>
    defect(`total_amount ${title}: 3002`, (d) => void (d.total_amount = value))),
  strictDefect('total_amount with three decimals "1.001": 3002', TWO_DECIMALS, (d) => void (d.total_amount = '1.001')),
  strictDefect('total_amount, a number with three decimals 0.001: 3002', TWO_DECIMALS, (d) => void (d.total_amount = 0.001)),
  strictDefect('total_amount above the cap "1000000.01": 3002', { decision: 'D-6', limit: 'total_amount of at most 1000000.00' }, (d) => void (d.total_amount = '1000000.01')),
  strictDefect('total_amount with an exponent "1e2": 3002', { decision: 'D-6', limit: 'total_amount written without an exponent' }, (d) => void (d.total_amount = '1e2')),
];

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

/** D-46: also the lifecycle calls' case. */
export const UNKNOWN_FIELD: StrictLimit = { decision: 'D-46', limit: 'an unknown field is a format error (3002)' };

const otherCases: ContractCase[] = [
  defect('sign_type "SHA1" (unknown): 3002', (d) => void (d.sign_type = 'SHA1')),
  defect('sign_type "md5" (wrong case): 3002', (d) => void (d.sign_type = 'md5')),
  strictDefect('an unknown field: 3002', UNKNOWN_FIELD, (d) => void (d.coupon_code = 'FREE')),
  {
    title: 'a body that is not JSON: 3002 (strict, D-48)',
    run: async (ctx) => void (await ctx.send('{"app_id": "paycheck-demo-app",', { expect: { fault: 'format', strict: { decision: 'D-48', limit: 'a body that is not JSON is a format error (3002)' } } })),
  },
  { title: 'an empty JSON object: 3001', run: async (ctx) => void (await ctx.send({}, { expect: { fault: 'missing' } })) },
];

export const REQUEST_VALIDATION_CASES = { missing: missingCases, lengths: lengthCases, types: typeCases, amounts: amountCases, payCodes: payCodeCases, other: otherCases };
