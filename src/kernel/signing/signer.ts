/**
 * Signing and verification over the canonical string. Runtime-neutral: each runtime injects its
 * digests (Node: `node-digests.ts`; k6: `src/runners/load/k6/lib/k6-digests.ts`).
 */
import { canonicalString, isMissingValue, type SignableParams } from './canonical.ts';
import type { SignEncoding } from './encoding.ts';
import { diagnoseSign, type SignDiagnosis } from './mistakes.ts';
import { DIALECT_CODES } from '../codes.ts';

/** The sign types the API takes, spelt exactly so (openapi.yaml's enum, D-47): a server answers `md5` with 3002, never as MD5. */
export const SIGN_TYPES = ['MD5', 'RSA'] as const;
export type SignType = (typeof SIGN_TYPES)[number];

export interface Digests {
  /** MD5 of the UTF-8 bytes, upper-case hex. */
  md5Hex(text: string): string;
  /** Base64 of an ASCII string. */
  base64(ascii: string): string;
  /** SHA256withRSA, PKCS#1 v1.5, Base64 (D-26). Absent where a runtime cannot sign RSA. */
  rsaSign?(text: string, privateKeyPem: string): string;
  rsaVerify?(text: string, signature: string, publicKeyPem: string): boolean;
}

export interface SignOptions {
  secret: string;
  encoding: SignEncoding;
  /** For `sign_type` RSA only. */
  rsaPrivateKey?: string;
  rsaPublicKey?: string;
}

export interface Signature {
  /** The string that was signed, with the real secret in it: never print it unmasked. */
  canonical: string;
  /** Upper-case MD5 hex, for MD5. */
  md5?: string;
  sign: string;
}

/** The algorithm a request is signed with: RSA for `RSA`, MD5 for anything else — which only MD5 and RSA survive (signTypeRefusal). */
export function signTypeOf(params: SignableParams): SignType {
  return params.sign_type === 'RSA' ? 'RSA' : 'MD5';
}

export interface SignTypeRefusal {
  /** What the API answers, in both dialects: 3001 missing, 3002 format. */
  code: number;
  reason: string;
}

/**
 * Why the API refuses a request for its sign_type before it checks any sign, or undefined for MD5
 * and RSA. Absent, `null` or `""` is a missing parameter (3001, D-50), as the mock's presence step has it;
 * any other value a format error (3002, D-47). The sign of such a request is never checked, so no
 * sign of it is valid: signTypeOf's MD5 is only how paycheck signs it.
 */
export function signTypeRefusal(params: SignableParams): SignTypeRefusal | undefined {
  const given = params.sign_type;
  if ((SIGN_TYPES as readonly unknown[]).includes(given)) return undefined;
  if (isMissingValue(given)) return { code: DIALECT_CODES.missing.flowchart, reason: `the request has no sign_type (${given === undefined ? 'absent' : JSON.stringify(given)}): a missing parameter` };
  return { code: DIALECT_CODES.format.flowchart, reason: `sign_type ${JSON.stringify(given)} is neither ${SIGN_TYPES.map((type) => `"${type}"`).join(' nor ')}, the only values taken (case counts): a format error` };
}

export function createSigner(digests: Digests) {
  function signature(params: SignableParams, options: SignOptions): Signature {
    if (signTypeOf(params) === 'RSA') {
      if (!digests.rsaSign) throw new Error('RSA signing is not available in this runtime');
      if (!options.rsaPrivateKey) throw new Error('sign_type RSA needs a private key (--private-key or PAY_RSA_PRIVATE_KEY_FILE)');
      const canonical = canonicalString(params);
      return { canonical, sign: digests.rsaSign(canonical, options.rsaPrivateKey) };
    }
    const canonical = canonicalString(params, options.secret);
    const md5 = digests.md5Hex(canonical);
    return { canonical, md5, sign: options.encoding === 'hex' ? md5 : digests.base64(md5) };
  }

  function verify(params: SignableParams, options: SignOptions): boolean {
    const given = params.sign;
    if (typeof given !== 'string') return false;
    if (signTypeOf(params) === 'RSA') {
      if (!digests.rsaVerify || !options.rsaPublicKey) return false;
      return digests.rsaVerify(canonicalString(params), given, options.rsaPublicKey);
    }
    return constantTimeEqual(signature(params, options).sign, given);
  }

  return {
    signature,
    sign: (params: SignableParams, options: SignOptions): string => signature(params, options).sign,
    verify,
    /** Which common signing mistake made this MD5 request's sign (mistakes.ts); undefined when it verifies. */
    diagnose: (params: SignableParams, options: SignOptions): SignDiagnosis | undefined => diagnoseSign(digests, params, options),
    /** The same request with `sign` filled in, `sign` placed last. */
    signed<T extends SignableParams>(params: T, options: SignOptions): T & { sign: string } {
      const { sign: _old, ...rest } = params as SignableParams;
      return { ...rest, sign: signature(params, options).sign } as T & { sign: string };
    },
  };
}

export type Signer = ReturnType<typeof createSigner>;

/** Compares without an early exit, so timing does not reveal how much of a signature matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
