/**
 * The report a failed contract case prints: what broke (rule, path, expected vs actual), and the
 * evidence to act on it — request, string to sign, raw response — with the secret and every pay
 * code masked (src/kernel/redaction/mask.ts), each body cut to what a report echoes
 * (echo.ts), and a curl command that sends the same request again.
 */
import type { Exchange } from '../../adapters/client/pay-client.ts';
import type { Finding } from '../contract/finding.ts';
import { curlCommand } from './curl.ts';
import { echoed } from './echo.ts';
import { createMask, maskPayCode, type Mask } from '../../kernel/redaction/mask.ts';

export interface ReportContext {
  exchange: Exchange;
  findings: readonly Finding[];
  /** PAY_SEED of the run, so the data can be made again. */
  seed?: number;
  /** The secret the request was signed with: masked wherever it shows, in any spelling. */
  secret: string;
}

const MARK = { error: '✗', warning: '!', info: 'i' } as const;

/** One finding; `expected` and `actual` quote the answer, so they are bounded like a body. */
export function renderFinding(f: Finding, mask: Mask): string {
  return `${MARK[f.severity]} [${f.rule}] ${f.path}: expected ${echoed(f.expected, mask)}, actual ${echoed(f.actual, mask)}\n    ${echoed(f.message, mask)}`;
}

export function renderExchangeReport({ exchange, findings, seed, secret }: ReportContext): string {
  const mask = createMask({ secrets: [secret] });
  const errors = findings.filter((f) => f.severity === 'error');
  const broken = [...new Set(errors.map((f) => f.rule))];
  const lines = [
    errors.length === 0 ? 'contract: no rule broken' : `contract: ${errors.length} finding(s), rule(s) broken: ${broken.join(', ')}`,
    ...findings.map((f) => '  ' + renderFinding(f, mask)),
    '',
    `request (secret and pay code masked): ${exchange.request.method} ${exchange.request.url}`,
    ...Object.entries(exchange.request.headers).map(([k, v]) => `  ${k}: ${v}`),
    '  ' + echoed(exchange.request.text, mask),
    `string to sign (secret masked): ${exchange.canonical === '' ? '(the body is not a JSON object)' : echoed(exchange.canonical, mask)}`,
    exchange.response
      ? `response: HTTP ${exchange.response.status} in ${Math.round(exchange.durationMs)} ms\n  ${echoed(exchange.response.text, mask)}`
      : `response: none (${exchange.transportError ?? 'no answer'})`,
    '',
    ...reproduction(exchange, seed),
  ];
  // The lines not echoed from a body (headers, the URL, the curl command) are masked here; the echoed ones already were.
  return mask(lines.join('\n'));
}

function reproduction(exchange: Exchange, seed: number | undefined): string[] {
  const { command, env } = curlCommand(exchange.request);
  const out = ['reproduce:'];
  const variables = Object.entries(env).map(([name, code]) => `${name} (${maskPayCode(code)})`);
  if (variables.length > 0) {
    out.push(`  # set ${variables.join(', ')} to the ${variables.length === 1 ? 'pay code that was' : 'pay codes that were'} sent (masked in reports)` +
      (seed === undefined ? '' : `; this case makes ${variables.length === 1 ? 'it' : 'them'} again with PAY_SEED=${seed}`));
  }
  out.push(`  ${command}`);
  return out;
}
