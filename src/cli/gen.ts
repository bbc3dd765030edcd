/**
 * `paycheck gen request|goods|store [--count N] [--seed N] [--channel wechat|alipay]`: seeded test
 * data as JSON lines. The seed goes to stderr so stdout stays pure data; the same seed gives the
 * same lines. Pay codes are printed whole: they are generated, never a customer's, and a masked
 * code would make the signed request useless.
 */
import { appCredentialsFrom, signEncodingFrom, type Env } from '../kernel/settings.ts';
import { type DataFactory } from '../kernel/factories/data-factory.ts';
import { nodeDataFactory } from '../adapters/node/node-data-factory.ts';
import { seedFrom } from '../kernel/factories/random-source.ts';
import type { Channel } from '../kernel/channel.ts';
import { CliError } from './cli-error.ts';
import { parseOptions } from './options.ts';

export const GEN_HELP = `usage: paycheck gen request|goods|store [--count N] [--seed N] [--channel wechat|alipay]

Prints seeded test data, one JSON object a line:
  request   a whole signed pay request (app from PAY_APP_ID/PAY_APP_SECRET, else the demo app)
  goods     one goods line (Chinese title, EAN-13 barcode, price, count)
  store     a store_info object
  --count N how many (1–100000, default 1)
  --seed N  the seed (default: $PAY_SEED, else random); printed to stderr either way
  --channel wechat or alipay pay codes for 'request' (default: either)`;

const KINDS: Readonly<Record<string, (factory: DataFactory, channel: Channel | undefined) => unknown>> = {
  request: (factory, channel) => factory.signedRequest({ channel }),
  goods: (factory) => factory.goodsLine().goods,
  store: (factory) => factory.storeInfo(),
};

export interface GenIo {
  out(line: string): void;
  err(line: string): void;
  env?: Env;
}

export async function runGen(args: string[], io: GenIo): Promise<number> {
  try {
    return generate(args, io);
  } catch (error) {
    if (!(error instanceof CliError) && !(error instanceof RangeError)) throw error;
    io.err(`paycheck gen: ${error.message}`);
    return 2;
  }
}

function generate(args: string[], io: GenIo): number {
  const env = io.env ?? process.env;
  const { values, positionals } = parseOptions(args, {
    count: { type: 'string' },
    seed: { type: 'string' },
    channel: { type: 'string' },
  });
  if (values.help) {
    io.out(GEN_HELP);
    return 0;
  }
  const [kind, ...extra] = positionals;
  const make = kind === undefined ? undefined : KINDS[kind];
  if (!make) throw new CliError('PAYCHECK_USAGE', `say what to generate: request, goods or store${kind === undefined ? '' : ` (not "${kind}")`}`);
  if (extra.length > 0) throw new CliError('PAYCHECK_USAGE', `unexpected argument "${extra[0]}"`);
  const count = wholeNumber(values.count ?? '1', '--count', 1, 100_000);
  const seed = values.seed === undefined ? seedFrom(env) : wholeNumber(values.seed, '--seed', 0, 2 ** 32 - 1);
  const channel = values.channel;
  if (channel !== undefined && channel !== 'wechat' && channel !== 'alipay') throw new CliError('PAYCHECK_USAGE', `--channel must be wechat or alipay, not "${channel}"`);
  const factory = nodeDataFactory({ seed, app: appCredentialsFrom(env), encoding: signEncodingFrom(env) });
  io.err(`# seed ${seed} (replay with --seed ${seed})`);
  for (let i = 0; i < count; i++) io.out(JSON.stringify(make(factory, channel)));
  return 0;
}

function wholeNumber(text: string, name: string, min: number, max: number): number {
  const n = /^[0-9]{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new CliError('PAYCHECK_USAGE', `${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return n;
}
