/**
 * The raw body as the flowchart's first two steps see it: nothing there (→ 3001), unreadable
 * (→ 3002: wrong content type, invalid UTF-8, not JSON — a leading byte order mark included —, a
 * key twice in one object, nesting past MAX_JSON_DEPTH, a number JSON.parse rounds), or a JSON value. An unreadable body is 3002 even when fields are missing: what
 * cannot be read unambiguously has no fields to count. JSON.parse makes `__proto__` an own data
 * property, so such keys cannot touch prototypes; the schema then refuses them as unknown fields.
 */
import { describeJsonShapeProblem, jsonShapeProblem } from '../kernel/json-shape.ts';
import { firstLooseNumber } from '../kernel/money/json-number-text.ts';

export type BodyRead = { kind: 'empty' } | { kind: 'unreadable'; reason: string } | { kind: 'json'; value: unknown };

// ignoreBOM keeps a leading byte order mark in the text, to be refused as the HTTP server's string of the same bytes is: by default TextDecoder drops it, and MSW's bytes were read past it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readJsonBody(contentType: string | undefined, body: string | Uint8Array): BodyRead {
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else {
    if (body.length === 0) return EMPTY;
    try {
      text = utf8.decode(body);
    } catch {
      return { kind: 'unreadable', reason: 'the body is not valid UTF-8' };
    }
  }
  if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return EMPTY;
  const typeProblem = contentTypeProblem(contentType);
  if (typeProblem) return { kind: 'unreadable', reason: typeProblem };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Named, since the mark prints as nothing: the body looks like JSON to whoever reads the log.
    return { kind: 'unreadable', reason: text.charCodeAt(0) === 0xfeff ? 'the body begins with a byte order mark (U+FEFF), which JSON sent over a network must not (RFC 8259)' : 'the body is not JSON' };
  }
  const shape = jsonShapeProblem(text, value);
  if (shape !== undefined) return { kind: 'unreadable', reason: describeJsonShapeProblem('the body', shape) };
  const loose = firstLooseNumber(text);
  if (loose !== undefined) return { kind: 'unreadable', reason: `the number ${loose.slice(0, 32)} is not a plain decimal with at most two decimals (D-6)` };
  return { kind: 'json', value };
}

const EMPTY: BodyRead = { kind: 'empty' };

/** `application/json`, optionally with `charset=utf-8`; anything else is named. */
export function contentTypeProblem(value: string | undefined): string | undefined {
  if (value === 'application/json' || value === 'application/json; charset=utf-8') return undefined;
  if (value === undefined || value === '') return 'no Content-Type: expected application/json';
  const [media, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  if (media !== 'application/json') return `Content-Type ${media} is not application/json`;
  for (const param of params) {
    const [name, raw = ''] = param.split('=');
    const charset = raw.replace(/^"|"$/g, '');
    if (name === 'charset' && charset !== 'utf-8' && charset !== 'utf8') return `charset ${charset} is not UTF-8`;
  }
  return undefined;
}
