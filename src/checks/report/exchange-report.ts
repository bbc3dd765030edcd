/**
 * The report a failed contract case gives: what broke (rule, path, expected vs actual), and the
 * evidence to act on it — request, string signed, raw response — with the secret and every pay
 * code masked (src/kernel/redaction/mask.ts), each body cut to what a report echoes
 * (echo.ts), and a curl command that sends the same request again. Each part is a section of its
 * own (the contract suite attaches them one by one) and no line is wider than REPORT_WIDTH: long
 * lines are broken after a `,` (JSON) or at each `&` (the string signed), never changed otherwise.
 */
import type { Exchange } from '../../adapters/client/pay-client.ts';
import type { Finding } from '../contract/finding.ts';
import { curlCommand } from './curl.ts';
import { echoed, echoParts } from './echo.ts';
import { wrapLines } from './wrap.ts';
import { createMask, maskPayCode, type Mask } from '../../kernel/redaction/mask.ts';

export interface ReportContext {
  exchange: Exchange;
  findings: readonly Finding[];
  /** PAY_SEED of the run, so the data can be made again. */
  seed?: number;
  /** The secret the request was signed with: masked wherever it shows, in any spelling. */
  secret: string;
}

/** One part of the report: a title and its lines. */
export interface ReportSection {
  title: string;
  text: string;
}

const MARK = { error: '✗', warning: '!', info: 'i' } as const;

/** What broke: a line naming the rules, then each finding (`expected` and `actual` quote the answer, so they are bounded like a body). */
export function renderFindings(findings: readonly Finding[], mask: Mask): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const broken = [...new Set(errors.map((f) => f.rule))];
  const head = errors.length === 0 ? 'contract: no rule broken' : `contract: ${errors.length} finding(s), rule(s) broken: ${broken.join(', ')}`;
  const finding = (f: Finding) => `  ${MARK[f.severity]} [${f.rule}] ${f.path}: expected ${echoed(f.expected, mask)}, actual ${echoed(f.actual, mask)}\n      ${echoed(f.message, mask)}`;
  return [head, ...findings.map((f) => wrapLines(finding(f), undefined, ' '))].join('\n');
}

/** The findings, the request, the string signed, the response and the reproduction, each a section. */
export function exchangeSections({ exchange, findings, seed, secret }: ReportContext): ReportSection[] {
  const mask = createMask({ secrets: [secret] });
  const { request, response } = exchange;
  // The lines not echoed from a body (the URL, headers, the curl command) are masked here; echoed ones already were.
  const section = (title: string, text: string): ReportSection => ({ title, text: mask(text) });
  // A body broken into lines after it was masked, so no line break can hide a secret; a cut is said on a line of its own.
  const body = (text: string, pairs = false) => {
    const { shown, cut } = echoParts(text, mask);
    return wrapLines(pairs ? shown.replace(/&/g, '\n&') : shown) + (cut === undefined ? '' : `\n${cut}`);
  };
  return [
    section('findings', renderFindings(findings, mask)),
    section('request (secret and pay code masked)', [`${request.method} ${request.url}`, ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`), '', body(request.text)].join('\n')),
    section(
      'string signed (secret masked; one pair a line, the breaks are not part of it)',
      exchange.canonical === '' ? '(the body is not a JSON object)' : body(exchange.canonical, true),
    ),
    section(
      'response',
      response ? `HTTP ${response.status} in ${Math.round(exchange.durationMs)} ms\n\n${body(response.text)}` : `none (${exchange.transportError ?? 'no answer'})`,
    ),
    section('reproduce', reproduction(exchange, seed, createMask({ secrets: [secret], showPayCodes: true }))),
  ];
}

/** The whole report as one text, section after section. */
export function renderExchangeReport(context: ReportContext): string {
  return exchangeSections(context).map((s) => `${s.title}:\n${s.text}`).join('\n\n');
}

/**
 * The curl command, its body's secret masked before the command is cut into lines (a mask cannot
 * find a secret cut in two); its pay codes become variables there, so they are left for it.
 */
function reproduction(exchange: Exchange, seed: number | undefined, secretOnly: Mask): string {
  const { lines, env } = curlCommand({ ...exchange.request, text: secretOnly(exchange.request.text) });
  const out: string[] = [];
  const variables = Object.entries(env).map(([name, code]) => `${name} (${maskPayCode(code)})`);
  if (variables.length > 0) {
    out.push(wrapLines(`# set ${variables.join(', ')} to the ${variables.length === 1 ? 'pay code that was' : 'pay codes that were'} sent (masked in reports)` +
      (seed === undefined ? '' : `; this case makes ${variables.length === 1 ? 'it' : 'them'} again with PAY_SEED=${seed}`), undefined, ' ').replace(/\n/g, '\n# '));
  }
  out.push(lines);
  return out.join('\n');
}
