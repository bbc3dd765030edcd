import { test, detailsOf } from './support/fixtures.ts';
import { PAY_OUTCOME_CASES } from './cases/pay-outcomes.ts';

test.describe('pay outcomes', () => {
  for (const c of PAY_OUTCOME_CASES) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
});
