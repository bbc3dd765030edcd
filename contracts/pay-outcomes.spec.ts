import { test, defineCases } from './support/fixtures.ts';
import { PAY_OUTCOME_CASES } from './cases/pay-outcomes.ts';

test.describe('pay outcomes', () => defineCases(PAY_OUTCOME_CASES));
