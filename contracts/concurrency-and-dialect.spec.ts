import { test, defineCases } from './support/fixtures.ts';
import { CONCURRENCY_CASES } from './cases/concurrency.ts';
import { DIALECT_CASES } from './cases/dialect.ts';

test.describe('concurrency', () => defineCases(CONCURRENCY_CASES));
test.describe('error-code dialects', () => defineCases(DIALECT_CASES));
