/**
 * Hostile status callbacks, as WeChat's sandbox sends them to test a receiver. One grammar for the
 * `X-Mock-Callback` header and the `--callback-variants` / `MOCK_CALLBACK_VARIANTS` setting: a
 * comma-separated list of `name[:rate]` (`rate` 0–1, default 1, rolled per callback).
 */
import { MockControlError } from '../control-error.ts';
import { parseRate } from '../faults.ts';

export const CALLBACK_VARIANTS = {
  duplicate: 'the same callback is delivered twice',
  'bad-signature': 'sign does not verify (signed with another secret)',
  'mismatch-order-id': "data.order_id names another order (validly signed)",
  'mismatch-status': "data.order_status is not the order's status (validly signed)",
  'out-of-order': "held back until the order's next callback has been sent (or the hold time passes)",
} as const;

export type CallbackVariant = keyof typeof CALLBACK_VARIANTS;
export const CALLBACK_VARIANT_NAMES = Object.keys(CALLBACK_VARIANTS) as CallbackVariant[];

export interface CallbackVariantSpec {
  variant: CallbackVariant;
  rate: number;
}

const ITEM = /^([a-z-]+)(?::([0-9.]+))?$/;

export function parseCallbackVariants(text: string | undefined, source: string): CallbackVariantSpec[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((raw) => {
    const match = ITEM.exec(raw.trim().toLowerCase());
    if (!match) throw new MockControlError(`${source}: cannot read callback variant "${raw.trim()}" (name[:rate])`);
    const [, name, rateText] = match;
    if (!Object.hasOwn(CALLBACK_VARIANTS, name)) {
      throw new MockControlError(`${source}: unknown callback variant "${name}"; known: ${CALLBACK_VARIANT_NAMES.join(', ')}`);
    }
    return { variant: name as CallbackVariant, rate: parseRate(rateText, source) };
  });
}
