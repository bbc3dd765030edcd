/** Why a signature failed: the string the verifier built against the one the caller signed. */
import { SECRET_KEY } from './canonical.ts';
import { maskPayCode } from '../redact.ts';

export interface FirstDifference {
  /** 0-based index of the first differing character. */
  index: number;
  ours: string;
  theirs: string;
}

const CONTEXT = 24;

/** `undefined` when the two strings are equal. */
export function firstDifference(ours: string, theirs: string): FirstDifference | undefined {
  if (ours === theirs) return undefined;
  let i = 0;
  while (i < ours.length && i < theirs.length && ours[i] === theirs[i]) i++;
  const from = Math.max(0, i - CONTEXT);
  return { index: i, ours: ours.slice(from, i + CONTEXT), theirs: theirs.slice(from, i + CONTEXT) };
}

/** The canonical string with the secret's value replaced, fit to print. */
export function maskSecretIn(canonical: string): string {
  return canonical.replace(new RegExp(`(^|&)${SECRET_KEY}=[^&]*`), `$1${SECRET_KEY}=***`);
}

/** The canonical string fit for a log or report: secret hidden, pay code masked. */
export function maskForDisplay(canonical: string): string {
  return maskSecretIn(canonical).replace(/(^|&)pay_code=([^&]*)/, (_, lead: string, code: string) => `${lead}pay_code=${maskPayCode(code)}`);
}
