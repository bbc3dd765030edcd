/**
 * The common ways a client's sign goes wrong, as data, and the diagnosis that names the one a
 * failed sign was made with. Each mistake rebuilds the sign as a client making it would (another
 * string to sign, or another way of writing the digest); a mistake whose sign equals the one sent
 * is the diagnosis. The mock records it in its journal (`sign_diagnosis`), `paycheck verify`
 * prints it and the mock's console shows it — all from this list. Runtime-neutral.
 *
 * The list is the documented pitfalls (docs/discrepancies.md, "Signing", and D-40) and the
 * neighbouring platforms' habits. A case-insensitive or locale sort is not in it: every key of
 * this API is lower-case ASCII, where both give the rule's order.
 */
import { canonicalString, isEmptyValue, SECRET_KEY, type SignableParams } from './canonical.ts';
import type { SignEncoding } from './encoding.ts';
import { displayCanonical } from './explain.ts';

/** The two digests a diagnosis needs (the signer's `Digests` has them). */
interface Md5Digests {
  /** MD5 of the UTF-8 bytes, upper-case hex. */
  md5Hex(text: string): string;
  /** Base64 of an ASCII string. */
  base64(ascii: string): string;
}

/** How a client writes a nested value (an object or an array) after `key=`. */
interface JsonStyle {
  /** `", "` and `": "` (Python's json.dumps) instead of `","` and `":"`. */
  spaced?: boolean;
  /** Object keys sorted (Java's TreeMap, Python's sort_keys) instead of as received. */
  sortedKeys?: boolean;
  /** Non-ASCII as `\uXXXX` (Python's and many Java serializers' default). */
  asciiOnly?: boolean;
  /** The signing page's JavaScript literal: `{barcode:'6983748939221',num:2}` (D-16). */
  pageLiteral?: boolean;
}

/** How a client's string to sign departs from the rule; every field absent is the rule's own. */
interface StringVariant {
  /** The secret's key (the rule: `app_sercet`). */
  secretKey?: string;
  /** Where the secret's pair goes (the rule: sorted in with the others). */
  secretAt?: 'sorted' | 'end' | 'none';
  /** Empty values (`null`, `""`, `{}`, `[]`) written instead of left out. */
  keepEmpty?: boolean;
  /** `sign_type` left out of the string. */
  withoutSignType?: boolean;
  /** `sign` written too, as the empty value it had while the client signed. */
  withEmptySign?: boolean;
  /** The pairs in the order received, or by value, instead of by key. */
  order?: 'received' | 'value';
  /** Only these keys (and the secret's pair), sorted like the rest. */
  only?: readonly string[];
  json?: JsonStyle;
  /** How an amount (`total_amount`, `price`, `refund_amount`) is written. */
  amounts?: 'two-decimals' | 'one-decimal' | 'string-as-number';
  /** Each value URL-encoded, as in a query string. */
  urlEncoded?: boolean;
  /** The sign in this encoding whatever the configured one (a formula that says plain MD5). */
  encoding?: SignEncoding;
}

interface MistakeText {
  /** Stable, for the journal, tests and links. */
  id: string;
  /** What the client did, in a sentence. */
  what: string;
  /** What to do instead. */
  fix: string;
  /** The decision in docs/discrepancies.md that tells of it. */
  decision?: string;
}

/** A mistake in the string to sign. */
interface StringMistake extends MistakeText {
  kind: 'string';
  variant: StringVariant;
}

/** A mistake in writing the MD5 as `sign`: the candidate signs it gives for the right digest. */
interface DigestMistake extends MistakeText {
  kind: 'digest';
  signs(md5: string, encoding: SignEncoding, digests: Pick<Md5Digests, 'base64'>): string[];
}

/** What is left when nothing reproduces the sign: a conclusion from its shape alone. */
interface ShapeMistake extends MistakeText {
  kind: 'shape';
  fits(sign: string, encoding: SignEncoding): boolean;
}

export type SigningMistake = StringMistake | DigestMistake | ShapeMistake;

const MD5_HEX = /^[0-9A-F]{32}$/;
const BASE64_OF_MD5_HEX = /^[A-Za-z0-9+/]{43}=$/;

export const SIGNING_MISTAKES: readonly SigningMistake[] = [
  {
    id: 'secret-key-app_secret',
    kind: 'string',
    variant: { secretKey: 'app_secret' },
    what: 'the secret was signed as app_secret=…, spelt correctly; the platform spells the key app_sercet',
    fix: 'write the pair as app_sercet=<secret>, misspelling included',
  },
  {
    id: 'secret-key-key',
    kind: 'string',
    variant: { secretKey: 'key' },
    what: 'the secret was signed as key=…, sorted in with the other pairs',
    fix: 'write the pair as app_sercet=<secret>',
  },
  {
    id: 'secret-trailing-key',
    kind: 'string',
    variant: { secretKey: 'key', secretAt: 'end' },
    what: "the secret was appended as &key=… after the sorted pairs, as in WeChat Pay's rule",
    fix: 'sort app_sercet=<secret> in with the other pairs instead of appending key=<secret>',
  },
  {
    id: 'secret-appended',
    kind: 'string',
    variant: { secretAt: 'end' },
    what: 'app_sercet=… was appended after the sorted pairs instead of sorted in with them',
    fix: 'sort the app_sercet pair in with the others, by key',
  },
  {
    id: 'secret-missing',
    kind: 'string',
    variant: { secretAt: 'none' },
    what: 'the secret is not in the string to sign at all',
    fix: 'add app_sercet=<secret> to the pairs before sorting',
  },
  {
    id: 'sign-type-left-out',
    kind: 'string',
    variant: { withoutSignType: true },
    what: "sign_type was left out of the string, as in the signing page's example",
    fix: 'sign sign_type like every other parameter',
    decision: 'D-25',
  },
  {
    id: 'sign-included',
    kind: 'string',
    variant: { withEmptySign: true },
    what: 'sign itself was signed, as the empty value it had while signing (sign=)',
    fix: 'leave sign out of the string, whatever its value',
  },
  {
    id: 'empty-kept',
    kind: 'string',
    variant: { keepEmpty: true },
    what: 'empty values (null, "", {} or []) were signed, as key=',
    fix: 'leave out every parameter whose value is null, "", {} or []',
    decision: 'D-29',
  },
  {
    id: 'unsorted',
    kind: 'string',
    variant: { order: 'received' },
    what: 'the pairs were signed in the order of the request, not sorted',
    fix: 'sort the pairs by key, in ASCII order',
  },
  {
    id: 'sorted-by-value',
    kind: 'string',
    variant: { order: 'value' },
    what: 'the pairs were sorted by value instead of by key',
    fix: 'sort the pairs by key, in ASCII order',
  },
  {
    id: 'nested-spaced',
    kind: 'string',
    variant: { json: { spaced: true } },
    what: 'nested values were written with spaces after , and : (Python\'s json.dumps default)',
    fix: 'write objects and arrays as compact JSON: separators "," and ":"',
    decision: 'D-16',
  },
  {
    id: 'nested-sorted-keys',
    kind: 'string',
    variant: { json: { sortedKeys: true } },
    what: 'the keys inside nested values were sorted',
    fix: 'sort only the top-level keys; write nested values with their keys in the order sent',
    decision: 'D-16',
  },
  {
    id: 'nested-ascii-escaped',
    kind: 'string',
    variant: { json: { asciiOnly: true } },
    what: 'non-ASCII characters inside nested values were written as \\u escapes',
    fix: 'write nested values as UTF-8, unescaped (ensure_ascii=False in Python)',
    decision: 'D-16',
  },
  {
    id: 'nested-page-literal',
    kind: 'string',
    variant: { json: { pageLiteral: true } },
    what: "nested values were written as the signing page prints them, {barcode:'…',num:2}: unquoted keys, single quotes",
    fix: 'write nested values as compact JSON, keys and strings in double quotes',
    decision: 'D-16',
  },
  {
    id: 'amount-two-decimals',
    kind: 'string',
    variant: { amounts: 'two-decimals' },
    what: 'an amount sent as a JSON number was signed with two decimals (11.00); a number is signed in its shortest form (11)',
    fix: 'send amounts as strings ("11.00") to have them signed as written, or sign the number in its shortest form',
    decision: 'D-33',
  },
  {
    id: 'amount-one-decimal',
    kind: 'string',
    variant: { amounts: 'one-decimal' },
    what: "an amount sent as a JSON number was signed as Java's or Python's float prints it (11.0); a number is signed in its shortest form (11)",
    fix: 'send amounts as strings ("11.00") to have them signed as written, or sign the number in its shortest form',
    decision: 'D-33',
  },
  {
    id: 'amount-string-as-number',
    kind: 'string',
    variant: { amounts: 'string-as-number' },
    what: 'an amount sent as a string ("11.00") was signed as a number (11); a string is signed as written',
    fix: 'sign the amount exactly as the request carries it',
    decision: 'D-33',
  },
  {
    id: 'url-encoded',
    kind: 'string',
    variant: { urlEncoded: true },
    what: 'the values were URL-encoded in the string to sign',
    fix: 'write every value as it is, unescaped',
  },
  {
    id: 'cancel-page-formula',
    kind: 'string',
    variant: { only: ['app_id', 'order_id', 'refund_amount'], encoding: 'hex' },
    what: "the cancel page's formula was used: plain MD5 of app_id, app_sercet, order_id (and refund_amount) alone",
    fix: 'sign every call by the general rule: all non-empty parameters, sign_type included',
    decision: 'D-40',
  },
  {
    id: 'hex-instead-of-base64',
    kind: 'digest',
    signs: (md5, encoding) => (encoding === 'base64' ? [md5] : []),
    what: 'the MD5 hex was sent as sign; this server takes the Base64 of that hex',
    fix: 'send Base64 of the upper-case hex, or set PAY_SIGN_ENCODING=hex if the server takes the hex',
    decision: 'D-14',
  },
  {
    id: 'base64-instead-of-hex',
    kind: 'digest',
    signs: (md5, encoding, digests) => (encoding === 'hex' ? [digests.base64(md5)] : []),
    what: 'the Base64 of the MD5 hex was sent as sign; this server takes the hex itself',
    fix: 'send the 32 upper-case hex characters, or set PAY_SIGN_ENCODING=base64 if the server takes Base64',
    decision: 'D-14',
  },
  {
    id: 'md5-lower-case',
    kind: 'digest',
    signs: (md5, encoding, digests) => {
      const lower = md5.toLowerCase();
      return encoding === 'hex' ? [lower] : [digests.base64(lower), lower];
    },
    what: 'the MD5 was written in lower-case hex',
    fix: 'write the MD5 in upper-case hex before encoding it',
    decision: 'D-14',
  },
  {
    id: 'wrong-secret',
    kind: 'shape',
    fits: (sign, encoding) => (encoding === 'hex' ? MD5_HEX : BASE64_OF_MD5_HEX).test(sign),
    what: 'the sign has the right form, but no common mistake in the string reproduces it: most likely another secret was signed (or a value changed after signing)',
    fix: "check the application's secret (PAY_APP_SECRET) and that nothing is changed after signing; paycheck verify --compare shows where your string departs from ours",
  },
];

const AMOUNT_KEYS = new Set(['total_amount', 'price', 'refund_amount']);

/** `value` as the variant's client writes it after `key=`. */
function writeValue(key: string, value: unknown, variant: StringVariant): string {
  let text: string;
  if (typeof value === 'string') text = variant.amounts === 'string-as-number' && AMOUNT_KEYS.has(key) && /^-?\d+(\.\d+)?$/.test(value) ? String(Number(value)) : value;
  else text = writeJson(key, value, variant);
  return variant.urlEncoded ? encodeURIComponent(text) : text;
}

function writeJson(key: string, value: unknown, variant: StringVariant): string {
  const style = variant.json ?? {};
  if (typeof value === 'number') {
    if (AMOUNT_KEYS.has(key) && Number.isFinite(value)) {
      if (variant.amounts === 'two-decimals') return value.toFixed(2);
      if (variant.amounts === 'one-decimal' && Number.isInteger(value)) return value.toFixed(1);
    }
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (style.pageLiteral) return `'${value}'`;
    const json = JSON.stringify(value);
    return style.asciiOnly ? json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  }
  const comma = style.spaced ? ', ' : ',';
  const colon = style.spaced ? ': ' : ':';
  if (Array.isArray(value)) return `[${value.map((item) => writeJson(key, item, variant)).join(comma)}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (style.sortedKeys) keys.sort();
    const name = (k: string) => (style.pageLiteral ? k : writeJson('', k, variant));
    return `{${keys.map((k) => `${name(k)}${colon}${writeJson(k, (value as Record<string, unknown>)[k], variant)}`).join(comma)}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The string to sign the variant's client builds; with no departure, canonicalString's. */
export function variantString(params: SignableParams, secret: string, variant: StringVariant): string {
  const secretKey = variant.secretKey ?? SECRET_KEY;
  const secretAt = variant.secretAt ?? 'sorted';
  const pairs: [key: string, value: string][] = [];
  const keys = variant.only ?? Object.keys(params);
  for (const key of keys) {
    if (key === SECRET_KEY || !(key in params)) continue;
    const value = params[key];
    if (key === 'sign') continue;
    if (key === 'sign_type' && variant.withoutSignType) continue;
    if (isEmptyValue(value) && !(variant.keepEmpty && value !== undefined)) continue;
    pairs.push([key, value === null ? 'null' : writeValue(key, value, variant)]);
  }
  if (variant.withEmptySign) pairs.push(['sign', '']);
  if (secretAt === 'sorted') pairs.push([secretKey, secret]);
  if (variant.order !== 'received') {
    const by = variant.order === 'value' ? 1 : 0;
    pairs.sort((a, b) => (a[by] < b[by] ? -1 : a[by] > b[by] ? 1 : 0));
  }
  if (secretAt === 'end') pairs.push([secretKey, secret]);
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

export interface SignDiagnosis {
  /** The string the verifier signed, the secret as `***` and the pay code masked. */
  signed: string;
  /** The mistakes whose sign is the one sent: usually one; none when no mistake reproduces it. */
  mistakes: MistakeText[];
}

export interface DiagnoseOptions {
  secret: string;
  encoding: SignEncoding;
}

function textOf(mistake: SigningMistake): MistakeText {
  const { id, what, fix, decision } = mistake;
  return decision === undefined ? { id, what, fix } : { id, what, fix, decision };
}

/**
 * Which common mistake makes the sign this MD5 request carries; `undefined` when it verifies, is
 * RSA or carries no sign. Costs an MD5 per mistake: for a failed signature, never the pay path.
 */
export function diagnoseSign(digests: Md5Digests, params: SignableParams, options: DiagnoseOptions): SignDiagnosis | undefined {
  const given = params.sign;
  if (typeof given !== 'string' || params.sign_type === 'RSA') return undefined;
  const encode = (md5: string, encoding: SignEncoding) => (encoding === 'hex' ? md5 : digests.base64(md5));
  const canonical = canonicalString(params, options.secret);
  const md5 = digests.md5Hex(canonical);
  if (encode(md5, options.encoding) === given) return undefined;
  const found: SigningMistake[] = [];
  for (const mistake of SIGNING_MISTAKES) {
    if (mistake.kind === 'string') {
      const text = variantString(params, options.secret, mistake.variant);
      if (text !== canonical && encode(digests.md5Hex(text), mistake.variant.encoding ?? options.encoding) === given) found.push(mistake);
    } else if (mistake.kind === 'digest') {
      if (mistake.signs(md5, options.encoding, digests).includes(given)) found.push(mistake);
    } else if (found.length === 0 && mistake.fits(given, options.encoding)) {
      // A conclusion, not a reproduction: the list puts it last, after every mistake that could reproduce the sign.
      found.push(mistake);
    }
  }
  return { signed: displayCanonical(params), mistakes: found.map(textOf) };
}

/** The diagnosis as lines for a terminal, each mistake with its fix. */
export function diagnosisLines(diagnosis: SignDiagnosis): string[] {
  if (diagnosis.mistakes.length === 0) return ['diagnosis: no common mistake reproduces this sign, and it is neither the hex nor the Base64 of an MD5'];
  return diagnosis.mistakes.flatMap((m) => [`diagnosis: ${m.id}: ${m.what}${m.decision ? ` (${m.decision})` : ''}`, `  fix: ${m.fix}`]);
}
