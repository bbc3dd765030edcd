/**
 * A file paycheck writes for a command (the mock's snapshot, the proxy's record), and how a write
 * that fails is said. Node's `open` fails alike for a read and a write (ENOENT, EACCES, EISDIR), so
 * only the writer can say which it was; and a command that writes only at its end would lose its
 * run to a path it could have refused at the start.
 */
import { PaycheckError } from '../../kernel/errors.ts';

/** The one way a write that failed is said: the path meant, Node's code. */
export function cannotWrite(path: string, error: unknown): PaycheckError {
  return new PaycheckError('PAYCHECK_OUTPUT_UNWRITABLE', `cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'unwritable'})`, { cause: error });
}

/** Runs `write`, which writes `path`; its failure is `cannotWrite(path)`, whichever file or syscall it met. */
export function writeOrRefuse(path: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw cannotWrite(path, error);
  }
}
