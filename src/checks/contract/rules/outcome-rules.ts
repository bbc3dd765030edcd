/**
 * Did the target answer what the case calls for — in either error dialect, in any reading the
 * documents allow (readings.ts) — and does it hold the limits paycheck sets where the seed is
 * silent (strict limits: reported, failed only under PAY_STRICT=1)?
 */
import { DIALECT_CODES } from '../../../kernel/codes.ts';
import { shown, type Finding } from '../finding.ts';
import { OUTCOME_CODES, UNKNOWN_CODES, type CheckContext, type Expectation, type Rule, type StrictLimit } from '../check-context.ts';
import { codeOf } from '../answer-data.ts';
import { READINGS, readingCodes } from '../readings.ts';

/** The codes an expectation accepts; for a fault class, both dialects' codes; for a reading, any reading's. */
function acceptedCodes(expectation: Expectation): number[] {
  if ('outcome' in expectation) return [OUTCOME_CODES[expectation.outcome]];
  if ('fault' in expectation) return [...new Set(Object.values(DIALECT_CODES[expectation.fault]))];
  if ('unknown' in expectation) return [UNKNOWN_CODES[expectation.unknown]];
  if ('reading' in expectation) return readingCodes(expectation.reading);
  return [...expectation.codes];
}

function describe(expectation: Expectation): string {
  if ('outcome' in expectation) return `${expectation.outcome} (${OUTCOME_CODES[expectation.outcome]})`;
  if ('fault' in expectation) {
    const { flowchart, table } = DIALECT_CODES[expectation.fault];
    return flowchart === table ? `${flowchart} (${expectation.fault})` : `${flowchart} (flowchart) or ${table} (table) for ${expectation.fault}`;
  }
  if ('unknown' in expectation) return `${UNKNOWN_CODES[expectation.unknown]} (unknown ${expectation.unknown})`;
  if ('reading' in expectation) {
    const row = READINGS[expectation.reading];
    return Object.entries(row.codes ?? {}).map(([value, codes]) => `${codes.join('/')} (${row.subject} ${value})`).join(' or ');
  }
  return `one of ${expectation.codes.join(', ')}`;
}

export const expectedOutcome: Rule = {
  name: 'expected-outcome',
  check({ body, expectation }) {
    // A strict limit is judged on its own (strictLimit): a target may be lenient there.
    if (!expectation || ('fault' in expectation && expectation.strict)) return undefined;
    const code = codeOf(body);
    if (typeof code === 'number' && acceptedCodes(expectation).includes(code)) return [];
    return [{
      rule: 'expected-outcome', path: '$.code', expected: describe(expectation), actual: shown(code),
      message: `the target answered ${shown(code)} where the contract calls for ${describe(expectation)}`, severity: 'error',
    }];
  },
};

/** Whether the target held one strict limit, as the summary counts it. */
export interface StrictObservation {
  decision: string;
  limit: string;
  held: boolean;
  /** The code it answered (or `(absent)`). */
  answer: string;
}

/**
 * A strict limit: held when the answer is the fault the case expects. Not held is reported
 * (severity info) and is an error only under PAY_STRICT=1; the answer still meets every other rule.
 */
export function strictLimit(ctx: CheckContext): { findings: Finding[]; observed: StrictObservation } | undefined {
  const { expectation, body, state } = ctx;
  if (!expectation || !('fault' in expectation) || !expectation.strict) return undefined;
  const limit: StrictLimit = expectation.strict;
  const code = codeOf(body);
  const held = typeof code === 'number' && acceptedCodes(expectation).includes(code);
  const observed = { ...limit, held, answer: shown(code) };
  if (held) return { findings: [], observed };
  return {
    observed,
    findings: [{
      rule: 'strict-limit', path: '$.code', expected: `${describe(expectation)}: ${limit.limit} (${limit.decision})`, actual: shown(code),
      message: `the target does not hold paycheck's own limit ${limit.decision} (${limit.limit}), which the seed does not set: it answered ${shown(code)}` +
        (state?.strict ? '; PAY_STRICT=1 demands it' : '; reported, not failed (PAY_STRICT=1 fails it)'),
      severity: state?.strict ? 'error' : 'info',
    }],
  };
}
