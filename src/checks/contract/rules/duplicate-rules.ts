/** Parallel duplicates of one order: at most one of them may be paid. */
import type { Finding } from '../finding.ts';
import { codeOf } from '../answer-data.ts';

export function checkDuplicateGroup(bodies: readonly unknown[]): Finding[] {
  const paid = bodies.map((body, index) => ({ index, code: codeOf(body) })).filter((r) => r.code === 1000);
  if (paid.length <= 1) return [];
  return [{
    rule: 'duplicate-single-success', path: '$.code', expected: 'at most one 1000 among the duplicates',
    actual: `${paid.length} × 1000 (requests ${paid.map((r) => r.index).join(', ')} of ${bodies.length})`,
    message: `${paid.length} parallel requests for one order_id were all answered as paid`, severity: 'error',
  }];
}
