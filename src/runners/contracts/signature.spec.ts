import { test, detailsOf } from './support/fixtures.ts';
import { PRECEDENCE_CASES, SIGNATURE_CASES } from './cases/signature.ts';

test.describe('signature and app_id', () => {
  for (const c of SIGNATURE_CASES) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
});
test.describe('precedence when several things are wrong', () => {
  for (const c of PRECEDENCE_CASES) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
});
