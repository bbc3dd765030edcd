/** The CLI's own errors: a stable code, a one-line message, exit status 2. */
export type CliErrorCode =
  | 'PAYCHECK_USAGE'
  | 'PAYCHECK_UNKNOWN_COMMAND'
  | 'PAYCHECK_UNKNOWN_OPTION'
  | 'PAYCHECK_INPUT_UNREADABLE'
  | 'PAYCHECK_INPUT_NOT_JSON'
  | 'PAYCHECK_INPUT_NOT_OBJECT'
  | 'PAYCHECK_NO_SECRET'
  | 'PAYCHECK_NO_KEY'
  | 'PAYCHECK_BAD_SETTING';

export class CliError extends Error {
  readonly code: CliErrorCode;
  constructor(code: CliErrorCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }
}

/** What every command writes to; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readStdin(): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
}
