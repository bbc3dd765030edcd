/**
 * A `curl` command that sends the same bytes as a recorded request. The pay code is not written
 * into it: the command reads it from $PAY_CODE, so the command can be printed and still work.
 */
import type { SentRequest } from '../../adapters/client/pay-client.ts';
import { payCodesOf } from '../../kernel/redaction/mask-pay-codes.ts';

export const PAY_CODE_VARIABLE = 'PAY_CODE';

export interface CurlCommand {
  /** One line, for `sh -c`. */
  command: string;
  /** What the command expects in its environment, unmasked: never print it. */
  env: Readonly<Record<string, string>>;
}

export function curlCommand(request: SentRequest): CurlCommand {
  const [code] = payCodesOf(request.json);
  const headers = Object.entries(request.headers).flatMap(([k, v]) => ['-H', quote(`${k}: ${v}`)]);
  let body = quote(request.text);
  if (code !== undefined) {
    const inJson = JSON.stringify(code).slice(1, -1);
    body = body.split(quoteInner(inJson)).join(`'"$${PAY_CODE_VARIABLE}"'`);
  }
  const command = ['curl', '-sS', '-X', request.method, quote(request.url), ...headers, '--data-binary', body].join(' ');
  return { command, env: code === undefined ? {} : { [PAY_CODE_VARIABLE]: code } };
}

/** POSIX single quotes: everything literal, a quote written as '\''. */
function quote(text: string): string {
  return `'${quoteInner(text)}'`;
}

function quoteInner(text: string): string {
  return text.replace(/'/g, `'\\''`);
}
