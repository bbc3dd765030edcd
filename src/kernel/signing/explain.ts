/** Why a signature failed, and the string to sign in a form fit to print. */
import { canonicalString, SECRET_KEY, type SignableParams } from './canonical.ts';
import { maskPayCode } from '../redaction/redact.ts';

export interface FirstDifference {
  /** 0-based index of the first differing character. */
  index: number;
  ours: string;
  theirs: string;
}

const CONTEXT = 24;
export const SECRET_MASK = '***';

/** `undefined` when the two strings are equal. */
export function firstDifference(ours: string, theirs: string): FirstDifference | undefined {
  if (ours === theirs) return undefined;
  let i = 0;
  while (i < ours.length && i < theirs.length && ours[i] === theirs[i]) i++;
  const from = Math.max(0, i - CONTEXT);
  return { index: i, ours: ours.slice(from, i + CONTEXT), theirs: theirs.slice(from, i + CONTEXT) };
}

/**
 * The string to sign as it may be shown: built with `***` in the secret's place — never the real
 * string masked afterwards, which a value containing `&app_sercet=` could fool — and the pay code
 * masked unless asked for.
 */
export function displayCanonical(params: SignableParams, options: { rsa?: boolean; showPayCode?: boolean } = {}): string {
  const code = params.pay_code;
  const shown = options.showPayCode || typeof code !== 'string' ? params : { ...params, pay_code: maskPayCode(code) };
  return canonicalString(shown, options.rsa ? undefined : SECRET_MASK);
}

/** For a string someone else built (`verify --compare`): every `app_sercet` value hidden. */
export function maskSecretIn(text: string): string {
  return text.replace(new RegExp(`(^|&)${SECRET_KEY}=[^&]*`, 'g'), `$1${SECRET_KEY}=${SECRET_MASK}`);
}
