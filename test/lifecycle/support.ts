/** Test-only helpers of the lifecycle tests: requests, the journal over HTTP, a clock that does not wait, captured CLI output. */
import type { CliIo } from '../../src/cli/io.ts';
import { parseCommand } from '../../src/cli/command.ts';
import { CHECKOUT } from '../../src/cli/commands.ts';
import { runCheckoutCommand } from '../../src/cli/checkout.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { type UnsignedPayRequest } from '../../src/kernel/factories/data-factory.ts';
import { nodeDataFactory } from '../../src/adapters/node/node-data-factory.ts';
import type { CheckoutClock } from '../../src/runners/checkout/checkout.ts';
import type { JournalEntry } from '../../src/kernel/journal-entry.ts';
import { journalEntriesOf } from '../../src/checks/audit/journal-input.ts';
import { parseAmount } from '../../src/kernel/money/money.ts';
import type { ManualClock } from '../../src/engine/index.ts';

const factory = nodeDataFactory({ seed: 6, app: DEMO_APP, encoding: 'base64', orderIdPrefix: `L${process.pid}` });

/** A pay request of the demo application with a fresh order id, no goods and no store. */
export function payRequest(amount: string, channel: 'wechat' | 'alipay' = 'wechat'): UnsignedPayRequest {
  const parsed = parseAmount(amount);
  if (!parsed.ok) throw new Error(parsed.reason);
  return factory.unsignedRequest({ channel, amountFen: parsed.fen, withStore: false });
}

export async function journalOf(baseUrl: string, orderId?: string): Promise<JournalEntry[]> {
  const query = orderId === undefined ? '' : `?order_id=${encodeURIComponent(orderId)}`;
  const response = await fetch(`${baseUrl}/__mock/journal${query}`);
  return journalEntriesOf(await response.json());
}

/** The checkout's clock as the mock's manual clock: a sleep moves time on instead of waiting. */
export function steppedClock(clock: ManualClock): CheckoutClock {
  return {
    now: () => clock.now(),
    sleep: async (ms) => clock.advance(ms),
  };
}

export function captureIo(stdin = '', env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin, env };
  return { io, out, err, text: () => out.join('\n'), errText: () => err.join('\n') };
}

/** `paycheck checkout ARGS` on a clock of the test's choosing. */
export function checkoutOn(clock: CheckoutClock, args: string[], io: CliIo): Promise<number> {
  return runCheckoutCommand(parseCommand(CHECKOUT, args, io.env), io, clock);
}
