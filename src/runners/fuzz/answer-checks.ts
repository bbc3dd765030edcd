/**
 * The checks every answer of a fuzz run goes through, as data: first the whole contract check the
 * suite runs (transport, the response schema of the call and code, every business rule of the
 * call, the expected code class — src/checks/contract, reused as it is), then the checks only a
 * generator needs, each a name and a function like the contract rules.
 */
import type { Exchange } from '../../adapters/client/pay-client.ts';
import { createContractCheck } from '../../checks/contract/contract-check.ts';
import type { Expectation, RunState } from '../../checks/contract/check-context.ts';
import type { Finding } from '../../checks/contract/finding.ts';
import type { SpecDocument } from '../../checks/contract/schema-check.ts';
import type { AppCredentials } from '../../kernel/settings.ts';
import type { SchemaSet } from '../../kernel/spec/schemas.ts';

interface ExtraCheck {
  name: string;
  /** What it holds of every answer, for the report. */
  holds: string;
  check(exchange: Exchange, app: AppCredentials): Finding[];
}

export const EXTRA_CHECKS: readonly ExtraCheck[] = [
  {
    name: 'secret-not-echoed',
    holds: 'no answer carries the application secret (a verifier that prints the string it signed leaks it)',
    check(exchange, app) {
      const answer = exchange.response;
      if (!answer) return [];
      const where = [['the body', answer.text], ...Object.entries(answer.headers).map(([name, value]) => [`header ${name}`, value])].find(([, text]) => text.includes(app.secret));
      if (!where) return [];
      // Never the secret itself: the finding only says where it was.
      return [{ rule: 'secret-not-echoed', path: where[0] === 'the body' ? '$' : where[0], expected: 'no application secret', actual: `the secret, in ${where[0]}`, message: 'the answer echoes the application secret', severity: 'error' }];
    },
  },
];

export interface AnswerVerdict {
  findings: Finding[];
  /** Each check that applied, once. */
  checked: string[];
}

export function createAnswerChecks(document: SpecDocument, app: AppCredentials, schemas: SchemaSet) {
  const contract = createContractCheck(document, schemas);
  return function checkAnswer(exchange: Exchange, expectation: Expectation, state: RunState): AnswerVerdict {
    const { findings, checked } = contract(exchange, expectation, state);
    const out: AnswerVerdict = { findings: [...findings], checked: [...checked] };
    for (const extra of EXTRA_CHECKS) {
      out.findings.push(...extra.check(exchange, app));
      out.checked.push(extra.name);
    }
    return out;
  };
}

export type AnswerCheck = ReturnType<typeof createAnswerChecks>;
