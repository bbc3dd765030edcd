/** A case's verdicts as the reporters want them: a tally attachment, and the failure's message and evidence. */
import { exchangeSections, renderFindings } from '../../../checks/report/exchange-report.ts';
import { wrapLines } from '../../../checks/report/wrap.ts';
import { createMask } from '../../../kernel/redaction/mask.ts';
import { mergeTallies, tallyChecked, type Tally } from '../../../checks/contract/tally.ts';
import type { ReadingName } from '../../../checks/contract/readings.ts';
import type { CaseLocation, Verdict } from './case-context.ts';
import type { ContractTarget } from './target.ts';

/** Reading → value → how many answers showed it. */
export type ReadingCounts = Partial<Record<ReadingName, Record<string, number>>>;

/** A strict limit → how often it held and how often not, with the answers that let it through. */
export type StrictCounts = Record<string, { decision: string; held: number; notHeld: number; answers: string[] }>;

export interface ContractAttachment {
  tally: Tally;
  readings: ReadingCounts;
  strict: StrictCounts;
  controls: boolean;
  moneyAllowed: boolean;
}

export function mergeReadings(into: ReadingCounts, from: ReadingCounts): ReadingCounts {
  for (const [name, values] of Object.entries(from) as [ReadingName, Record<string, number>][]) {
    const have = (into[name] ??= {});
    for (const [value, n] of Object.entries(values)) have[value] = (have[value] ?? 0) + n;
  }
  return into;
}

export function mergeStrict(into: StrictCounts, from: StrictCounts): StrictCounts {
  for (const [limit, c] of Object.entries(from)) {
    const have = (into[limit] ??= { decision: c.decision, held: 0, notHeld: 0, answers: [] });
    have.held += c.held;
    have.notHeld += c.notHeld;
    for (const a of c.answers) if (!have.answers.includes(a)) have.answers.push(a);
  }
  return into;
}

/** The readings and strict limits a case's verdicts observed, counted. */
export function countObserved(verdicts: readonly Verdict[], into: { readings: ReadingCounts; strict: StrictCounts } = { readings: {}, strict: {} }) {
  for (const { observed } of verdicts) {
    for (const r of observed?.readings ?? []) mergeReadings(into.readings, { [r.name]: { [r.value]: 1 } });
    for (const s of observed?.strict ?? []) {
      mergeStrict(into.strict, { [s.limit]: { decision: s.decision, held: s.held ? 1 : 0, notHeld: s.held ? 0 : 1, answers: s.held ? [] : [s.answer] } });
    }
  }
  return into;
}

export function contractAttachment(verdicts: readonly Verdict[], target: ContractTarget) {
  const tally = verdicts.reduce<Tally>((sum, v) => mergeTallies(sum, tallyChecked(v.checked, v.findings)), {});
  const { readings, strict } = countObserved(verdicts);
  const body: ContractAttachment = { tally, readings, strict, controls: target.controls, moneyAllowed: target.moneyAllowed };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/**
 * What a failing case shows: as the failure's message, what broke and the curl command that
 * reproduces it (what a terminal or a JUnit reader needs whole: Playwright prints only the start
 * of an attachment there); as attachments, each exchange's evidence one section apiece — the
 * request, the string signed, the response and the command again, for the HTML report.
 */
export interface FailureReport {
  message: string;
  attachments: { name: string; body: string }[];
  /** Where the case made the first call that broke a rule. */
  location?: CaseLocation;
}

/** The findings and evidence of every exchange that broke a rule, `secret` masked; undefined when none did. */
export function failureReport(verdicts: readonly Verdict[], seed: number, secret: string): FailureReport | undefined {
  const failing = verdicts.filter((v) => v.findings.some((f) => f.severity === 'error'));
  if (failing.length === 0) return undefined;
  const mask = createMask({ secrets: [secret] });
  const messages: string[] = [];
  const attachments: FailureReport['attachments'] = [];
  failing.forEach((v, i) => {
    // Several failing exchanges: their attachments are numbered as their findings are.
    const prefix = failing.length === 1 ? '' : `exchange ${i + 1}: `;
    if (!v.exchange) {
      messages.push(prefix + renderFindings(v.findings, mask));
      return;
    }
    const sections = exchangeSections({ exchange: v.exchange, findings: v.findings, seed, secret });
    const [findings, ...evidence] = sections;
    const reproduce = sections.at(-1)!;
    const stopped = v.stopped === undefined ? '' : `\n${wrapLines(`  the case stopped here, its next calls not sent: ${mask(v.stopped)}`, undefined, ' ')}`;
    messages.push(`${prefix}${findings.text}${stopped}\n\n${reproduce.title}:\n${reproduce.text}`);
    for (const section of evidence) attachments.push({ name: prefix + section.title, body: section.text });
  });
  return { message: messages.join('\n\n────────\n\n'), attachments, location: failing.find((v) => v.location)?.location };
}
