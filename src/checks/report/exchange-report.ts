/**
 * The report a failed contract case prints: what broke (rule, path, expected vs actual), and the
 * evidence to act on it — request, string to sign, raw response — with the secret and pay code
 * masked, and a curl command that sends the same request again.
 */
import type { Exchange } from '../../adapters/client/pay-client.ts';
import type { Finding } from '../contract/finding.ts';
import { curlCommand, PAY_CODE_VARIABLE } from './curl.ts';
import { maskPayCodesIn, payCodesOf } from '../../kernel/redaction/mask-pay-codes.ts';
import { maskPayCode } from '../../kernel/redaction/redact.ts';

export interface ReportContext {
  exchange: Exchange;
  findings: readonly Finding[];
  /** PAY_SEED of the run, so the data can be made again. */
  seed?: number;
}

const MARK = { error: '✗', warning: '!', info: 'i' } as const;

export function renderFinding(f: Finding): string {
  return `${MARK[f.severity]} [${f.rule}] ${f.path}: expected ${f.expected}, actual ${f.actual}\n    ${f.message}`;
}

export function renderExchangeReport({ exchange, findings, seed }: ReportContext): string {
  const codes = payCodesOf(exchange.request.json);
  const mask = (text: string) => maskPayCodesIn(text, codes);
  const errors = findings.filter((f) => f.severity === 'error');
  const broken = [...new Set(errors.map((f) => f.rule))];
  const lines = [
    errors.length === 0 ? 'contract: no rule broken' : `contract: ${errors.length} finding(s), rule(s) broken: ${broken.join(', ')}`,
    ...findings.map((f) => '  ' + mask(renderFinding(f))),
    '',
    `request (secret and pay code masked): ${exchange.request.method} ${exchange.request.url}`,
    ...Object.entries(exchange.request.headers).map(([k, v]) => `  ${k}: ${v}`),
    '  ' + mask(exchange.request.text),
    `string to sign (secret masked): ${exchange.canonical === '' ? '(the body is not a JSON object)' : mask(exchange.canonical)}`,
    exchange.response
      ? `response: HTTP ${exchange.response.status} in ${Math.round(exchange.durationMs)} ms\n  ${mask(exchange.response.text)}`
      : `response: none (${exchange.transportError ?? 'no answer'})`,
    '',
    ...reproduction(exchange, codes, seed),
  ];
  return lines.join('\n');
}

function reproduction(exchange: Exchange, codes: readonly string[], seed: number | undefined): string[] {
  const { command } = curlCommand(exchange.request);
  const out = ['reproduce:'];
  if (codes.length > 0) {
    out.push(`  # set ${PAY_CODE_VARIABLE} to the pay code that was sent (${maskPayCode(codes[0])}; masked in reports)` +
      (seed === undefined ? '' : `; this case makes it again with PAY_SEED=${seed}`));
  }
  out.push(`  ${command}`);
  return out;
}
