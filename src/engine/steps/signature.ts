/** Step 4, signature valid (签名验证) → else 3004 (table dialect 2000). The signer is injected. */
import type { Code } from '../../kernel/codes.ts';
import type { SignEncoding } from '../../kernel/signing/encoding.ts';
import type { Signer } from '../../kernel/signing/signer.ts';
import type { CallContext, Step } from '../pay-context.ts';

export function signatureStep<C extends CallContext>(signer: Signer, encoding: SignEncoding, signatureCode: Code): Step<C> {
  return {
    name: 'signature',
    run(ctx) {
      const app = ctx.app!;
      const params = ctx.params!;
      const ok = signer.verify(params as unknown as Record<string, unknown>, { secret: app.secret, encoding, rsaPublicKey: app.rsaPublicKey });
      if (ok) return undefined;
      return { code: signatureCode, reason: `sign does not verify (sign_type ${params.sign_type}, encoding ${encoding})` };
    },
  };
}
