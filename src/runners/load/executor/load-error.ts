/** The executor's own errors, each with a stable code; the CLI prints the message and exits 2. */
export type LoadErrorCode =
  | 'LOAD_USAGE'
  | 'LOAD_UNKNOWN_SCENARIO'
  | 'LOAD_BAD_URL'
  | 'LOAD_REMOTE_REFUSED'
  | 'LOAD_BAD_SETTING';

export class LoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}
