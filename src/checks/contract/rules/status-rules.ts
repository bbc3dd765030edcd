/**
 * An order's life as its answers show it: statuses follow the documented moves, a cancel is final,
 * and an order (or refund) is unknown exactly when the run never made it.
 */
import { shown, type Finding } from '../finding.ts';
import { UNKNOWN_CODES, type Rule } from '../check-context.ts';
import { codeOf, lifecycleData, orderData } from '../answer-data.ts';
import { knowsRefund, lastStatus, recordOf } from '../order-ledger.ts';
import { canFollow } from '../order-transitions.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';

export const statusTransitionLegal: Rule = {
  name: 'status-transition-legal',
  check(ctx) {
    const data = ctx.call === API_PATHS.pay ? orderData(ctx.body) : lifecycleData(ctx);
    const record = ctx.state ? recordOf(ctx.state.orders, ctx) : undefined;
    const from = lastStatus(record);
    const to = data?.order_status;
    if (from === undefined || typeof to !== 'number') return undefined;
    if (canFollow(from, to)) return [];
    const seen = record!.statuses.map((s) => s.status).join(' → ');
    return [{
      rule: 'status-transition-legal', path: '$.data.order_status', expected: `a status that can follow ${from} (seen so far: ${seen})`, actual: shown(to),
      message: `order ${record!.order_id} cannot go from ${from} to ${to}: no documented move leads there`, severity: 'error',
    }];
  },
};

/** What a cancel of an order in a final state answers. */
const CANCEL_OF: Readonly<Record<number, number>> = { 5: 1005, 4: 1004 };

export const cancelFinal: Rule = {
  name: 'cancel-final',
  check(ctx) {
    if (ctx.call !== API_PATHS.cancel && ctx.call !== API_PATHS.refund) return undefined;
    const code = codeOf(ctx.body);
    const status = lastStatus(ctx.state ? recordOf(ctx.state.orders, ctx) : undefined);
    const findings: Finding[] = [];
    if (ctx.call === API_PATHS.cancel) {
      const data = lifecycleData(ctx);
      if (data && data.order_status !== 5) {
        findings.push({
          rule: 'cancel-final', path: '$.data.order_status', expected: '5 (cancelled)', actual: shown(data.order_status),
          message: 'a cancel that succeeded leaves the order cancelled', severity: 'error',
        });
      }
      const want = status === undefined ? undefined : CANCEL_OF[status];
      if (want !== undefined && code !== want) {
        findings.push({
          rule: 'cancel-final', path: '$.code', expected: `${want} (the order is ${status === 5 ? 'cancelled' : 'closed'} already)`, actual: shown(code),
          message: 'a cancelled or closed order cannot be cancelled again', severity: 'error',
        });
      }
      return data || want !== undefined ? findings : undefined;
    }
    if (status !== 5) return undefined;
    if (code === 1000) {
      findings.push({
        rule: 'cancel-final', path: '$.code', expected: 'a refusal (1005: the order is cancelled)', actual: '1000',
        message: 'a cancelled order cannot be refunded: the cancel settled it', severity: 'error',
      });
    }
    return findings;
  },
};

export const unknownOrder: Rule = {
  name: 'unknown-order',
  check(ctx) {
    if (ctx.call === API_PATHS.pay) return undefined;
    const code = codeOf(ctx.body);
    const expected = ctx.expectation && 'unknown' in ctx.expectation ? ctx.expectation.unknown : undefined;
    if (expected !== undefined) {
      if (code === UNKNOWN_CODES[expected]) return [];
      return [{
        rule: 'unknown-order', path: '$.code', expected: `${UNKNOWN_CODES[expected]} (no such ${expected})`, actual: shown(code),
        message: `the ${expected} named was never made, yet the target answered ${shown(code)}`, severity: 'error',
      }];
    }
    const record = ctx.state ? recordOf(ctx.state.orders, ctx) : undefined;
    if (code === 4001 && record?.pay) {
      return [{
        rule: 'unknown-order', path: '$.code', expected: `an answer about order ${record.order_id}`, actual: '4001',
        message: `order ${record.order_id} was answered by the pay call earlier in this run, yet the target does not know it`, severity: 'error',
      }];
    }
    if (code === 4002 && ctx.state && knowsRefund(ctx.state.orders, ctx.request)) {
      return [{
        rule: 'unknown-order', path: '$.code', expected: `an answer about refund ${shown(ctx.request?.refund_order_id)}`, actual: '4002',
        message: 'the refund was granted earlier in this run, yet the target does not know it', severity: 'error',
      }];
    }
    return code === 4001 || code === 4002 ? [] : undefined;
  },
};
