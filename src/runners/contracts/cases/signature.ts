/**
 * Signature attacks, a wrong app_id, and the flowchart's precedence when several things are wrong
 * at once (presence → format → app → signature → order).
 */
import { nodeSigner } from '../../../adapters/node/node-digests.ts';
import type { FaultClass } from '../../../kernel/codes.ts';
import type { CaseContext, ContractCase } from '../support/case-context.ts';

type Draft = Record<string, unknown>;

const otherEncoding = (ctx: CaseContext) => (ctx.client.options.encoding === 'base64' ? 'hex' : 'base64');
const signedWith = (draft: Draft, secret: string, encoding: 'base64' | 'hex') => nodeSigner.signed(draft, { secret, encoding });

function attack(title: string, build: (ctx: CaseContext) => Draft, fault: FaultClass = 'signature'): ContractCase {
  return { title, run: async (ctx) => void (await ctx.send(build(ctx), { expect: { fault } })) };
}

const UNKNOWN_APP = 'paycheck-no-such-app';

export const SIGNATURE_CASES: readonly ContractCase[] = [
  attack('a signed field changed after signing (total_amount): signature fault', (ctx) => ({ ...ctx.client.sign(ctx.draft()), total_amount: '0.01' })),
  attack('a nested signed value changed after signing (goods title): signature fault', (ctx) => {
    const signed = ctx.client.sign(ctx.draft());
    return { ...signed, goods_list: signed.goods_list?.map((g) => ({ ...g, title: `${g.title}!` })) };
  }),
  attack('signed with a wrong secret: signature fault', (ctx) => signedWith(ctx.draft(), `${ctx.target.app.secret}x`, ctx.client.options.encoding)),
  attack('signed in the other encoding (hex ↔ base64): signature fault', (ctx) => signedWith(ctx.draft(), ctx.target.app.secret, otherEncoding(ctx))),
  attack('a signature copied from another request: signature fault', (ctx) => ({ ...ctx.client.sign(ctx.draft()), sign: ctx.client.sign(ctx.draft()).sign })),
  attack('sign_type switched to RSA after an MD5 signature: signature fault', (ctx) => ({ ...ctx.client.sign(ctx.draft()), sign_type: 'RSA' })),
  attack('a sign of the right shape but nothing signed: signature fault', (ctx) => ({ ...ctx.draft(), sign: 'QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=' })),
  attack('an unknown app_id, correctly signed: AppID fault', (ctx) => ctx.client.sign({ ...ctx.draft(), app_id: UNKNOWN_APP }), 'appId'),
];

export const PRECEDENCE_CASES: readonly ContractCase[] = [
  attack('missing total_amount and a bad signature: missing wins (3001)', (ctx) => {
    const { total_amount: _, ...rest } = ctx.draft();
    return { ...rest, sign: 'QUFBQQ==' };
  }, 'missing'),
  attack('missing order_id and a bad amount: missing wins (3001)', (ctx) => {
    const { order_id: _, ...rest } = ctx.draft();
    return ctx.client.sign({ ...rest, total_amount: '1.001' });
  }, 'missing'),
  attack('a bad amount, an unknown app_id and a bad signature: format wins (3002)', (ctx) => ({ ...ctx.draft(), app_id: UNKNOWN_APP, total_amount: '1.001', sign: 'QUFBQQ==' }), 'format'),
  attack('an unknown app_id and a bad signature: AppID wins', (ctx) => ({ ...ctx.draft(), app_id: UNKNOWN_APP, sign: 'QUFBQQ==' }), 'appId'),
  {
    title: 'a bad signature on a repeat of a paid order: signature wins over the repeat',
    tags: ['@moves-money'],
    run: async (ctx) => {
      const first = await ctx.pay(ctx.request(), { expect: { outcome: 'paid' } });
      await ctx.send({ ...(first.request.json as Draft), sign: 'QUFBQQ==' }, { expect: { fault: 'signature' } });
    },
  },
];
