/** A case's verdicts as the reporters want them: a tally attachment, and the failure text. */
import { renderExchangeReport, renderFinding } from '../../../checks/report/exchange-report.ts';
import { createMask } from '../../../kernel/redaction/mask.ts';
import { mergeTallies, tallyChecked, type Tally } from '../../../checks/contract/tally.ts';
import type { Verdict } from './case-context.ts';
import type { ContractTarget } from './target.ts';

export interface ContractAttachment {
  tally: Tally;
  /** Dialects the target showed, one entry per fault answer that tells them apart. */
  dialects: string[];
  controls: boolean;
  moneyAllowed: boolean;
}

export function contractAttachment(verdicts: readonly Verdict[], target: ContractTarget) {
  const tally = verdicts.reduce<Tally>((sum, v) => mergeTallies(sum, tallyChecked(v.checked, v.findings)), {});
  const dialects = verdicts.flatMap((v) => v.findings.filter((f) => f.rule === 'error-dialect' && f.severity === 'info').map((f) => f.actual.split(' ')[0]));
  const body: ContractAttachment = { tally, dialects, controls: target.controls, moneyAllowed: target.moneyAllowed };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** The evidence for every exchange that broke a rule, `secret` masked; undefined when none did. */
export function failureReport(verdicts: readonly Verdict[], seed: number, secret: string): string | undefined {
  const failing = verdicts.filter((v) => v.findings.some((f) => f.severity === 'error'));
  if (failing.length === 0) return undefined;
  const mask = createMask({ secrets: [secret] });
  return failing
    .map((v) => (v.exchange ? renderExchangeReport({ exchange: v.exchange, findings: v.findings, seed, secret }) : v.findings.map((f) => renderFinding(f, mask)).join('\n')))
    .join('\n\n────────\n\n');
}
