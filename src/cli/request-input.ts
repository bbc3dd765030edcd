/** Input from FILE, `-` or standard input: read, parsed as JSON, and (a request) insisted on as one object. */
import { readFile } from 'node:fs/promises';
import { PaycheckError } from '../kernel/errors.ts';
import { describeJsonShapeProblem, jsonShapeProblem } from '../kernel/json-shape.ts';
import type { CliIo } from './io.ts';

export type RequestObject = Record<string, unknown>;

export interface InputText {
  /** How messages name it: the path, or "standard input". */
  name: string;
  text: string;
}

export async function readInput(source: string | undefined, io: CliIo): Promise<InputText> {
  const stdin = source === undefined || source === '-';
  const name = stdin ? 'standard input' : source;
  try {
    return { name, text: stdin ? await io.readStdin() : await readFile(source, 'utf8') };
  } catch (error) {
    if (error instanceof PaycheckError) throw error;
    throw new PaycheckError('PAYCHECK_INPUT_UNREADABLE', `cannot read ${name} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

export function parseJsonInput({ name, text }: InputText): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PaycheckError('PAYCHECK_INPUT_NOT_JSON', `${name} is not JSON: ${jsonErrorReason(error)}`);
  }
}

/** One request object, refused when it is ambiguous (a key twice) or too deep to sign, as the mock refuses such a body. */
export async function readRequest(source: string | undefined, io: CliIo): Promise<RequestObject> {
  const input = await readInput(source, io);
  const value = parseJsonInput(input);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PaycheckError('PAYCHECK_INPUT_NOT_OBJECT', `${input.name} must hold one JSON object, the request`);
  }
  const shape = jsonShapeProblem(input.text, value);
  if (shape !== undefined) throw new PaycheckError(shape.kind === 'duplicate-key' ? 'PAYCHECK_INPUT_AMBIGUOUS' : 'PAYCHECK_INPUT_TOO_DEEP', describeJsonShapeProblem(input.name, shape));
  return value as RequestObject;
}

/** JSON.parse quotes the input in its message; keep only the reason and where. */
function jsonErrorReason(error: unknown): string {
  const message = (error as Error).message.split('\n')[0];
  const position = /position \d+(?: \(line \d+ column \d+\))?/.exec(message)?.[0];
  const reason = message.split(/, "|\. "| in JSON/)[0];
  return position && !reason.includes(position) ? `${reason} at ${position}` : reason;
}
