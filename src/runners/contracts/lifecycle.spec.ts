import { test, detailsOf } from './support/fixtures.ts';
import { CASHIER_AUDIT_CASES } from './cases/cashier-audit.ts';
import { LIFECYCLE_FAULT_CASES, LIFECYCLE_POLL_CASES, LIFECYCLE_QUERY_CASES, LIFECYCLE_WRITE_CASES } from './cases/lifecycle.ts';

test.describe('lifecycle: get and check', () => {
  for (const c of LIFECYCLE_QUERY_CASES) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
});
test.describe('lifecycle: cancel and refund', () => {
  for (const c of LIFECYCLE_WRITE_CASES) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
});
test.describe('lifecycle: a paying order polled to its outcome', () => {
  // A target that keeps USER_PAYING paying for the mock's default 15 s still finishes in time.
  test.describe.configure({ timeout: 30_000 });
  for (const c of LIFECYCLE_POLL_CASES) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
});
test.describe('lifecycle: the audit as a target', () => {
  for (const c of CASHIER_AUDIT_CASES) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
});
test.describe('lifecycle: faults on every call', () => {
  for (const c of LIFECYCLE_FAULT_CASES) test(c.title, detailsOf(c), ({ contract }) => contract.run(c));
});
