import { test, detailsOf } from './support/fixtures.ts';
import { REQUEST_VALIDATION_CASES } from './cases/request-validation.ts';

for (const [group, cases] of Object.entries(REQUEST_VALIDATION_CASES)) {
  test.describe(`request validation: ${group}`, () => {
    for (const c of cases) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
  });
}
