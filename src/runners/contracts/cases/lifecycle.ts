/**
 * The order's life after the pay call (openapi.yaml, from the platform's neighbouring pages):
 * /pay/get, /pay/check, /pay/cancel and /pay/refund on orders the case pays itself, on orders and
 * refunds never made, and with the pay call's faults. Every answer goes through the whole check:
 * the call's response schema, and the lifecycle rules judging it against what the run saw of the
 * order (src/checks/contract/order-ledger.ts). Cases that cancel or refund a real order are tagged
 * @lifecycle-writes; the ones naming an order that does not exist cannot move money and are not.
 */
import type { Exchange, Params } from '../../../adapters/client/pay-client.ts';
import { OUTCOME_CODES, type Expectation, type Outcome } from '../../../checks/contract/check-context.ts';
import { codeOf } from '../../../checks/contract/answer-data.ts';
import { shown } from '../../../checks/contract/finding.ts';
import { SEED_ORDER_ID_MAX, UNKNOWN_FIELD } from './request-validation.ts';
import type { CaseContext, CaseTag, ContractCase } from '../support/case-context.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';

const MONEY: readonly CaseTag[] = ['@moves-money'];
const CONTROLLED: readonly CaseTag[] = ['@moves-money', '@mock-controls'];
const WRITES: readonly CaseTag[] = ['@moves-money', '@lifecycle-writes'];
const CONTROLLED_WRITES: readonly CaseTag[] = ['@moves-money', '@mock-controls', '@lifecycle-writes'];

const OK: Expectation = { codes: [1000] };
/** 10.00 yuan: no sandbox amount, so paid plainly, with room for partial refunds. */
const TEN_YUAN = 1000;


/**
 * The names `keys` of what an answer made, when it is the `code` asked for and names it; else
 * the case stops there: what follows would name "undefined" and be refused (4001, 4002), a second
 * finding and a reproduction about nothing the target did wrong.
 */
function namesMade<K extends string>(ctx: CaseContext, exchange: Exchange, made: { by: string; what: string; code: number }, keys: readonly K[]): Record<K, string> {
  const data = ctx.dataOf(exchange);
  const why = whyNotMade(exchange, made.code, keys.filter((key) => typeof data[key] !== 'string' || data[key] === ''));
  if (why !== undefined) ctx.stop(exchange, `the ${made.by} gave no ${made.what} (${why})`);
  return Object.fromEntries(keys.map((key) => [key, data[key]])) as Record<K, string>;
}

function whyNotMade(exchange: Exchange, wanted: number, absent: readonly string[]): string | undefined {
  if (exchange.transportError !== undefined) return exchange.transportError;
  const code = codeOf(exchange.response?.body);
  if (code === undefined) return `HTTP ${exchange.response?.status}, no code`;
  if (code !== wanted) return `answered ${shown(code)}`;
  return absent.length > 0 ? `answered ${code} without ${absent.join(' or ')}` : undefined;
}

type Order = Record<'order_id' | 'trade_no', string>;

/** Pays a fresh order (10.00 unless a scenario decides) and returns what names it; without one, the case stops there. */
async function placeOrder(ctx: CaseContext, scenario?: string, outcome: Outcome = 'paid'): Promise<Order> {
  const exchange = await ctx.pay(ctx.request({ amountFen: TEN_YUAN }), { expect: { outcome }, scenario });
  return namesMade(ctx, exchange, { by: 'pay', what: `${outcome} order`, code: OUTCOME_CODES[outcome] }, ['order_id', 'trade_no']);
}

const refundId = (ctx: CaseContext) => `RF${ctx.factory.orderId()}`;

function refund(ctx: CaseContext, order_id: string, amount: string, expect: Expectation = OK, refund_order_id = refundId(ctx)) {
  return ctx.call(API_PATHS.refund, { order_id, refund_order_id, refund_amount: amount }, { expect });
}

/** A demand of this case on one field of an answer (rule `case-expectation`). */
function expectField(ctx: CaseContext, exchange: Exchange, key: string, want: unknown, why: string): void {
  const actual = ctx.dataOf(exchange)[key];
  ctx.require(actual === want, exchange, { path: `$.data.${key}`, expected: shown(want), actual: shown(actual), message: why });
}

/** A call naming an order (or refund) this run never made: it can only be unknown, and nothing can move. */
function neverMade(title: string, path: string, fields: (ctx: CaseContext) => Params, unknown: 'order' | 'refund' = 'order'): ContractCase {
  return { title, run: async (ctx) => void (await ctx.call(path, fields(ctx), { expect: { unknown } })) };
}
const freshOrder = (ctx: CaseContext) => ({ order_id: ctx.factory.orderId() });

const POLL_INTERVAL_MS = 100;
/** The longest a paying order is polled: past the mock's default 15 s pending delay. */
const POLL_BOUND_MS = 17_000;

/** Queries the order until its outcome is known (not paying, not unknown) or the bound passes. */
async function pollToOutcome(ctx: CaseContext, order: Order): Promise<Exchange> {
  const until = Date.now() + POLL_BOUND_MS;
  for (;;) {
    const answer = await ctx.call(API_PATHS.get, { order_id: order.order_id }, { expect: OK });
    const status = ctx.dataOf(answer).order_status;
    if ((status !== 0 && status !== -10) || Date.now() > until) return answer;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

function polledTo(scenario: string, status: number, name: string): ContractCase {
  return {
    title: `${scenario}: /pay/get polled from paying (0) to ${name} (${status})`,
    tags: CONTROLLED,
    run: async (ctx) => {
      const order = await placeOrder(ctx, scenario, 'paying');
      const last = await pollToOutcome(ctx, order);
      expectField(ctx, last, 'order_status', status, `a ${scenario} order ends ${name}`);
    },
  };
}

export const LIFECYCLE_QUERY_CASES: readonly ContractCase[] = [
  {
    title: 'get by order_id: the paid order as the pay call answered it',
    tags: MONEY,
    run: async (ctx) => void (await ctx.call(API_PATHS.get, { order_id: (await placeOrder(ctx)).order_id }, { expect: OK })),
  },
  {
    title: 'get by trade_no alone: the same order',
    tags: MONEY,
    run: async (ctx) => void (await ctx.call(API_PATHS.get, { trade_no: (await placeOrder(ctx)).trade_no }, { expect: OK })),
  },
  {
    title: 'get of a voucher payment: the vouchers and amounts as paid',
    tags: CONTROLLED,
    run: async (ctx) => void (await ctx.call(API_PATHS.get, { order_id: (await placeOrder(ctx, 'TWO_VOUCHERS')).order_id }, { expect: OK })),
  },
  {
    title: 'get of an order still paying: order_status 0, real_amount 0',
    tags: CONTROLLED,
    run: async (ctx) => {
      const answer = await ctx.call(API_PATHS.get, { order_id: (await placeOrder(ctx, 'USER_PAYING', 'paying')).order_id }, { expect: OK });
      expectField(ctx, answer, 'order_status', 0, 'a USER_PAYING order asked about at once is still paying');
      expectField(ctx, answer, 'real_amount', 0, 'nothing is paid while the customer confirms');
    },
  },
  neverMade('get of an order never made: 4001', API_PATHS.get, freshOrder),
  {
    title: 'check by order_id and by trade_no: the paid status',
    tags: MONEY,
    run: async (ctx) => {
      const order = await placeOrder(ctx);
      await ctx.call(API_PATHS.check, { order_id: order.order_id }, { expect: OK });
      await ctx.call(API_PATHS.check, { trade_no: order.trade_no }, { expect: OK });
    },
  },
  {
    title: 'check by refund_order_id: the refunded order, partly refunded (3)',
    tags: WRITES,
    run: async (ctx) => {
      const order = await placeOrder(ctx);
      const refunded = await refund(ctx, order.order_id, '1.00');
      const { refund_order_id } = namesMade(ctx, refunded, { by: 'refund', what: 'granted refund', code: 1000 }, ['refund_order_id']);
      const answer = await ctx.call(API_PATHS.check, { refund_order_id }, { expect: OK });
      expectField(ctx, answer, 'order_status', 3, 'after a partial refund the order is partly refunded');
    },
  },
  neverMade('check of a refund never made: 4002', API_PATHS.check, (ctx) => ({ refund_order_id: refundId(ctx) }), 'refund'),
  neverMade('check of an order never made: 4001', API_PATHS.check, freshOrder),
];

export const LIFECYCLE_WRITE_CASES: readonly ContractCase[] = [
  {
    title: 'cancel of an order still paying (USER_PAYING): cancelled (5), nothing paid',
    tags: CONTROLLED_WRITES,
    run: async (ctx) => {
      const order = await placeOrder(ctx, 'USER_PAYING', 'paying');
      await ctx.call(API_PATHS.cancel, { order_id: order.order_id }, { expect: OK });
      const after = await ctx.call(API_PATHS.get, { order_id: order.order_id }, { expect: OK });
      expectField(ctx, after, 'real_amount', 0, 'an order cancelled while paying was never paid');
    },
  },
  {
    title: 'cancel of a paid order: cancelled (5), the payment refunded in full',
    tags: WRITES,
    run: async (ctx) => {
      const order = await placeOrder(ctx);
      await ctx.call(API_PATHS.cancel, { trade_no: order.trade_no }, { expect: OK });
      await ctx.call(API_PATHS.get, { order_id: order.order_id }, { expect: OK });
    },
  },
  {
    title: 'cancel twice: the second is 1005, a refund is refused, the order stays cancelled',
    tags: WRITES,
    run: async (ctx) => {
      const order = await placeOrder(ctx);
      await ctx.call(API_PATHS.cancel, { order_id: order.order_id }, { expect: OK });
      await ctx.call(API_PATHS.cancel, { order_id: order.order_id }, { expect: { codes: [1005] } });
      await refund(ctx, order.order_id, '1.00', { codes: [1005, 2001] });
      await ctx.call(API_PATHS.check, { order_id: order.order_id }, { expect: OK });
    },
  },
  neverMade('cancel of an order never made: 4001', API_PATHS.cancel, freshOrder),
  {
    title: 'refunds accumulate: 3.00 (3), 2.50 (3), 0 for the rest (2), then nothing is left (2001)',
    tags: WRITES,
    run: async (ctx) => {
      const order = await placeOrder(ctx);
      await refund(ctx, order.order_id, '3.00');
      await refund(ctx, order.order_id, '2.50');
      const rest = await refund(ctx, order.order_id, '0');
      expectField(ctx, rest, 'order_status', 2, 'refunding the rest leaves the order fully refunded');
      await refund(ctx, order.order_id, '0.01', { codes: [2001] });
      const detail = await ctx.call(API_PATHS.get, { order_id: order.order_id }, { expect: OK });
      const list = ctx.dataOf(detail).refund_list;
      ctx.require(Array.isArray(list) && list.length === 3, detail, { path: '$.data.refund_list', expected: '3 refunds', actual: shown(list), message: 'the order detail lists every refund' });
    },
  },
  {
    title: 'a refund beyond what is left: 2001, and the order is unchanged',
    tags: WRITES,
    run: async (ctx) => {
      const order = await placeOrder(ctx);
      await refund(ctx, order.order_id, '4.00');
      await refund(ctx, order.order_id, '6.01', { codes: [2001] });
      await ctx.call(API_PATHS.get, { order_id: order.order_id }, { expect: OK });
    },
  },
  {
    title: 'a refund above the whole payment: 2001',
    tags: WRITES,
    run: async (ctx) => void (await refund(ctx, (await placeOrder(ctx)).order_id, '10.01', { codes: [2001] })),
  },
  {
    title: 'a refund_order_id used twice: 3002, refunded once',
    tags: WRITES,
    run: async (ctx) => {
      const order = await placeOrder(ctx);
      const id = refundId(ctx);
      await refund(ctx, order.order_id, '1.00', OK, id);
      await refund(ctx, order.order_id, '1.00', { codes: [3002] }, id);
      await ctx.call(API_PATHS.get, { order_id: order.order_id }, { expect: OK });
    },
  },
  neverMade('a refund of an order never made: 4001', API_PATHS.refund, (ctx) => ({ ...freshOrder(ctx), refund_order_id: refundId(ctx), refund_amount: '1.00' })),
  {
    title: 'a refund of an order still paying: 2001 (nothing paid yet)',
    tags: CONTROLLED_WRITES,
    run: async (ctx) => void (await refund(ctx, (await placeOrder(ctx, 'USER_PAYING', 'paying')).order_id, '1.00', { codes: [2001] })),
  },
  {
    title: 'a refund of a failed payment: 2001',
    tags: CONTROLLED_WRITES,
    run: async (ctx) => void (await refund(ctx, (await placeOrder(ctx, 'FAILED', 'failed')).order_id, '1.00', { codes: [2001] })),
  },
  {
    title: 'REFUND_FAILS: the refund fails (2002), the order shows refund failed (-2)',
    tags: CONTROLLED_WRITES,
    run: async (ctx) => {
      const order = await placeOrder(ctx, 'REFUND_FAILS');
      await refund(ctx, order.order_id, '1.00', { codes: [2002] });
      await ctx.call(API_PATHS.get, { order_id: order.order_id }, { expect: OK });
    },
  },
];

export const LIFECYCLE_POLL_CASES: readonly ContractCase[] = [
  polledTo('USER_PAYING', 1, 'paid'),
  polledTo('USER_PAYING_FAILS', -1, 'failed'),
  {
    title: 'USER_PAYING_ABANDONED: polled from paying (0) to closed (4); a cancel then answers 1004',
    tags: CONTROLLED_WRITES,
    run: async (ctx) => {
      const order = await placeOrder(ctx, 'USER_PAYING_ABANDONED', 'paying');
      expectField(ctx, await pollToOutcome(ctx, order), 'order_status', 4, 'an abandoned order ends closed');
      await ctx.call(API_PATHS.cancel, { order_id: order.order_id }, { expect: { codes: [1004] } });
    },
  },
];

type Fields = Record<string, unknown>;
const LIFECYCLE_CALLS = [API_PATHS.get, API_PATHS.check, API_PATHS.cancel, API_PATHS.refund] as const;

/** Faults every lifecycle call shares with the pay call, on an order never made: nothing can move. */
function faultCases(path: (typeof LIFECYCLE_CALLS)[number]): ContractCase[] {
  const fields = (ctx: CaseContext): Fields => ({
    app_id: ctx.target.app.appId, sign_type: 'MD5', order_id: ctx.factory.orderId(),
    ...(path === API_PATHS.refund ? { refund_order_id: refundId(ctx), refund_amount: '1.00' } : {}),
  });
  const fault = (title: string, build: (ctx: CaseContext) => Fields | string, expect: Expectation): ContractCase => ({
    title: `${path}: ${title}`,
    run: async (ctx) => void (await ctx.send(build(ctx), { expect, path })),
  });
  const signedWithout = (...keys: string[]) => (ctx: CaseContext) => ctx.client.sign(Object.fromEntries(Object.entries(fields(ctx)).filter(([k]) => !keys.includes(k))));
  const cases = [
    fault('no order named (no order_id, no trade_no): 3001', signedWithout('order_id'), { fault: 'missing' }),
    fault('not signed: 3001', (ctx) => fields(ctx), { fault: 'missing' }),
    fault('a signed field changed after signing: signature fault', (ctx) => ({ ...ctx.client.sign(fields(ctx)), order_id: ctx.factory.orderId() }), { fault: 'signature' }),
    fault('an unknown app_id, correctly signed: AppID fault', (ctx) => ctx.client.sign({ ...fields(ctx), app_id: 'paycheck-no-such-app' }), { fault: 'appId' }),
    // The order named is the pay call's: above the pay page's 128 (D-12), every reading refuses it.
    fault(`order_id of ${SEED_ORDER_ID_MAX + 1} characters: 3002`, (ctx) => ctx.client.sign({ ...fields(ctx), order_id: '7'.repeat(SEED_ORDER_ID_MAX + 1) }), { fault: 'format' }),
    fault('an unknown field: 3002 (strict, D-46)', (ctx) => ctx.client.sign({ ...fields(ctx), pay_code: ctx.draft().pay_code }), { fault: 'format', strict: UNKNOWN_FIELD }),
    fault('a body that is not JSON: 3002', () => '{"app_id": "paycheck-demo-app",', { fault: 'format' }),
  ];
  if (path !== API_PATHS.refund) return cases;
  return [
    ...cases,
    fault('no refund_order_id: 3001', signedWithout('refund_order_id'), { fault: 'missing' }),
    fault('no refund_amount: 3001', signedWithout('refund_amount'), { fault: 'missing' }),
    fault('refund_amount "1.001" (three decimals): 3002', (ctx) => ctx.client.sign({ ...fields(ctx), refund_amount: '1.001' }), { fault: 'format' }),
    fault('refund_amount "-1.00": 3002', (ctx) => ctx.client.sign({ ...fields(ctx), refund_amount: '-1.00' }), { fault: 'format' }),
  ];
}

export const LIFECYCLE_FAULT_CASES: readonly ContractCase[] = LIFECYCLE_CALLS.flatMap(faultCases);
