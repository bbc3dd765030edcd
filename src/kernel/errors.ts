/**
 * The harness's own errors — as src/kernel/codes.ts is for the API's codes: every error paycheck
 * itself raises has a stable code, what it means, a hint, and an exit status from one rule.
 * Runtime-neutral, so that every layer can raise them; docs/cli.md lists them row for row.
 */

/** The exit rule of every command. */
export const EXIT = {
  ok: 0,
  /** A check ran and failed: a threshold, an invalid sign, a finding, an order not paid. */
  checkFailed: 1,
  /** Bad usage or bad input: flags, settings, files, mock controls. */
  usage: 2,
  /** The target cannot be used: unreachable, not this API, or it refuses our application or signature. */
  target: 3,
  internal: 70,
  /**
   * Stopped by SIGINT (Ctrl-C) or SIGTERM: 128 + the signal's number, what a shell reports for a
   * process the signal ended, so a wrapper that looks for it still finds it. `load` first writes
   * the part of the run that ran, marked interrupted.
   */
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface HarnessErrorEntry {
  exit: ExitCode;
  meaning: string;
  hint: string;
}

export const HARNESS_ERRORS = {
  PAYCHECK_USAGE: { exit: EXIT.usage, meaning: 'a flag or an argument is missing or wrong', hint: "see 'paycheck <command> --help'" },
  PAYCHECK_UNKNOWN_COMMAND: { exit: EXIT.usage, meaning: 'no such command', hint: "'paycheck --help' lists the commands" },
  PAYCHECK_UNKNOWN_OPTION: { exit: EXIT.usage, meaning: 'the command has no such flag', hint: "see 'paycheck <command> --help'" },
  PAYCHECK_BAD_SETTING: { exit: EXIT.usage, meaning: 'a setting (flag or environment variable) is out of range', hint: 'docs/cli.md gives each setting its form' },
  PAYCHECK_BAD_URL: { exit: EXIT.target, meaning: '--base-url is no http(s) URL, carries credentials, a query or a fragment, or ends in an API path (/pay/…)', hint: 'give the API root, e.g. http://127.0.0.1:4010' },
  PAYCHECK_REMOTE_REFUSED: { exit: EXIT.usage, meaning: 'the target is not on loopback and --allow-remote was not given', hint: 'real pay codes move real money: pass --allow-remote only if you mean it' },
  PAYCHECK_UNKNOWN_PROFILE: { exit: EXIT.usage, meaning: 'no such load profile', hint: "'paycheck load --help' lists the profiles" },
  PAYCHECK_INPUT_UNREADABLE: { exit: EXIT.usage, meaning: 'a file or standard input cannot be read', hint: 'check the path and its permissions' },
  PAYCHECK_OUTPUT_UNWRITABLE: { exit: EXIT.usage, meaning: 'a file paycheck writes cannot be written (its folder missing, a directory in its place, no permission)', hint: 'check that the folder exists and may be written' },
  PAYCHECK_INPUT_NOT_JSON: { exit: EXIT.usage, meaning: 'the input is not JSON', hint: 'the message says where it stops parsing' },
  PAYCHECK_INPUT_TOO_LARGE: { exit: EXIT.usage, meaning: 'the input is larger than paycheck reads', hint: 'a request is at most 512 KiB, a journal 256 MiB: docs/limits.md' },
  PAYCHECK_INPUT_AMBIGUOUS: { exit: EXIT.usage, meaning: 'the input has a key twice in one object, so a signer and a verifier may read different requests', hint: 'keep one of the two: the message names the key' },
  PAYCHECK_INPUT_IMPRECISE: { exit: EXIT.usage, meaning: 'the input has a number JSON.parse does not read exactly (an integer past 2^53 that a double does not hold exactly, more digits than a double keeps), so the sign would be of another value than written', hint: 'send it as a string: the message names where it is' },
  PAYCHECK_INPUT_TOO_DEEP: { exit: EXIT.usage, meaning: 'the input nests deeper than paycheck reads or signs', hint: 'a request nests 3 levels deep: docs/limits.md' },
  PAYCHECK_INPUT_NOT_OBJECT: { exit: EXIT.usage, meaning: 'the input is JSON but not one request object', hint: 'give one JSON object: the request' },
  PAYCHECK_INPUT_NOT_JOURNAL: { exit: EXIT.usage, meaning: "the input is JSON but not a mock's request journal", hint: 'GET /__mock/journal serves one; the message names the first bad entry' },
  PAYCHECK_INPUT_NOT_SUMMARY: { exit: EXIT.usage, meaning: "the input is JSON but not the load summaries of one run's runners", hint: "give each runner's load-summary.json (or k6-summary.json) of one profile, with segments that do not overlap" },
  PAYCHECK_NO_SECRET: { exit: EXIT.usage, meaning: 'an MD5 sign needs the application secret and none was given', hint: 'set PAY_APP_SECRET (a --secret on the command line is visible to other users)' },
  PAYCHECK_NO_KEY: { exit: EXIT.usage, meaning: 'an RSA sign needs a PEM key that is missing or unreadable', hint: 'pass --private-key / --public-key or set PAY_RSA_PRIVATE_KEY_FILE / PAY_RSA_PUBLIC_KEY_FILE' },
  PAYCHECK_MOCK_CONTROL: { exit: EXIT.usage, meaning: 'the mock cannot honour a control: a flag, setting, X-Mock-* header, apps file or snapshot', hint: 'docs/mock.md gives every control its grammar' },
  PAYCHECK_PORT_IN_USE: { exit: EXIT.usage, meaning: "the mock's port is taken", hint: 'stop whatever holds it, or pick another --port (0 = any free port)' },
  PAYCHECK_TARGET_UNREACHABLE: { exit: EXIT.target, meaning: 'the target does not answer', hint: "start the mock ('npx paycheck mock') or check --base-url" },
  PAYCHECK_TARGET_NOT_API: { exit: EXIT.target, meaning: 'the target answers, but not as the pay-code API or the paycheck mock', hint: '--base-url is the API root, without /pay/…' },
  PAYCHECK_TARGET_REFUSED: { exit: EXIT.target, meaning: 'the target refuses our application or signature', hint: 'check PAY_APP_ID, PAY_APP_SECRET and PAY_SIGN_ENCODING against the target' },
  PAYCHECK_SELF_CHECK: { exit: EXIT.internal, meaning: 'the mock produced an answer that breaks openapi.yaml (self-check mode)', hint: 'a defect of the mock: report it with the body printed' },
  PAYCHECK_ILLEGAL_TRANSITION: { exit: EXIT.internal, meaning: "the mock tried an order-status change its lifecycle forbids", hint: 'a defect of the mock: report it with the order printed' },
  PAYCHECK_INTERNAL: { exit: EXIT.internal, meaning: 'anything else: a defect of paycheck', hint: 'report it with the command line' },
} as const satisfies Record<`PAYCHECK_${string}`, HarnessErrorEntry>;

export type HarnessErrorCode = keyof typeof HARNESS_ERRORS;

/** The one base class of every error the harness raises. */
export class PaycheckError extends Error {
  override name = 'PaycheckError';
  readonly code: HarnessErrorCode;
  constructor(code: HarnessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  get exitCode(): ExitCode {
    return HARNESS_ERRORS[this.code].exit;
  }

  get hint(): string {
    return HARNESS_ERRORS[this.code].hint;
  }
}

export function isPaycheckError(error: unknown, code?: HarnessErrorCode): error is PaycheckError {
  return error instanceof PaycheckError && (code === undefined || error.code === code);
}
