/**
 * The checks each answer to a query (`/pay/get`) or a cancel (`/pay/cancel`) goes through under
 * load: the pay call's first three, and what its `data` must be — the order asked about and its
 * `order_status` for 1000, `{}` for any other code. Also reads what the cashier needs: the code
 * and the order status. Runtime-neutral, cheap: once per call.
 */
import { codeEntry } from '../../../kernel/codes.ts';
import { cashierAnswerOf, type CallAnswer, type FollowUpEndpoint } from '../../../kernel/lifecycle/cashier.ts';
import type { NoCodeCause } from '../../../checks/load/outcomes.ts';
import { answeredCauseOf, PAY_CHECKS, parseEnvelope } from './pay-answer-checks.ts';
import { orderStatusOf } from '../../../kernel/lifecycle/order-status.ts';

export const FOLLOW_UP_CHECKS = [...PAY_CHECKS.slice(0, 3), 'data fits the code (the order and its order_status for 1000, {} otherwise)'] as const;

export interface FollowUpInspection {
  code?: number;
  /** Why there is no code, for an HTTP answer that is not the envelope. */
  cause?: NoCodeCause;
  orderStatus?: number;
  /** One entry per FOLLOW_UP_CHECKS name, in order. */
  passed: boolean[];
  /** What the cashier may act on (an answer about another order is none). */
  answer: CallAnswer;
}

/** `status` 0 means no answer at all: every check fails. */
export function inspectFollowUpAnswer(endpoint: FollowUpEndpoint, status: number, body: string | null | undefined, orderId: string): FollowUpInspection {
  const envelope = status === 0 ? undefined : parseEnvelope(body);
  if (!envelope) return { passed: [status === 200, false, false, false], answer: {}, ...(status === 0 ? {} : { cause: answeredCauseOf(status, body) }) };
  const { code, data } = envelope;
  // The number of the example, or the table's String of one (D-5).
  const orderStatus = orderStatusOf(data.order_status);
  const fits = code === 1000 ? data.order_id === orderId && orderStatus !== undefined : Object.keys(data).length === 0;
  return { code, ...(orderStatus === undefined ? {} : { orderStatus }), passed: [status === 200, true, codeEntry(code) !== undefined, fits], answer: cashierAnswerOf(endpoint, envelope, orderId) };
}
