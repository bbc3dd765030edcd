/**
 * Error-code dialects (D-17): each fault class is accepted in the flowchart's or the seed table's
 * code, the dialect seen is reported, PAY_ERROR_CODES demands one, and one target must not mix.
 */
import type { ContractCase } from '../support/case-context.ts';

export const DIALECT_CASES: readonly ContractCase[] = [
  {
    title: 'AppID and signature faults come in one dialect',
    run: async (ctx) => {
      const appId = await ctx.send(ctx.client.sign({ ...ctx.draft(), app_id: 'paycheck-no-such-app' }), { expect: { fault: 'appId' } });
      const signature = await ctx.send({ ...ctx.draft(), sign: 'QUFBQQ==' }, { expect: { fault: 'signature' } });
      const dialect = (code: unknown) => (code === 3003 || code === 3004 ? 'flowchart' : code === 3000 || code === 2000 ? 'table' : 'neither');
      const codes = [appId, signature].map((e) => (e.response?.body as { code?: unknown } | undefined)?.code);
      ctx.require(dialect(codes[0]) === dialect(codes[1]), signature, {
        path: '$.code', expected: `the ${dialect(codes[0])} dialect, as for the AppID fault (${String(codes[0])})`, actual: String(codes[1]),
        message: 'one target answers every fault class in one dialect',
      });
    },
  },
];
