/** Reads a request from FILE, `-` or standard input, and insists on a JSON object. */
import { readFile } from 'node:fs/promises';
import { CliError, type CliIo } from './cli-error.ts';

export type RequestObject = Record<string, unknown>;

export async function readRequest(source: string | undefined, io: CliIo): Promise<RequestObject> {
  let text: string;
  const name = source === undefined || source === '-' ? 'standard input' : source;
  try {
    text = source === undefined || source === '-' ? await io.readStdin() : await readFile(source, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CliError('PAYCHECK_INPUT_UNREADABLE', `cannot read ${name} (${reason})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError('PAYCHECK_INPUT_NOT_JSON', `${name} is not JSON: ${jsonErrorReason(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError('PAYCHECK_INPUT_NOT_OBJECT', `${name} must hold one JSON object, the request`);
  }
  return value as RequestObject;
}

/** JSON.parse quotes the input in its message; keep only the reason and where. */
function jsonErrorReason(error: unknown): string {
  const message = (error as Error).message.split('\n')[0];
  const position = /position \d+(?: \(line \d+ column \d+\))?/.exec(message)?.[0];
  const reason = message.split(/, "|\. "| in JSON/)[0];
  return position && !reason.includes(position) ? `${reason} at ${position}` : reason;
}
