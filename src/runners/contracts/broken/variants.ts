/**
 * Deliberately broken targets, one per rule family, for testing the contract suite itself: the
 * real engine with its `handle` wrapped — the request rewritten before it, or the answer after
 * it. Nothing here touches the engine; each variant names the rules that must catch it.
 */
import { messageOf, payDataOf, type Code } from '../../../kernel/codes.ts';
import { isRepeatAnswer } from '../../../kernel/lifecycle/cashier.ts';
import type { AppCredentials } from '../../../kernel/settings.ts';
import type { SignEncoding } from '../../../kernel/signing/encoding.ts';
import { nodeSigner } from '../../../adapters/node/node-digests.ts';
import { parseAmount, yuanNumber } from '../../../kernel/money/money.ts';
import type { RuleName } from '../../../checks/contract/rule-names.ts';
import type { MockHandler, MockRequest, MockResponse } from '../../../engine/index.ts';
import type { NodeEngineOptions } from '../../../adapters/http/build-engine.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';

type Json = Record<string, unknown>;

interface VariantContext {
  app: AppCredentials;
  encoding: SignEncoding;
}

export interface BrokenVariant {
  name: string;
  /** What is wrong with it, in a line. */
  breaks: string;
  /** The suite must fail naming every one of these. */
  caughtBy: readonly RuleName[];
  engine?: NodeEngineOptions;
  wrap(handle: MockHandler, ctx: VariantContext): MockHandler;
}

export function parse(text: string | Uint8Array): Json | undefined {
  try {
    const value: unknown = JSON.parse(typeof text === 'string' ? text : new TextDecoder().decode(text));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Rewrites every JSON answer's body; `data` is the order of a pay call's 1000/1001/1002 answer. */
export function mapAnswer(change: (body: Json, data: Json | undefined, request: MockRequest) => void): BrokenVariant['wrap'] {
  return (handle) => async (request) => {
    const response = await handle(request);
    const body = parse(response.body);
    if (!body) return response;
    const data = request.path.endsWith(API_PATHS.pay) && payDataOf(body.code) === 'order' ? (body.data as Json) : undefined;
    change(body, data, request);
    return { ...response, body: JSON.stringify(body) };
  };
}

/** Rewrites the `data` of one lifecycle call's 1000 answers; `sent` is the request body. */
function mapLifecycle(path: string, change: (data: Json, sent: Json) => void): BrokenVariant['wrap'] {
  return (handle) => async (request) => {
    const response = await handle(request);
    const body = request.path.endsWith(path) ? parse(response.body) : undefined;
    if (body?.code !== 1000) return response;
    change(body.data as Json, parse(request.body) ?? {});
    return { ...response, body: JSON.stringify(body) };
  };
}

/** The order as the engine's own /pay/get shows it, asked for inside a variant. */
async function detailOf(handle: MockHandler, { app, encoding }: VariantContext, order: Json): Promise<Json | undefined> {
  const lookup = nodeSigner.signed({ app_id: app.appId, sign_type: 'MD5', ...(order.order_id ? { order_id: order.order_id } : { trade_no: order.trade_no }) }, { secret: app.secret, encoding });
  const answer = parse((await handle({ method: 'POST', path: API_PATHS.get, headers: { 'content-type': 'application/json' }, body: JSON.stringify(lookup) })).body);
  return answer?.code === 1000 ? (answer.data as Json) : undefined;
}

function answer(code: Code, data: Json): MockResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, msg: messageOf(code), data }) };
}

function envelope(code: Code): MockResponse {
  return answer(code, {});
}

const requestJson = (request: MockRequest) => (request.path.endsWith(API_PATHS.pay) ? parse(request.body) : undefined);
const vouchers = (data: Json | undefined) => (Array.isArray(data?.voucher_list) ? (data.voucher_list as Json[]) : []);
const fenOf = (yuan: unknown) => {
  const parsed = parseAmount(yuan, { allowZero: true });
  return parsed.ok ? parsed.fen : undefined;
};
/** One fen more, in fen: never float arithmetic on an amount, even in a broken target. */
const addCent = (yuan: unknown) => {
  const fen = fenOf(yuan);
  return fen === undefined ? yuan : yuanNumber(fen + 1);
};

export const BROKEN_VARIANTS: readonly BrokenVariant[] = [
  {
    name: 'accepts-bad-signatures',
    breaks: 'signs every request itself before checking it, so any signature passes',
    caughtBy: ['expected-outcome'],
    wrap: (handle, { app, encoding }) => (request) => {
      const body = requestJson(request);
      if (!body || typeof body.sign !== 'string' || body.app_id !== app.appId || body.sign_type !== 'MD5') return handle(request);
      return handle({ ...request, body: JSON.stringify(nodeSigner.signed(body, { secret: app.secret, encoding })) });
    },
  },
  {
    name: 'pay-type-word',
    breaks: "answers pay_type as a word ('weixin' / 'alipay'), as an older version of the page did",
    caughtBy: ['schema', 'pay-type-channel'],
    wrap: mapAnswer((_, data) => {
      if (data) data.pay_type = data.pay_type === 0 ? 'weixin' : 'alipay';
    }),
  },
  {
    name: 'payable-above-total',
    breaks: 'answers a payable_amount one fen above the total',
    caughtBy: ['amount-order'],
    wrap: mapAnswer((_, data) => {
      if (data) data.payable_amount = addCent(data.total_amount);
    }),
  },
  {
    name: 'voucher-sum-off',
    breaks: "answers vouchers whose amount is one fen more than the contributions",
    caughtBy: ['voucher-sum'],
    wrap: mapAnswer((_, data) => {
      for (const v of vouchers(data)) v.amount = addCent(v.amount);
    }),
  },
  {
    name: 'real-amount-when-unpaid',
    breaks: 'reports the total as real_amount on paying and failed orders',
    caughtBy: ['real-amount-unpaid'],
    wrap: mapAnswer((body, data) => {
      if (data && body.code !== 1000) data.real_amount = data.total_amount;
    }),
  },
  {
    name: 'status-disagrees',
    breaks: 'answers 1000 with order_status 0 (paying)',
    caughtBy: ['code-order-status'],
    wrap: mapAnswer((body, data) => {
      if (data && body.code === 1000) data.order_status = 0;
    }),
  },
  {
    name: 'order-id-not-echoed',
    breaks: 'answers with an order_id of its own',
    caughtBy: ['order-id-echo'],
    wrap: mapAnswer((_, data) => {
      if (data) data.order_id = `X${String(data.order_id)}`;
    }),
  },
  {
    name: 'trade-no-reused',
    breaks: 'gives every paid order the same trade_no',
    caughtBy: ['trade-no-unique'],
    wrap: mapAnswer((body, data) => {
      if (data && body.code === 1000) data.trade_no = 'LFT0000000000000001';
    }),
  },
  {
    name: 'wechat-voucher-bare',
    breaks: 'leaves activity_id and type out of WeChat vouchers',
    caughtBy: ['voucher-channel-fields'],
    wrap: mapAnswer((_, data) => {
      if (data?.pay_type !== 0) return;
      for (const v of vouchers(data)) {
        delete v.activity_id;
        delete v.type;
      }
    }),
  },
  {
    name: 'duplicate-second-success',
    breaks: 'answers a repeated order with another success',
    caughtBy: ['expected-outcome', 'duplicate-single-success'],
    wrap: (handle) => {
      const paid = new Map<string, string>();
      return async (request) => {
        const response = await handle(request);
        const sent = requestJson(request);
        const body = parse(response.body);
        const key = `${String(sent?.app_id)}|${String(sent?.order_id)}`;
        if (body?.code === 1000) paid.set(key, response.body);
        const earlier = paid.get(key);
        if (typeof body?.code === 'number' && isRepeatAnswer(body.code) && earlier) return { ...response, body: earlier };
        return response;
      };
    },
  },
  {
    name: 'signature-first',
    breaks: 'checks the signature before presence, format and app_id (skips the validation order)',
    caughtBy: ['expected-outcome'],
    wrap: (handle, { app, encoding }) => (request) => {
      const body = requestJson(request);
      if (body && !nodeSigner.verify(body, { secret: app.secret, encoding })) return envelope(3004);
      return handle(request);
    },
  },
  {
    name: 'mixed-dialect',
    breaks: 'answers AppID faults in the flowchart dialect (3003) but signature faults in the table one (2000)',
    caughtBy: ['reading', 'case-expectation'],
    wrap: mapAnswer((body) => {
      if (body.code === 3004) Object.assign(body, { code: 2000, msg: messageOf(2000) });
    }),
  },
  {
    name: 'errors-as-http-400',
    breaks: 'answers every error code with HTTP 400 instead of 200',
    caughtBy: ['transport'],
    wrap: (handle) => async (request) => {
      const response = await handle(request);
      const code = parse(response.body)?.code;
      return typeof code === 'number' && code >= 1003 ? { ...response, status: 400 } : response;
    },
  },
  {
    name: 'refund-beyond-paid',
    breaks: 'grants a refund of more than is left (where it should answer 2001), and adds it to the total',
    caughtBy: ['refund-within-paid', 'expected-outcome'],
    wrap: (handle, ctx) => async (request) => {
      const response = await handle(request);
      if (!request.path.endsWith(API_PATHS.refund) || parse(response.body)?.code !== 2001) return response;
      const sent = parse(request.body) ?? {};
      const order = await detailOf(handle, ctx, sent);
      const asked = fenOf(sent.refund_amount);
      if (!order || !asked) return response;
      const total = (fenOf(order.refund_amount) ?? 0) + asked;
      return answer(1000, {
        trade_no: order.trade_no, order_id: order.order_id, refund_order_id: sent.refund_order_id, refund_amount: yuanNumber(asked),
        refunded_total: yuanNumber(total), order_status: total >= (fenOf(order.real_amount) ?? 0) ? 2 : 3, update_time: order.update_time,
      });
    },
  },
  {
    name: 'get-disagrees',
    breaks: "answers /pay/get with the other channel in pay_channel than the pay call's pay_type",
    caughtBy: ['query-agrees-with-pay'],
    wrap: mapLifecycle(API_PATHS.get, (data) => {
      data.pay_channel = data.pay_channel === 0 ? 1 : 0;
    }),
  },
  {
    name: 'cancelled-comes-back',
    breaks: 'shows a cancelled order as paid again in /pay/get',
    caughtBy: ['status-transition-legal'],
    wrap: mapLifecycle(API_PATHS.get, (data) => {
      if (data.order_status === 5) data.order_status = 1;
    }),
  },
  {
    name: 'cancel-not-final',
    breaks: 'answers a second cancel with another success (1000) instead of 1005',
    caughtBy: ['cancel-final', 'expected-outcome'],
    wrap: (handle, ctx) => async (request) => {
      const response = await handle(request);
      if (!request.path.endsWith(API_PATHS.cancel) || parse(response.body)?.code !== 1005) return response;
      const order = await detailOf(handle, ctx, parse(request.body) ?? {});
      if (!order) return response;
      return answer(1000, { trade_no: order.trade_no, order_id: order.order_id, order_status: 5, update_time: order.update_time });
    },
  },
  {
    name: 'trade-no-unknown',
    breaks: 'answers 4001 to a /pay/get that names the order by trade_no alone',
    caughtBy: ['unknown-order', 'expected-outcome'],
    wrap: (handle) => (request) => {
      const sent = request.path.endsWith(API_PATHS.get) ? parse(request.body) : undefined;
      return sent?.trade_no !== undefined && sent.order_id === undefined && typeof sent.sign === 'string' ? envelope(4001) : handle(request);
    },
  },
  {
    name: 'journal-drops-queries',
    breaks: "leaves /pay/get calls out of its request journal, so a cashier's polling cannot be audited",
    caughtBy: ['cashier-audit'],
    wrap: (handle) => async (request) => {
      const response = await handle(request);
      const journal = request.path === '/__mock/journal' ? parse(response.body) : undefined;
      if (!journal || !Array.isArray(journal.entries)) return response;
      return { ...response, body: JSON.stringify({ entries: (journal.entries as Json[]).filter((e) => e.path !== API_PATHS.get) }) };
    },
  },
];

export function variantByName(name: string): BrokenVariant | undefined {
  return BROKEN_VARIANTS.find((v) => v.name === name);
}
