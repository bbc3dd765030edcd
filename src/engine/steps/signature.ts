/**
 * Step 4, signature valid (签名验证) → else 3004 (table dialect 2000), with the signing mistake
 * that made the sign when a common one did. The signer is injected.
 */
import type { Code } from '../../kernel/codes.ts';
import type { SignEncoding } from '../../kernel/signing/encoding.ts';
import type { Signer } from '../../kernel/signing/signer.ts';
import type { CallContext, Step } from '../pay-context.ts';

/**
 * Refused signs a second, per call, that get their diagnosis. A diagnosis costs an MD5 per known
 * mistake, several times what the whole answer costs: a load test signed with the wrong secret
 * ran the mock at a third of its speed. The journal and the console want examples, not all of
 * them; past this many in a second a refusal is journaled without one.
 */
export const SIGN_DIAGNOSES_PER_SECOND = 50;

export function signatureStep<C extends CallContext>(signer: Signer, encoding: SignEncoding, signatureCode: Code): Step<C> {
  let second = Number.NaN;
  let diagnosed = 0;
  // By the request's own time (the engine's clock), so that a test's manual clock moves it too.
  const mayDiagnose = (now: number): boolean => {
    const at = Math.floor(now / 1000);
    if (at !== second) {
      second = at;
      diagnosed = 0;
    }
    return diagnosed++ < SIGN_DIAGNOSES_PER_SECOND;
  };
  return {
    name: 'signature',
    run(ctx) {
      const app = ctx.app!;
      const params = ctx.params!;
      const signed = params as unknown as Record<string, unknown>;
      const options = { secret: app.secret, encoding, rsaPublicKey: app.rsaPublicKey };
      if (signer.verify(signed, options)) return undefined;
      const reason = `sign does not verify (sign_type ${params.sign_type}, encoding ${encoding})`;
      return { code: signatureCode, reason, signDiagnosis: mayDiagnose(ctx.now) ? signer.diagnose(signed, options) : undefined };
    },
  };
}
