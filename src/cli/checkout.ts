/**
 * `paycheck checkout --amount A [--pay-code C]`: the reference cashier flow (src/runners/
 * checkout/checkout.ts) against the mock or, allowed explicitly, another target, with its timeline.
 * Exit 0 when the order ended paid, 1 when it ended otherwise, 2 on bad input, 3 when the target does not answer.
 */
import { appCredentialsFrom, DEFAULT_BASE_URL, isLoopbackUrl, signEncodingFrom } from '../kernel/settings.ts';
import { channelOfPayCode, type Channel } from '../kernel/channel.ts';
import { nodeDataFactory } from '../adapters/node/node-data-factory.ts';
import { seedFrom } from '../kernel/factories/random-source.ts';
import { runCheckout, type CheckoutClock, type CheckoutResult } from '../runners/checkout/checkout.ts';
import { outcomeLine, timelineLine } from '../runners/checkout/timeline.ts';
import { parseAmount } from '../kernel/money/money.ts';
import { createMask, maskPayCode } from '../kernel/redaction/mask.ts';
import { PaycheckError } from '../kernel/errors.ts';
import { requireBaseUrl } from '../kernel/base-url.ts';
import type { ParsedCommand } from './command.ts';
import type { CHECKOUT } from './commands.ts';
import { setting } from './harness-error.ts';
import type { CliIo } from './io.ts';
import { requireUsableTarget } from './target-gate.ts';

/** `clock` lets tests run the flow without waiting. */
export async function runCheckoutCommand({ values }: ParsedCommand<typeof CHECKOUT.options>, io: CliIo, clock?: CheckoutClock): Promise<number> {
  if (values.amount === undefined) throw new PaycheckError('PAYCHECK_USAGE', 'say how much: --amount A (yuan, e.g. 0.01)');
  const amount = parseAmount(values.amount);
  if (!amount.ok) throw new PaycheckError('PAYCHECK_USAGE', `--amount: ${amount.reason}`);
  const channel = channelOption(values.channel);
  const payCode = values['pay-code'];
  if (payCode !== undefined) {
    const of = channelOfPayCode(payCode);
    if (!of) throw new PaycheckError('PAYCHECK_USAGE', `--pay-code ${maskPayCode(payCode)} is neither a WeChat (18 digits, 10–15…) nor an Alipay (16–24 digits, 25–30…) pay code`);
    if (channel && channel !== of) throw new PaycheckError('PAYCHECK_USAGE', `--pay-code is a ${of} code, but --channel says ${channel}`);
  }
  const scenario = values.scenario;
  if (scenario !== undefined && !/^[A-Za-z_]{1,64}$/.test(scenario)) throw new PaycheckError('PAYCHECK_USAGE', `--scenario "${scenario}" is not a scenario name`);
  const timeScale = values['time-scale'] ?? 1;
  const baseUrl = values['base-url'] ?? DEFAULT_BASE_URL;
  requireBaseUrl(baseUrl);
  const remote = !isLoopbackUrl(baseUrl);
  if (remote && !values['allow-remote']) throw new PaycheckError('PAYCHECK_REMOTE_REFUSED', `refusing ${baseUrl}: not loopback — pass --allow-remote for a live target (real pay codes move real money)`);
  const app = setting(() => appCredentialsFrom(io.env));
  const encoding = setting(() => signEncodingFrom(io.env));
  const seed = setting(() => seedFrom(io.env));

  const factory = nodeDataFactory({ seed, app, encoding });
  const request = factory.unsignedRequest({ channel: payCode ? channelOfPayCode(payCode) : channel, amountFen: amount.fen, withStore: false });
  if (payCode !== undefined) request.pay_code = payCode;

  if (remote) io.err(`warning: sending to ${baseUrl}, not the mock — real pay codes move real money`);
  // A target that cannot be used ends here, exit 3, before an order is paid.
  io.err(`paycheck checkout: ${await requireUsableTarget(baseUrl, io.env)}`);
  io.out(`checkout ${request.total_amount} yuan, order ${request.order_id}, pay code ${maskPayCode(request.pay_code)}, ${baseUrl}, app ${app.appId}, sign encoding ${encoding}${scenario ? `, scenario ${scenario}` : ''}${timeScale === 1 ? '' : `, time scale ${timeScale}`} (seed ${seed})`);
  const mask = createMask({ secrets: [app.secret] });
  const result: CheckoutResult = await runCheckout({
    target: { baseUrl, app, encoding, allowRemote: remote },
    request,
    scenario,
    policy: { timeScale },
    clock,
    onStep: (step) => io.out(timelineLine(step, mask)),
  });
  io.out(outcomeLine(result));
  if (result.outcome === 'unreachable') throw new PaycheckError('PAYCHECK_TARGET_UNREACHABLE', `cannot reach ${baseUrl}${remote ? '' : " (start the mock: 'npx paycheck mock')"}`);
  return result.outcome === 'paid' ? 0 : 1;
}

function channelOption(value: string | undefined): Channel | undefined {
  if (value === undefined || value === 'wechat' || value === 'alipay') return value;
  throw new PaycheckError('PAYCHECK_USAGE', `--channel must be wechat or alipay, not "${value}"`);
}
