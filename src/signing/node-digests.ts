/** Node's digests for the signer. */
import { createHash, createSign, createVerify } from 'node:crypto';
import { createSigner, type Digests } from './signer.ts';

export const nodeDigests: Digests = {
  md5Hex: (text) => createHash('md5').update(text, 'utf8').digest('hex').toUpperCase(),
  base64: (ascii) => Buffer.from(ascii, 'latin1').toString('base64'),
  rsaSign: (text, key) => createSign('RSA-SHA256').update(text, 'utf8').sign(key, 'base64'),
  rsaVerify: (text, signature, key) => {
    try {
      return createVerify('RSA-SHA256').update(text, 'utf8').verify(key, signature, 'base64');
    } catch {
      return false;
    }
  },
};

export const nodeSigner = createSigner(nodeDigests);
