/**
 * Every check the contract suite runs, by its stable name. Findings, the summary and the broken
 * variants' self-test all use these names; renaming one is a breaking change of the reports.
 */
const RULES = {
  transport: "an HTTP 200 answer arrived (paycheck's assumption, D-54), with a JSON body",
  schema: "the body matches its call's openapi.yaml response schema, the member its code selects (pay: 1000 PaySuccess, 1002 PayPending, 1001 PayFailed, else PayError; get/check/cancel/refund: GetResponse/CheckResponse/StatusResponse/RefundResponse)",
  'expected-outcome': 'the code is the one the case calls for (in either error dialect)',
  reading: 'where the documents allow two readings (src/checks/contract/readings.ts: error codes, a paid repeat, pay_type, order_status, voucher fields, order_id and sign lengths), the target keeps to one, and to the demanded one',
  'code-order-status': 'code and order_status agree: 1000 ↔ 1, 1002 ↔ 0, 1001 ↔ -1',
  'real-amount-unpaid': 'real_amount is 0 unless the order is paid',
  'amount-format': 'every amount is a number of yuan with at most two decimals',
  'amount-order': 'real_amount ≤ payable_amount ≤ total_amount',
  'total-amount-echo': 'total_amount is the total that was sent',
  'voucher-sum': "each voucher's amount = merchant_contribute + other_contribute",
  'voucher-channel-fields': 'WeChat vouchers carry activity_id and type (what else a voucher carries is a reading)',
  'pay-type-channel': "pay_type is the pay code's channel (0 WeChat, 1 Alipay)",
  'order-id-echo': 'order_id is the one that was sent',
  'trade-no-present': 'a paid order has a trade_no',
  'trade-no-unique': 'no two paid orders share a trade_no',
  'duplicate-single-success': 'parallel requests for one order give at most one success',
  'status-transition-legal': "the statuses one order's answers show follow the documented moves (src/checks/contract/order-transitions.ts)",
  'lifecycle-echo': 'a lifecycle answer is about the order_id / trade_no / refund_order_id that was sent',
  'query-agrees-with-pay': 'get / check (and cancel / refund) show the order the pay call answered: order_id, trade_no, amounts, pay_channel = pay_type, vouchers, status',
  'refund-within-paid': 'refunds never exceed what was paid: each is what was asked (0 = the rest), refunded_total adds up, status 3 / 2, get shows the same total',
  'cancel-final': 'a cancel ends the order cancelled (5); cancelling it again is 1005 (closed: 1004); a cancelled order is not refunded',
  'unknown-order': 'an order or refund never made is 4001 / 4002; one the run made is never answered as unknown',
  'time-format': 'lifecycle times are real calendar times (the schema checks only YYYY-MM-DD HH:mm:ss)',
  'time-order': 'an order detail\'s times come in order: create ≤ pay ≤ refunds ≤ update',
  'cashier-audit': "the reference checkout's calls, as the target's request journal records them, pass paycheck audit (src/checks/audit/audit.ts)",
  'strict-limit': "a limit paycheck sets where the seed is silent holds (reported; an error only under PAY_STRICT=1)",
  'case-expectation': 'what one case demands beyond the general rules (e.g. a member discount lowers payable_amount)',
} as const;

export type RuleName = keyof typeof RULES;
export const RULE_NAMES = Object.keys(RULES) as RuleName[];
