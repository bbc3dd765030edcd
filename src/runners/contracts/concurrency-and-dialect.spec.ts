import { test, detailsOf } from './support/fixtures.ts';
import { CONCURRENCY_CASES } from './cases/concurrency.ts';
import { DIALECT_CASES } from './cases/dialect.ts';

test.describe('concurrency', () => {
  for (const c of CONCURRENCY_CASES) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
});
test.describe('error-code dialects', () => {
  for (const c of DIALECT_CASES) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
});
