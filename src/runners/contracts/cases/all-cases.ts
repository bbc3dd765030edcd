/** Every contract case, for runners outside Playwright (the broken-variant self-test). */
import type { ContractCase } from '../support/case-context.ts';
import { CASHIER_AUDIT_CASES } from './cashier-audit.ts';
import { CONCURRENCY_CASES } from './concurrency.ts';
import { DIALECT_CASES } from './dialect.ts';
import { LIFECYCLE_FAULT_CASES, LIFECYCLE_POLL_CASES, LIFECYCLE_QUERY_CASES, LIFECYCLE_WRITE_CASES } from './lifecycle.ts';
import { PAY_OUTCOME_CASES } from './pay-outcomes.ts';
import { REQUEST_VALIDATION_CASES } from './request-validation.ts';
import { PRECEDENCE_CASES, SIGNATURE_CASES } from './signature.ts';

export const ALL_CASES: readonly ContractCase[] = [
  ...PAY_OUTCOME_CASES,
  ...Object.values(REQUEST_VALIDATION_CASES).flat(),
  ...SIGNATURE_CASES,
  ...PRECEDENCE_CASES,
  ...CONCURRENCY_CASES,
  ...DIALECT_CASES,
  ...LIFECYCLE_QUERY_CASES,
  ...LIFECYCLE_WRITE_CASES,
  ...LIFECYCLE_POLL_CASES,
  ...LIFECYCLE_FAULT_CASES,
  ...CASHIER_AUDIT_CASES,
];
