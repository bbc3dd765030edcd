/** How the MD5 digest becomes `sign` (D-13, D-14). One setting, `PAY_SIGN_ENCODING`. */
const SIGN_ENCODINGS = ['base64', 'hex'] as const;
export type SignEncoding = (typeof SIGN_ENCODINGS)[number];
const DEFAULT_SIGN_ENCODING: SignEncoding = 'base64';

export function parseSignEncoding(value: string | undefined): SignEncoding {
  if (value === undefined || value === '') return DEFAULT_SIGN_ENCODING;
  const lower = value.toLowerCase();
  if ((SIGN_ENCODINGS as readonly string[]).includes(lower)) return lower as SignEncoding;
  throw new RangeError(`PAY_SIGN_ENCODING must be one of ${SIGN_ENCODINGS.join(', ')}; got "${value}"`);
}
