/**
 * Step 2, values well-formed (参数值验证) → else 3002: an unreadable body, any schema error left
 * after the presence step, or an amount parseAmount refuses (e.g. three decimals sent as a number).
 * Passing, the request's amount is known, and with it the scenario.
 */
import type { Code } from '../../../src/codes.ts';
import { parseAmount, type Fen } from '../../../src/money/money.ts';
import type { Scenario } from '../scenarios.ts';
import type { PayContext, Step } from '../pay-context.ts';

export function formatStep(formatCode: Code, chooseScenario: (ctx: PayContext, totalFen: Fen) => Scenario): Step {
  return {
    name: 'format',
    run(ctx) {
      const body = ctx.body;
      if (body?.kind === 'unreadable') return { code: formatCode, reason: body.reason };
      const params = ctx.params;
      if (params === undefined) {
        const first = ctx.schemaErrors?.[0];
        return { code: formatCode, reason: first ? `${first.instancePath || 'body'} ${first.message ?? 'is malformed'}` : 'the body is malformed' };
      }
      const amount = parseAmount(params.total_amount);
      if (!amount.ok) return { code: formatCode, reason: `total_amount: ${amount.reason}` };
      ctx.totalFen = amount.fen;
      ctx.scenario = chooseScenario(ctx, amount.fen);
      return undefined;
    },
  };
}
