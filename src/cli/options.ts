/** Option parsing on node:util's parseArgs, with its errors turned into CliErrors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs appends advice about '--' that does not fit on one line.
    const message = (error instanceof Error ? error.message : String(error)).split(/\.\s|\n/)[0];
    const code = (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 'PAYCHECK_UNKNOWN_OPTION' : 'PAYCHECK_USAGE';
    throw new CliError(code, message);
  }
}
