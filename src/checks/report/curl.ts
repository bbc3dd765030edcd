/**
 * A `curl` command that sends the same bytes as a recorded request. No pay code is written into
 * it: each pay-code-shaped value of the body (a string or a JSON number) is read from $PAY_CODE
 * ($PAY_CODE_2 … for more), so the command can be printed and still work.
 */
import type { SentRequest } from '../../adapters/client/pay-client.ts';
import { payCodesIn } from '../../kernel/redaction/mask.ts';

const PAY_CODE_VARIABLE = 'PAY_CODE';

export interface CurlCommand {
  /** One line, for `sh -c`. */
  command: string;
  /** What the command expects in its environment, unmasked: never print it. */
  env: Readonly<Record<string, string>>;
}

export function curlCommand(request: SentRequest): CurlCommand {
  const headers = Object.entries(request.headers).flatMap(([k, v]) => ['-H', quote(`${k}: ${v}`)]);
  const codes = [...new Set(payCodesIn(request.text))];
  const variable = (i: number) => (i === 0 ? PAY_CODE_VARIABLE : `${PAY_CODE_VARIABLE}_${i + 1}`);
  // A pay code is digits (and at most `.`, `e`, `+`): quoting leaves it as it is.
  let body = quote(request.text);
  codes.forEach((code, i) => {
    body = body.split(code).join(`'"$${variable(i)}"'`);
  });
  const command = ['curl', '-sS', '-X', request.method, quote(request.url), ...headers, '--data-binary', body].join(' ');
  return { command, env: Object.fromEntries(codes.map((code, i) => [variable(i), code])) };
}

/** POSIX single quotes: everything literal, a quote written as '\''. */
function quote(text: string): string {
  return `'${quoteInner(text)}'`;
}

function quoteInner(text: string): string {
  return text.replace(/'/g, `'\\''`);
}
