/**
 * `paycheck gen KIND [--count N] [--seed N] [--channel wechat|alipay]` (KIND: request, goods, store): seeded test
 * data as JSON lines — goods of the catalogue, stores of the chain (src/kernel/factories/). The seed goes to stderr so stdout stays pure data; the same seed gives the
 * same lines. Pay codes are printed whole: they are generated, never a customer's, and a masked
 * code would make the signed request useless.
 */
import { appCredentialsFrom, signEncodingFrom } from '../kernel/settings.ts';
import { type DataFactory } from '../kernel/factories/data-factory.ts';
import { nodeDataFactory } from '../adapters/node/node-data-factory.ts';
import type { Channel } from '../kernel/channel.ts';
import { PaycheckError } from '../kernel/errors.ts';
import { optionLabel, type ParsedCommand } from './command.ts';
import { GEN } from './commands.ts';
import { setting } from './harness-error.ts';
import type { CliIo } from './io.ts';

const KINDS: Readonly<Record<string, (factory: DataFactory, channel: Channel | undefined) => unknown>> = {
  request: (factory, channel) => factory.signedRequest({ channel }),
  goods: (factory) => factory.goodsLine().goods,
  store: (factory) => {
    const at = factory.store();
    return { name: at.name, city: at.city, district: at.district, store_info: factory.storeInfo(at) };
  },
};

export async function runGen({ values, positionals }: ParsedCommand<typeof GEN.options>, io: CliIo): Promise<number> {
  const [kind] = positionals;
  const make = kind === undefined ? undefined : KINDS[kind];
  if (!make) throw new PaycheckError('PAYCHECK_USAGE', `say what to generate: request, goods or store${kind === undefined ? '' : ` (not "${kind}")`}`);
  const count = values.count ?? 1;
  // No seed given: a random one, printed so that the run can be replayed.
  const seed = values.seed ?? Math.floor(Math.random() * 2 ** 32);
  const channel = values.channel;
  if (channel !== undefined && channel !== 'wechat' && channel !== 'alipay') throw new PaycheckError('PAYCHECK_USAGE', `--channel must be wechat or alipay, not "${channel}"`);
  const factory = setting(() => nodeDataFactory({ seed, app: appCredentialsFrom(io.env), encoding: signEncodingFrom(io.env) }));
  io.err(`# seed ${seed} (replay with --seed ${seed})`);
  for (let i = 0; i < count; i++) io.out(JSON.stringify(make(factory, channel)));
  return 0;
}
