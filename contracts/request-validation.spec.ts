import { test, defineCases } from './support/fixtures.ts';
import { REQUEST_VALIDATION_CASES } from './cases/request-validation.ts';

for (const [group, cases] of Object.entries(REQUEST_VALIDATION_CASES)) {
  test.describe(`request validation: ${group}`, () => defineCases(cases));
}
