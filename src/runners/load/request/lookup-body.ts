/**
 * The signed body that names one order to `/pay/get` and `/pay/cancel` (the spec's
 * OrderLookupRequest: `app_id`, `sign_type`, `order_id`, `sign`) — cut as a signing template once,
 * so a follow-up costs one MD5. Both calls take the same body; the cashier signs it once per open
 * order. Runtime-neutral.
 */
import type { SignEncoding } from '../../../kernel/signing/encoding.ts';
import type { Digests } from '../../../kernel/signing/signer.ts';
import { createSigningTemplate } from './signing-template.ts';

export function createLookupSigner(app: { appId: string; secret: string }, encoding: SignEncoding, digests: Digests): (orderId: string) => string {
  const template = createSigningTemplate({ app_id: app.appId, sign_type: 'MD5', order_id: '' }, ['order_id'], { secret: app.secret, encoding }, digests);
  return (orderId) => template.fill([orderId]).body;
}
