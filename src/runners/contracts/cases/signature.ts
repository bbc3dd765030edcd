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

/** A sign of the configured encoding's shape that signs nothing: 32 hex characters, or their 44-character Base64. */
const shapedNothing = (ctx: CaseContext) => (ctx.client.options.encoding === 'hex' ? 'A'.repeat(32) : 'QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=');

const UNKNOWN_APP = 'paycheck-no-such-app';

export const SIGNATURE_CASES: readonly ContractCase[] = [
  attack('a signed field changed after signing (total_amount): signature fault', (ctx) => ({ ...ctx.client.sign(ctx.draft()), total_amount: '0.01' })),
  attack('a nested signed value changed after signing (goods title): signature fault', (ctx) => {
    const signed = ctx.client.sign(ctx.draft());
    return { ...signed, goods_list: signed.goods_list?.map((g) => ({ ...g, title: `${g.title}!` })) };
  }),
  attack('signed with a wrong secret: signature fault', (ctx) => signedWith(ctx.draft(), `${ctx.target.app.secret}x`, ctx.client.options.encoding)),
  {
    // A Base64 sign is longer than the seed table's 32: a server holding sign to 32 answers 3002 for it (D-13).
    title: 'signed in the other encoding (hex ↔ base64): signature fault (for a Base64 sign, 3002 where sign is held to 32)',
    run: async (ctx) => {
      const other = otherEncoding(ctx);
      await ctx.send(signedWith(ctx.draft(), ctx.target.app.secret, other), { expect: other === 'base64' ? { reading: 'sign-length' } : { fault: 'signature' }, probe: ['format', 'signature'] });
    },
  },
  attack('a signature copied from another request: signature fault', (ctx) => ({ ...ctx.client.sign(ctx.draft()), sign: ctx.client.sign(ctx.draft()).sign })),
  attack('sign_type switched to RSA after an MD5 signature: signature fault', (ctx) => ({ ...ctx.client.sign(ctx.draft()), sign_type: 'RSA' })),
  attack('a sign of the right shape but nothing signed: signature fault', (ctx) => ({ ...ctx.draft(), sign: shapedNothing(ctx) })),
  attack('an unknown app_id, correctly signed: AppID fault', (ctx) => ctx.client.sign({ ...ctx.draft(), app_id: UNKNOWN_APP }), 'appId'),
];

export const PRECEDENCE_CASES: readonly ContractCase[] = [
  attack('missing total_amount and a bad signature: missing wins (3001)', (ctx) => {
    const { total_amount: _, ...rest } = ctx.draft();
    return { ...rest, sign: 'QUFBQQ==' };
  }, 'missing'),
  // The format fault is one the seed's own table sets (sign_type MD5 or RSA), so every reading of it agrees.
  attack('missing order_id and a bad sign_type: missing wins (3001)', (ctx) => {
    const { order_id: _, ...rest } = ctx.draft();
    return ctx.client.sign({ ...rest, sign_type: 'SHA1' });
  }, 'missing'),
  attack('a bad sign_type, an unknown app_id and a bad signature: format wins (3002)', (ctx) => ({ ...ctx.draft(), app_id: UNKNOWN_APP, sign_type: 'SHA1', sign: 'QUFBQQ==' }), 'format'),
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
