/**
 * The load path's signer: a request whose fields are fixed but for a few string values
 * (`order_id`, `pay_code`) is signed and serialized per request by joining pre-cut pieces,
 * hashing, and joining again — no object copies, no sort, no JSON.stringify in the timed part.
 *
 * The pieces are cut from the shared signer's own output (`canonicalString`, then JSON) with
 * placeholder values, so the rule lives in one place; the result equals
 * `JSON.stringify(signer.signed(request))` byte for byte — each template proves it once against
 * the shared signer when it is made, and signing-template.test.ts over many orders. Runtime-
 * neutral: the digests are injected, as for `createSigner`.
 */
import { canonicalString, type SignableParams } from '../../../kernel/signing/canonical.ts';
import type { SignEncoding } from '../../../kernel/signing/encoding.ts';
import { createSigner, type Digests } from '../../../kernel/signing/signer.ts';

export interface TemplateSignOptions {
  secret: string;
  encoding: SignEncoding;
}

export interface SigningTemplate {
  /** `values[i]` fills `keys[i]`. Values must be non-empty and need no JSON escaping. */
  fill(values: readonly string[]): { sign: string; body: string };
}

// Private-use characters: never in real data, and JSON.stringify leaves them unescaped.
const placeholder = (i: number): string => `\uE000${i}\uE001`;
const SIGN_SLOT = -1;
const PLACEHOLDER = /\uE000(-?\d+)\uE001/g;

interface Cut {
  pieces: string[];
  /** Which value goes after `pieces[i]` (`SIGN_SLOT` for the signature). */
  slots: number[];
}

function cut(text: string, expected: number): Cut {
  const pieces: string[] = [];
  const slots: number[] = [];
  let last = 0;
  PLACEHOLDER.lastIndex = 0;
  // An exec loop rather than matchAll: k6's JavaScript engine runs this too.
  for (let m = PLACEHOLDER.exec(text); m !== null; m = PLACEHOLDER.exec(text)) {
    pieces.push(text.slice(last, m.index));
    slots.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  pieces.push(text.slice(last));
  if (slots.length !== expected || new Set(slots).size !== expected) throw new Error('signing template: a placeholder was lost or repeated');
  return { pieces, slots };
}

function join(cutText: Cut, values: readonly string[], sign: string): string {
  const { pieces, slots } = cutText;
  let out = pieces[0];
  for (let i = 0; i < slots.length; i++) out += (slots[i] === SIGN_SLOT ? sign : values[slots[i]]) + pieces[i + 1];
  return out;
}

/**
 * `request` is the unsigned request in its final key order, with any value at `keys` (they
 * are replaced). MD5 only: RSA has no place on the load path.
 */
export function createSigningTemplate(
  request: SignableParams,
  keys: readonly string[],
  options: TemplateSignOptions,
  digests: Digests,
): SigningTemplate {
  if (request.sign_type !== 'MD5') throw new Error('signing template: sign_type must be MD5');
  const shaped: Record<string, unknown> = {};
  for (const key of Object.keys(request)) if (key !== 'sign') shaped[key] = request[key];
  keys.forEach((key, i) => {
    if (!(key in shaped)) throw new Error(`signing template: the request has no ${key}`);
    shaped[key] = placeholder(i);
  });
  const canonical = cut(canonicalString(shaped, options.secret), keys.length);
  const body = cut(JSON.stringify({ ...shaped, sign: placeholder(SIGN_SLOT) }), keys.length + 1);
  const hex = options.encoding === 'hex';
  const template: SigningTemplate = {
    fill(values) {
      const md5 = digests.md5Hex(join(canonical, values, ''));
      const sign = hex ? md5 : digests.base64(md5);
      return { sign, body: join(body, values, sign) };
    },
  };
  const probe = keys.map((_, i) => `probe${i}`);
  const expected = JSON.stringify(createSigner(digests).signed({ ...shaped, ...Object.fromEntries(keys.map((k, i) => [k, probe[i]])) }, options));
  if (template.fill(probe).body !== expected) throw new Error('signing template: differs from the shared signer for this request');
  return template;
}
