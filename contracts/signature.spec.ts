import { test, defineCases } from './support/fixtures.ts';
import { PRECEDENCE_CASES, SIGNATURE_CASES } from './cases/signature.ts';

test.describe('signature and app_id', () => defineCases(SIGNATURE_CASES));
test.describe('precedence when several things are wrong', () => defineCases(PRECEDENCE_CASES));
