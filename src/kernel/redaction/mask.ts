/**
 * Masking for everything paycheck prints or writes — the CLI's output, failure reports, the mock's
 * log — by what a value is, never by the key it sits under (a caller can spell the key any way):
 *
 * - the configured secret wherever it appears, in the spellings a printer or a target could give
 *   it: raw, JSON-escaped, URL-encoded (any of its characters percent-escaped, in either case),
 *   hex (lower and upper case), Base64 (standard and URL-safe, padded or not) — and the Base64 of a
 *   longer text that holds the secret, which carries the secret's bytes at one of three alignments:
 *   each alignment's run of characters that depend on the secret's bytes alone is masked too. A secret
 *   shorter than {@link MIN_SPELLED_SECRET} characters is masked only raw, JSON-escaped and
 *   URL-encoded, and only as a whole word: its hex and Base64 would be a few characters that occur
 *   anywhere. Digests of the secret are not the secret, and signatures are left alone.
 * - every pay-code-shaped value (the channels' shapes, src/kernel/channel.ts), written as a string
 *   or as a JSON number, also with an exponent (as JSON writes one of 22 digits or more). Digits
 *   right after a letter are an id's (`PC2750351178030001`, `LFT17…`), not a pay code, except the
 *   letter ending a `%XX` escape; digits after a decimal point are a fraction's (`3.2857142857142856`).
 *
 * Runtime-neutral: TextEncoder and btoa, no Buffer.
 */
import { PAY_CODE_SHAPES } from '../channel.ts';

/** What a secret is printed as. */
export const SECRET_MASK = '***';

/** Shorter secrets are masked as whole words only, and not in hex or Base64. */
const MIN_SPELLED_SECRET = 8;

/** `134567890123456789` → `1345**********6789`: the channel's prefix and the last four, the length kept. */
export function maskPayCode(code: string): string {
  if (code.length <= 8) return '*'.repeat(code.length);
  return code.slice(0, 4) + '*'.repeat(code.length - 8) + code.slice(-4);
}

const NOT_AFTER_AN_ID = '(?<![0-9.])(?<!(?<!%[0-9A-Fa-f])[A-Za-z])';
const PAY_CODE_DIGITS = new RegExp(`${NOT_AFTER_AN_ID}(?:${PAY_CODE_SHAPES.wechat}|${PAY_CODE_SHAPES.alipay})(?![0-9])`, 'g');
const PAY_CODE_WHOLE = new RegExp(`^(?:${PAY_CODE_SHAPES.wechat}|${PAY_CODE_SHAPES.alipay})$`);
/** A number written with an exponent (`2.8463716253174828e+23`); pay-code-shaped when its value is. */
const EXPONENT_NUMBER = new RegExp(`${NOT_AFTER_AN_ID}[0-9](?:\\.[0-9]+)?[eE]\\+?[0-9]{1,3}(?![0-9])`, 'g');

function isPayCodeNumber(token: string): boolean {
  const value = Number(token);
  return Number.isInteger(value) && PAY_CODE_WHOLE.test(BigInt(value).toString());
}

/** Every pay-code-shaped token of a text, as written there. */
export function payCodesIn(text: string): string[] {
  return [...(text.match(PAY_CODE_DIGITS) ?? []), ...(text.match(EXPONENT_NUMBER) ?? []).filter(isPayCodeNumber)];
}

/** Every pay-code-shaped token masked; the text keeps its length, so positions found in it still hold. */
export function maskPayCodesIn(text: string): string {
  return text.replace(PAY_CODE_DIGITS, maskPayCode).replace(EXPONENT_NUMBER, (token) => (isPayCodeNumber(token) ? maskPayCode(token) : token));
}

export type Mask = (text: string) => string;

export interface MaskOptions {
  /** The configured secrets; unset and empty ones are skipped. */
  secrets?: readonly (string | undefined)[];
  /** `--show-pay-code`: pay codes whole, secrets still masked. */
  showPayCodes?: boolean;
}

/** One function that masks a text as {@link MaskOptions} say; build it once, use it for every line. */
export function createMask({ secrets = [], showPayCodes = false }: MaskOptions = {}): Mask {
  const given = secrets.filter((s): s is string => s !== undefined && s !== '');
  const long = given.filter((s) => s.length >= MIN_SPELLED_SECRET).flatMap(spellings);
  const short = given.filter((s) => s.length < MIN_SPELLED_SECRET).flatMap(plainSpellings);
  const parts = [alternation(long), short.length === 0 ? '' : `(?<![A-Za-z0-9])(?:${alternation(short)})(?![A-Za-z0-9])`].filter(Boolean);
  const secretPattern = parts.length === 0 ? undefined : new RegExp(parts.join('|'), 'g');
  return (text) => {
    const masked = secretPattern ? text.replace(secretPattern, SECRET_MASK) : text;
    return showPayCodes ? masked : maskPayCodesIn(masked);
  };
}

/** Regular expressions, the longer first: a spelling wins over a shorter one it starts with. */
function alternation(patterns: readonly string[]): string {
  return [...new Set(patterns)].sort((a, b) => b.length - a.length).join('|');
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `%2d` or `%2D`. */
const escapeOf = (byte: number) => `%${byte.toString(16).padStart(2, '0').replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`)}`;

/**
 * Raw and URL-encoded at once: each character itself or percent-escaped (any case, whatever an
 * encoder chose to escape), a space also `+`; and JSON-escaped.
 */
function plainSpellings(secret: string): string[] {
  const urlish = Array.from(secret, (char) => {
    const escaped = Array.from(utf8(char), escapeOf).join('');
    return `(?:${literal(char)}|${escaped}${char === ' ' ? '|\\+' : ''})`;
  }).join('');
  return [urlish, literal(JSON.stringify(secret).slice(1, -1))];
}

function spellings(secret: string): string[] {
  const bytes = utf8(secret);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const base64 = base64Of(bytes);
  const encoded = [
    hex,
    hex.toUpperCase(),
    base64,
    urlSafe(base64),
    ...[0, 1, 2].flatMap((offset) => {
      const run = alignedBase64(bytes, offset);
      return run.length >= MIN_SPELLED_SECRET ? [run, urlSafe(run)] : [];
    }),
  ];
  return [...plainSpellings(secret), ...encoded.map(literal)];
}

/**
 * The Base64 characters that depend on the secret's bytes alone when `offset` bytes of anything
 * come before it: character i carries bits 6i…6i+5, the secret's bytes bits 8·offset on.
 */
function alignedBase64(bytes: readonly number[], offset: number): string {
  const padded = [...new Array<number>(offset).fill(0), ...bytes];
  return base64Of(padded).slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
}

/**
 * UTF-8 and Base64 by hand: this module is also loaded by the k6 scripts (through the signer),
 * whose runtime is neither a browser nor Node, so TextEncoder and btoa cannot be counted on.
 */
function utf8(text: string): number[] {
  const out: number[] = [];
  for (const char of text) {
    const c = char.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Of(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63] + (i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? BASE64[n & 63] : '=');
  }
  return out;
}

function urlSafe(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
