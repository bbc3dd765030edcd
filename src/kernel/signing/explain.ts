/** Why a signature failed, and the string to sign in a form fit to print. */
import { canonicalString, type SignableParams } from './canonical.ts';
import { maskPayCodesIn, SECRET_MASK } from '../redaction/mask.ts';

export interface FirstDifference {
  /** 0-based index of the first differing character. */
  index: number;
  ours: string;
  theirs: string;
}

const CONTEXT = 24;

/**
 * `undefined` when the two strings are equal. The index is found in the strings as given; the
 * context around it is cut from `shown` of each, which must keep lengths (as maskPayCodesIn does).
 */
export function firstDifference(ours: string, theirs: string, shown: (text: string) => string = (text) => text): FirstDifference | undefined {
  if (ours === theirs) return undefined;
  let i = 0;
  while (i < ours.length && i < theirs.length && ours[i] === theirs[i]) i++;
  const from = Math.max(0, i - CONTEXT);
  return { index: i, ours: shown(ours).slice(from, i + CONTEXT), theirs: shown(theirs).slice(from, i + CONTEXT) };
}

/**
 * The string to sign as it may be shown: built with `***` in the secret's place — never the real
 * string masked afterwards, which a value containing `&app_sercet=` could fool — and every
 * pay-code-shaped value masked (a JSON number too) unless asked for.
 */
export function displayCanonical(params: SignableParams, options: { rsa?: boolean; showPayCode?: boolean } = {}): string {
  const canonical = canonicalString(params, options.rsa ? undefined : SECRET_MASK);
  return options.showPayCode ? canonical : maskPayCodesIn(canonical);
}
