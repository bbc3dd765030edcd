/** Test double for `k6/crypto`: md5 of the string's UTF-8 bytes, lower-case hex like k6. */
import { createHash } from 'node:crypto';

export function md5(input: string, encoding: 'hex'): string {
  return createHash('md5').update(input, 'utf8').digest(encoding);
}
