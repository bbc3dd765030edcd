/**
 * Step 2, values well-formed (参数值验证) → else 3002: an unreadable body, any schema error left
 * after the presence step, or what the call's own check refuses (the pay call's amount, which
 * then also picks the scenario; a refund's amount).
 */
import type { Code } from '../../kernel/codes.ts';
import type { Answer, CallContext, Step } from '../pay-context.ts';

export function formatStep<C extends CallContext>(formatCode: Code, accept?: (ctx: C) => Answer | undefined): Step<C> {
  return {
    name: 'format',
    run(ctx) {
      const body = ctx.body;
      if (body?.kind === 'unreadable') return { code: formatCode, reason: body.reason };
      if (ctx.params === undefined) {
        const first = ctx.schemaErrors?.[0];
        return { code: formatCode, reason: first ? `${first.instancePath || 'body'} ${first.message ?? 'is malformed'}` : 'the body is malformed' };
      }
      return accept?.(ctx);
    },
  };
}
