/** Did the target answer what the case calls for, and in which error-code dialect (D-17)? */
import { DIALECT_CODES, type ErrorDialect } from '../../../kernel/codes.ts';
import { shown, type Finding } from '../finding.ts';
import { OUTCOME_CODES, UNKNOWN_CODES, type Expectation, type Rule } from '../check-context.ts';
import { codeOf } from '../answer-data.ts';

/** The codes an expectation accepts; for a fault class, both dialects' codes. */
export function acceptedCodes(expectation: Expectation): number[] {
  if ('outcome' in expectation) return [OUTCOME_CODES[expectation.outcome]];
  if ('fault' in expectation) return [...new Set(Object.values(DIALECT_CODES[expectation.fault]))];
  if ('unknown' in expectation) return [UNKNOWN_CODES[expectation.unknown]];
  return [...expectation.codes];
}

function describe(expectation: Expectation): string {
  if ('outcome' in expectation) return `${expectation.outcome} (${OUTCOME_CODES[expectation.outcome]})`;
  if ('fault' in expectation) {
    const { flowchart, table } = DIALECT_CODES[expectation.fault];
    return flowchart === table ? `${flowchart} (${expectation.fault})` : `${flowchart} (flowchart) or ${table} (table) for ${expectation.fault}`;
  }
  if ('unknown' in expectation) return `${UNKNOWN_CODES[expectation.unknown]} (unknown ${expectation.unknown})`;
  return `one of ${expectation.codes.join(', ')}`;
}

export const expectedOutcome: Rule = {
  name: 'expected-outcome',
  check({ body, expectation }) {
    if (!expectation) return undefined;
    const code = codeOf(body);
    if (typeof code === 'number' && acceptedCodes(expectation).includes(code)) return [];
    return [{
      rule: 'expected-outcome', path: '$.code', expected: describe(expectation), actual: shown(code),
      message: `the target answered ${shown(code)} where the contract calls for ${describe(expectation)}`, severity: 'error',
    }];
  },
};

/** Which dialect a code shows for a fault class; undefined where the dialects agree or neither matches. */
function dialectOf(fault: keyof typeof DIALECT_CODES, code: unknown): ErrorDialect | undefined {
  const { flowchart, table } = DIALECT_CODES[fault];
  if (flowchart === table) return undefined;
  return code === flowchart ? 'flowchart' : code === table ? 'table' : undefined;
}

export const errorDialect: Rule = {
  name: 'error-dialect',
  check({ body, expectation, state }) {
    if (!expectation || !('fault' in expectation)) return undefined;
    const seen = dialectOf(expectation.fault, codeOf(body));
    if (!seen) return undefined;
    const other: ErrorDialect = seen === 'flowchart' ? 'table' : 'flowchart';
    const findings: Finding[] = [{
      rule: 'error-dialect', path: '$.code', expected: state?.demand ?? 'either dialect', actual: `${seen} (${shown(codeOf(body))})`,
      message: `the target speaks the ${seen} dialect for ${expectation.fault}`, severity: 'info',
    }];
    if (state?.demand && state.demand !== seen) {
      findings.push({
        ...findings[0], severity: 'error',
        expected: `${state.demand} (${DIALECT_CODES[expectation.fault][state.demand]})`,
        message: `PAY_ERROR_CODES=${state.demand} demands ${DIALECT_CODES[expectation.fault][state.demand]} for ${expectation.fault}; the target answered in the ${seen} dialect`,
      });
    } else if (state && (state.dialects.get(other) ?? 0) > 0) {
      findings.push({
        ...findings[0], severity: 'error', expected: `${other} (as earlier in this run)`,
        message: `the target mixes dialects: ${other} earlier in this run, ${seen} now`,
      });
    }
    state?.dialects.set(seen, (state.dialects.get(seen) ?? 0) + 1);
    return findings;
  },
};
