/** Parallel requests: one order sent many times at once is paid at most once; distinct orders get distinct trade_no. */
import type { ContractCase } from '../support/case-context.ts';

const PARALLEL = 8;

export const CONCURRENCY_CASES: readonly ContractCase[] = [
  {
    title: `${PARALLEL} identical requests at once: at most one success, the rest are repeats`,
    tags: ['@moves-money'],
    run: async (ctx) => {
      const signed = ctx.client.sign(ctx.request());
      const exchanges = await Promise.all(Array.from({ length: PARALLEL }, () => ctx.send(signed, { expect: { codes: [1000, 1003, 1007] } })));
      ctx.group(exchanges);
    },
  },
  {
    title: `${PARALLEL} different orders at once: all paid, every trade_no distinct`,
    tags: ['@moves-money'],
    run: async (ctx) => {
      await Promise.all(Array.from({ length: PARALLEL }, () => ctx.pay(ctx.request(), { expect: { outcome: 'paid' } })));
    },
  },
];
