/** Step 4, signature valid (签名验证) → else 3004 (table dialect 2000). The signer is injected. */
import type { Code } from '../../../src/codes.ts';
import type { SignEncoding } from '../../../src/signing/encoding.ts';
import type { Signer } from '../../../src/signing/signer.ts';
import type { Step } from '../pay-context.ts';

export function signatureStep(signer: Signer, encoding: SignEncoding, signatureCode: Code): Step {
  return {
    name: 'signature',
    run(ctx) {
      const app = ctx.app!;
      const ok = signer.verify(ctx.params!, { secret: app.secret, encoding, rsaPublicKey: app.rsaPublicKey });
      if (ok) return undefined;
      return { code: signatureCode, reason: `sign does not verify (sign_type ${ctx.params!.sign_type}, encoding ${encoding})` };
    },
  };
}
