/**
 * The CLI boundary: whatever a command throws becomes one registry code. Node's own codes are
 * mapped here (a taken port, a missing file), because below the CLI they are only Node's words.
 */
import { PaycheckError } from '../kernel/errors.ts';
import { cannotWrite } from '../adapters/node/file-write.ts';

const UNREADABLE = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM']);
/**
 * The calls that fail only in a write. `open` is not among them: it fails alike for a read and a
 * write, so a writer that opens says so itself (src/adapters/node/file-write.ts).
 */
const WRITE_SYSCALLS = new Set(['write', 'rename', 'mkdir', 'mkdtemp', 'unlink', 'rmdir', 'ftruncate', 'fsync', 'copyfile', 'link', 'symlink']);

export function toHarnessError(error: unknown): PaycheckError {
  if (error instanceof PaycheckError) return error;
  const e = error as NodeJS.ErrnoException & { port?: number; dest?: string };
  if (e?.code === 'EADDRINUSE') return new PaycheckError('PAYCHECK_PORT_IN_USE', `${e.port === undefined ? 'the port' : `port ${e.port}`} on 127.0.0.1 is taken`, { cause: error });
  if (e?.code !== undefined && UNREADABLE.has(e.code)) {
    // A rename's path is the file moved; the file meant is where it was going.
    if (e.syscall !== undefined && WRITE_SYSCALLS.has(e.syscall)) return cannotWrite(e.dest ?? e.path ?? 'a file', error);
    return new PaycheckError('PAYCHECK_INPUT_UNREADABLE', `cannot read ${e.path ?? 'a file'} (${e.code})`, { cause: error });
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new PaycheckError('PAYCHECK_INTERNAL', message, { cause: error });
}

/**
 * A setting read by the shared readers (src/kernel/settings.ts, the policy), which throw plain
 * RangeErrors: as a harness error with its code.
 */
export function setting<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) throw new PaycheckError('PAYCHECK_BAD_SETTING', error.message);
    throw error;
  }
}

/** The one line a failed command prints on stderr. */
export function errorLine(command: string | undefined, error: PaycheckError): string {
  return `paycheck${command === undefined ? '' : ` ${command}`}: ${error.code} ${error.message}`;
}
