/** What the lifecycle calls (get, check, cancel, refund) share: their parameters, context and deps. */
import type { Code } from '../../kernel/codes.ts';
import type { Fen } from '../../kernel/money/money.ts';
import type { components } from '../../kernel/spec/openapi.ts';
import type { OrderRecord } from '../order-record.ts';
import type { OrderStore } from '../order-store.ts';
import type { CallContext, SignedParams } from '../pay-context.ts';
import type { RequestControl } from '../request-control.ts';
import type { MockRequest } from '../types.ts';

type Schemas = components['schemas'];

/**
 * The fields a lifecycle request may carry once its schema (OrderLookupRequest, CheckRequest or
 * RefundRequest) passed. Spelt out here because openapi-typescript turns those schemas' `anyOf`
 * of `required` into `unknown`.
 */
interface LifecycleParams extends SignedParams {
  order_id?: Schemas['OrderId'];
  trade_no?: Schemas['TradeNo'];
  refund_order_id?: Schemas['RefundOrderId'];
  refund_amount?: string | number;
}

export interface LifecycleContext extends CallContext<LifecycleParams> {
  /** A refund's `refund_amount` in fen (0 = the rest), read by the format step. */
  refundFen: Fen;
}

export function newLifecycleContext(request: MockRequest, control: RequestControl, now: number): LifecycleContext {
  return { request, control, now, body: undefined, params: undefined, schemaErrors: null, app: undefined, record: undefined, refundFen: 0 };
}

export interface LifecycleDeps {
  store: OrderStore;
  /** Settles a paying order whose time has come, with its status callback. */
  settle(record: OrderRecord, now: number): void;
  /** Reports a status change: the status callback, with the request's hostile variants. */
  changed(record: OrderRecord, ctx: LifecycleContext, refundOrderId?: string): void;
  formatCode: Code;
}
