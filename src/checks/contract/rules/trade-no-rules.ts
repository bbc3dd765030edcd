/** A paid order has a trade number of its own. */
import { shown } from '../finding.ts';
import { type Rule } from '../check-context.ts';
import { codeOf, orderData } from '../answer-data.ts';

function paidData(body: unknown) {
  return codeOf(body) === 1000 ? orderData(body) : undefined;
}

export const tradeNoPresent: Rule = {
  name: 'trade-no-present',
  check({ body }) {
    const data = paidData(body);
    if (!data) return undefined;
    if (typeof data.trade_no === 'string' && data.trade_no.trim() !== '') return [];
    return [{
      rule: 'trade-no-present', path: '$.data.trade_no', expected: 'a non-empty string', actual: shown(data.trade_no),
      message: 'a paid order must carry the platform trade_no', severity: 'error',
    }];
  },
};

/** Records each paid trade_no in the run state; a second sighting is a finding. */
export const tradeNoUnique: Rule = {
  name: 'trade-no-unique',
  check({ body, state }) {
    const data = paidData(body);
    if (!data || !state || typeof data.trade_no !== 'string' || data.trade_no === '') return undefined;
    const earlier = state.tradeNos.get(data.trade_no);
    if (earlier === undefined) {
      state.tradeNos.set(data.trade_no, String(data.order_id));
      return [];
    }
    return [{
      rule: 'trade-no-unique', path: '$.data.trade_no', expected: 'a trade_no not seen before in this run', actual: shown(data.trade_no),
      message: `trade_no ${data.trade_no} was already given to order ${earlier}`, severity: 'error',
    }];
  },
};
