/** Input from FILE, `-` or standard input: read, parsed as JSON, and (a request) insisted on as one object. */
import { createReadStream } from 'node:fs';
import { isPaycheckError, PaycheckError, type HarnessErrorCode } from '../kernel/errors.ts';
import { REQUEST_SIZE_LIMIT } from '../kernel/settings.ts';
import { describeJsonShapeProblem, jsonShapeProblem, type JsonShapeProblem } from '../kernel/json-shape.ts';
import type { CliIo } from './io.ts';

export type RequestObject = Record<string, unknown>;

export interface InputText {
  /** How messages name it: the path, or "standard input". */
  name: string;
  text: string;
}

/** What is read, and the most of it read: a request (REQUEST_SIZE_LIMIT), a journal. */
export interface InputKind {
  what: string;
  limit: number;
}

const REQUEST_INPUT: InputKind = { what: 'a request', limit: REQUEST_SIZE_LIMIT };

export async function readInput(source: string | undefined, io: CliIo, kind: InputKind): Promise<InputText> {
  const stdin = source === undefined || source === '-';
  const name = stdin ? 'standard input' : source;
  try {
    return { name, text: withoutBom(stdin ? await io.readStdin(kind.limit) : await readAtMost(createReadStream(source), kind.limit, name)) };
  } catch (error) {
    if (isPaycheckError(error, 'PAYCHECK_INPUT_TOO_LARGE')) throw new PaycheckError('PAYCHECK_INPUT_TOO_LARGE', `${error.message}, the most paycheck reads of ${kind.what}`);
    if (error instanceof PaycheckError) throw error;
    throw new PaycheckError('PAYCHECK_INPUT_UNREADABLE', `cannot read ${name} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

const BOM = 0xfeff;

/**
 * Windows editors (Notepad, PowerShell's Out-File) begin a UTF-8 file with a byte order mark, which
 * JSON.parse refuses as an unexpected token that no terminal shows. A file is the request, not the
 * bytes sent, so it is read past; the mock refuses a body that begins with one, naming it.
 */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/**
 * A stream read to its end as UTF-8 — or PAYCHECK_INPUT_TOO_LARGE as soon as it passes `limit`
 * bytes, so that `paycheck sign < /dev/zero` ends at once in little memory. Stops the stream.
 */
export async function readAtMost(stream: AsyncIterable<Uint8Array>, limit: number, name: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw new PaycheckError('PAYCHECK_INPUT_TOO_LARGE', `${name} is over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

export function parseJsonInput({ name, text }: InputText): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PaycheckError('PAYCHECK_INPUT_NOT_JSON', `${name} is not JSON: ${jsonErrorReason(error)}`);
  }
}

const SHAPE_ERRORS = { 'duplicate-key': 'PAYCHECK_INPUT_AMBIGUOUS', 'too-deep': 'PAYCHECK_INPUT_TOO_DEEP', 'imprecise-number': 'PAYCHECK_INPUT_IMPRECISE' } as const satisfies Record<JsonShapeProblem['kind'], HarnessErrorCode>;

/**
 * One request object, refused when it is ambiguous (a key twice), too deep to sign or holds a
 * number JSON.parse rounds, as the mock refuses such a body: signing what JSON.parse made of it
 * would sign another request than the one written. `shown` is applied to the values a message
 * quotes (a number refused may be a pay code).
 */
export async function readRequest(source: string | undefined, io: CliIo, shown: (text: string) => string = (text) => text): Promise<RequestObject> {
  const input = await readInput(source, io, REQUEST_INPUT);
  const value = parseJsonInput(input);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PaycheckError('PAYCHECK_INPUT_NOT_OBJECT', `${input.name} must hold one JSON object, the request`);
  }
  const shape = jsonShapeProblem(input.text, value);
  if (shape !== undefined) throw new PaycheckError(SHAPE_ERRORS[shape.kind], shown(describeJsonShapeProblem(input.name, shape)));
  return value as RequestObject;
}

/** JSON.parse quotes the input in its message; keep only the reason and where. */
function jsonErrorReason(error: unknown): string {
  const message = (error as Error).message.split('\n')[0];
  const position = /position \d+(?: \(line \d+ column \d+\))?/.exec(message)?.[0];
  const reason = message.split(/, "|\. "| in JSON/)[0];
  return position && !reason.includes(position) ? `${reason} at ${position}` : reason;
}
