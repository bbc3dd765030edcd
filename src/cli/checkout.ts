/**
 * `paycheck checkout --amount A [--pay-code C]`: the reference cashier flow (src/lifecycle/
 * checkout.ts) against the mock or, allowed explicitly, another target, with its timeline.
 * Exit 0 when the order ended paid, 1 when it ended otherwise, 2 on bad input.
 */
import { appCredentialsFrom, DEFAULT_BASE_URL, isLoopbackUrl, signEncodingFrom } from '../kernel/settings.ts';
import { channelOfPayCode, type Channel } from '../kernel/channel.ts';
import { nodeDataFactory } from '../adapters/node/node-data-factory.ts';
import { seedFrom } from '../kernel/factories/random-source.ts';
import { runCheckout, type CheckoutClock, type CheckoutResult } from '../runners/checkout/checkout.ts';
import { parseTimeScale } from '../kernel/lifecycle/policy.ts';
import { outcomeLine, timelineLine } from '../runners/checkout/timeline.ts';
import { parseAmount } from '../kernel/money/money.ts';
import { maskPayCode } from '../kernel/redaction/redact.ts';
import { CliError, type CliIo } from './cli-error.ts';
import { parseOptions } from './options.ts';

export const CHECKOUT_HELP = `usage: paycheck checkout --amount A [--pay-code C] [options]

Runs the reference cashier flow: pay; on 1002 or no answer, query /pay/get every 5 s until a
result or 30 s, then cancel (not sooner than 15 s after paying; a failed cancel is retried, at
most 3 calls); never pays the same order_id twice. Prints the timeline and how the order ended.
Exit 0 when it ended paid, 1 otherwise (failed, closed, cancelled, refused, unknown), 2 on bad input.

  --amount A       total in yuan, e.g. 0.01 (the mock's scenarios go by amount: 0.30 user paying)
  --pay-code C     the customer's pay code (default: a generated one of --channel); printed masked
  --channel CH     wechat or alipay, for a generated pay code (default: either)
  --base-url URL   the target (default: $PAY_BASE_URL, else the mock at ${DEFAULT_BASE_URL})
  --scenario NAME  sent as X-Mock-Scenario (USER_PAYING, USER_PAYING_FAILS, USER_PAYING_ABANDONED …)
  --time-scale F   multiplies every wait and timeout (0.01 against 'paycheck mock --pending-ms 150')
  --allow-remote   send to a target that is not loopback: real pay codes move real money

PAY_APP_ID / PAY_APP_SECRET (default: the mock's demo application), PAY_SIGN_ENCODING, PAY_SEED.`;

const OPTIONS = {
  amount: { type: 'string' },
  'pay-code': { type: 'string' },
  channel: { type: 'string' },
  'base-url': { type: 'string' },
  scenario: { type: 'string' },
  'time-scale': { type: 'string' },
  'allow-remote': { type: 'boolean' },
} as const;

/** `clock` lets tests run the flow without waiting. */
export async function runCheckoutCommand(args: string[], io: CliIo, clock?: CheckoutClock): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS);
  if (values.help) {
    io.out(CHECKOUT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CliError('PAYCHECK_USAGE', `unexpected argument "${positionals[0]}"`);
  if (values.amount === undefined) throw new CliError('PAYCHECK_USAGE', 'say how much: --amount A (yuan, e.g. 0.01)');
  const amount = parseAmount(values.amount);
  if (!amount.ok) throw new CliError('PAYCHECK_USAGE', `--amount: ${amount.reason}`);
  const channel = channelOption(values.channel);
  const payCode = values['pay-code'];
  if (payCode !== undefined) {
    const of = channelOfPayCode(payCode);
    if (!of) throw new CliError('PAYCHECK_USAGE', `--pay-code ${maskPayCode(payCode)} is neither a WeChat (18 digits, 10–15…) nor an Alipay (16–24 digits, 25–30…) pay code`);
    if (channel && channel !== of) throw new CliError('PAYCHECK_USAGE', `--pay-code is a ${of} code, but --channel says ${channel}`);
  }
  const scenario = values.scenario;
  if (scenario !== undefined && !/^[A-Za-z_]{1,64}$/.test(scenario)) throw new CliError('PAYCHECK_USAGE', `--scenario "${scenario}" is not a scenario name`);
  const timeScale = setting(() => (values['time-scale'] === undefined ? 1 : parseTimeScale(values['time-scale'])));
  const baseUrl = values['base-url'] ?? io.env.PAY_BASE_URL ?? DEFAULT_BASE_URL;
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) throw new CliError('PAYCHECK_USAGE', `--base-url "${baseUrl}" is not an http(s) URL`);
  const remote = !isLoopbackUrl(baseUrl);
  if (remote && !values['allow-remote']) throw new CliError('PAYCHECK_USAGE', `refusing ${baseUrl}: not loopback — pass --allow-remote for a live target (real pay codes move real money)`);
  const app = setting(() => appCredentialsFrom(io.env));
  const encoding = setting(() => signEncodingFrom(io.env));
  const seed = setting(() => seedFrom(io.env));

  const factory = nodeDataFactory({ seed, app, encoding });
  const request = factory.unsignedRequest({ channel: payCode ? channelOfPayCode(payCode) : channel, amountFen: amount.fen, withStore: false });
  if (payCode !== undefined) request.pay_code = payCode;

  if (remote) io.err(`warning: sending to ${baseUrl}, not the mock — real pay codes move real money`);
  io.out(`checkout ${request.total_amount} yuan, order ${request.order_id}, pay code ${maskPayCode(request.pay_code)}, ${baseUrl}${scenario ? `, scenario ${scenario}` : ''}${timeScale === 1 ? '' : `, time scale ${timeScale}`} (seed ${seed})`);
  const result: CheckoutResult = await runCheckout({
    target: { baseUrl, app, encoding, allowRemote: remote },
    request,
    scenario,
    policy: { timeScale },
    clock,
    onStep: (step) => io.out(timelineLine(step)),
  });
  io.out(outcomeLine(result));
  if (result.outcome === 'unreachable') throw new CliError('PAYCHECK_INPUT_UNREADABLE', `cannot reach ${baseUrl}${remote ? '' : " (start the mock: 'npm run mock')"}`);
  return result.outcome === 'paid' ? 0 : 1;
}

function channelOption(value: string | undefined): Channel | undefined {
  if (value === undefined || value === 'wechat' || value === 'alipay') return value;
  throw new CliError('PAYCHECK_USAGE', `--channel must be wechat or alipay, not "${value}"`);
}

/** A setting read from the environment or an option; its RangeError becomes a one-line CLI error. */
function setting<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) throw new CliError('PAYCHECK_BAD_SETTING', error.message);
    throw error;
  }
}
