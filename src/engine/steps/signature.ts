/**
 * Step 4, signature valid (签名验证) → else 3004 (table dialect 2000), with the signing mistake
 * that made the sign when a common one did. The signer is injected.
 */
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
      const signed = params as unknown as Record<string, unknown>;
      const options = { secret: app.secret, encoding, rsaPublicKey: app.rsaPublicKey };
      if (signer.verify(signed, options)) return undefined;
      // Only a refused sign pays for the diagnosis (an MD5 per known mistake); the journal keeps it.
      return { code: signatureCode, reason: `sign does not verify (sign_type ${params.sign_type}, encoding ${encoding})`, signDiagnosis: signer.diagnose(signed, options) };
    },
  };
}
