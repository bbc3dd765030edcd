/** k6's digests for the shared signer: `k6/crypto` MD5 and `k6/encoding` Base64. */
import { md5 } from 'k6/crypto';
import { b64encode } from 'k6/encoding';
import type { Digests } from '../../../../kernel/signing/signer.ts';

export const k6Digests: Digests = {
  // k6 hashes a string's UTF-8 bytes and writes lower-case hex; the rule wants upper case.
  md5Hex: (text) => md5(text, 'hex').toUpperCase(),
  base64: (ascii) => b64encode(ascii),
};
