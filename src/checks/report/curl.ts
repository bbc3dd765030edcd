/**
 * A `curl` command that sends the same bytes as a recorded request. No pay code is written into
 * it: each pay-code-shaped value of the body (a string or a JSON number) is read from $PAY_CODE
 * ($PAY_CODE_2 … for more), so the command can be printed and still work.
 */
import type { SentRequest } from '../../adapters/client/pay-client.ts';
import { payCodesIn } from '../../kernel/redaction/mask.ts';
import { chunks, displayWidth, REPORT_WIDTH } from './wrap.ts';

const PAY_CODE_VARIABLE = 'PAY_CODE';

export interface CurlCommand {
  /** One line, for `sh -c`. */
  command: string;
  /**
   * The same command over lines of at most REPORT_WIDTH columns, for a report: one argument a
   * line, the body cut into quoted pieces that the shell's line continuations join into the same
   * bytes (a continuation line starts with its quote: indenting it would split the word).
   */
  lines: string;
  /** What the command expects in its environment, unmasked: never print it. */
  env: Readonly<Record<string, string>>;
}

export function curlCommand(request: SentRequest): CurlCommand {
  const headers = Object.entries(request.headers).map(([k, v]) => `-H ${quote(`${k}: ${v}`)}`);
  const codes = [...new Set(payCodesIn(request.text))];
  const variable = (i: number) => (i === 0 ? PAY_CODE_VARIABLE : `${PAY_CODE_VARIABLE}_${i + 1}`);
  // The body as literal text between pay codes, each code read from its variable.
  let parts: (string | { code: number })[] = [request.text];
  codes.forEach((code, i) => {
    parts = parts.flatMap((part) => (typeof part !== 'string' ? [part] : part.split(code).flatMap((text, j) => (j === 0 ? [text] : [{ code: i }, text]))));
  });
  const literal = parts.filter((part) => part !== '');
  const word = (part: string | { code: number }) => (typeof part === 'string' ? quote(part) : `"$${variable(part.code)}"`);
  const head = `curl -sS -X ${request.method} ${quote(request.url)}`;
  const command = [head, ...headers, '--data-binary', literal.length === 0 ? "''" : literal.map(word).join('')].join(' ');
  // Each body line filled up to REPORT_WIDTH (less its closing `\\`) with quoted pieces and variables.
  const room = REPORT_WIDTH - 2;
  const bodyLines = [''];
  const current = () => bodyLines[bodyLines.length - 1];
  for (const part of literal.length === 0 ? [''] : literal) {
    if (typeof part !== 'string') {
      if (current() !== '' && displayWidth(current() + word(part)) > room) bodyLines.push('');
      bodyLines[bodyLines.length - 1] += word(part);
      continue;
    }
    let rest = part;
    do {
      const free = room - displayWidth(current()) - 2;
      if (free < 8 && current() !== '') {
        bodyLines.push('');
        continue;
      }
      let [piece] = chunks(rest, free);
      // A quote inside takes four columns written out ('\''): the piece shrinks until it fits.
      while (displayWidth(quote(piece)) > free + 2 && piece.length > 1) piece = Array.from(piece).slice(0, -1).join('');
      bodyLines[bodyLines.length - 1] += quote(piece);
      rest = rest.slice(piece.length);
    } while (rest !== '');
  }
  const lines = [`${head} \\`, ...headers.map((h) => `  ${h} \\`), '  --data-binary \\', bodyLines.join('\\\n')].join('\n');
  return { command, lines, env: Object.fromEntries(codes.map((code, i) => [variable(i), code])) };
}

/** POSIX single quotes: everything literal, a quote written as '\''. */
function quote(text: string): string {
  return `'${quoteInner(text)}'`;
}

function quoteInner(text: string): string {
  return text.replace(/'/g, `'\\''`);
}
