/**
 * Realistic, seeded test data for the pay-code API: baskets of everyday goods from the catalogue
 * (catalogue.ts: brand, name, size, a price in its shelf range, a GS1 China EAN-13), shaped like a
 * till's — most of one to five lines, most lines of one item —, the `store_info` of a store of a
 * chain (stores.ts: one shop's store, terminal, cashier and salespeople ids), order ids, WeChat /
 * Alipay pay codes, and whole signed requests whose total matches the goods. faker draws every
 * choice from the one seed, so a seed replays the same data.
 */
import type { Faker } from '@faker-js/faker';
import type { components } from '../spec/openapi.ts';
import type { Channel } from '../channel.ts';
import { formatYuan, yuanNumber, type Fen } from '../money/money.ts';
import type { SignEncoding } from '../signing/encoding.ts';
import type { Signer } from '../signing/signer.ts';
import type { AppCredentials } from '../settings.ts';
import { CATALOGUE } from './catalogue.ts';
import { createSeededFaker } from './random-source.ts';
import { CITIES, staffId, storeName, type Store } from './stores.ts';

export type PayRequest = components['schemas']['PayRequest'];
export type Goods = components['schemas']['Goods'];
export type StoreInfo = components['schemas']['StoreInfo'];
export type UnsignedPayRequest = Omit<PayRequest, 'sign'>;

export interface PayRequestOptions {
  channel?: Channel;
  /** Fixes the total (and drops the goods, whose sum would no longer match it). */
  amountFen?: Fen;
  goodsCount?: number;
  withStore?: boolean;
  orderId?: string;
}

export interface DataFactoryOptions {
  seed: number;
  app: AppCredentials;
  encoding: SignEncoding;
  /** Signs `signedRequest`; the kernel has no digests of its own (Node: adapters/node/node-data-factory.ts). */
  signer: Signer;
  /** Leads every order id; lets two runs with one seed use distinct ids. */
  orderIdPrefix?: string;
}

/** How many lines a till's basket has, by weight: most one to five, a few long ones (up to 20). */
const BASKET_SIZES = [
  { value: 1, weight: 32 }, { value: 2, weight: 24 }, { value: 3, weight: 16 }, { value: 4, weight: 10 }, { value: 5, weight: 7 },
  { value: 6, weight: 3.5 }, { value: 7, weight: 2.5 }, { value: 8, weight: 1.5 }, { value: 9, weight: 1 }, { value: 10, weight: 0.8 },
  ...[11, 12, 13, 14, 15].map((value) => ({ value, weight: 0.3 })),
  ...[16, 17, 18, 19, 20].map((value) => ({ value, weight: 0.1 })),
];

/** How many of one item a line carries: mostly one; now and then a six-pack or a case. */
const QUANTITIES = [
  { value: 1, weight: 78 }, { value: 2, weight: 14 }, { value: 3, weight: 4 }, { value: 4, weight: 2 }, { value: 6, weight: 1.2 }, { value: 12, weight: 0.6 }, { value: 24, weight: 0.2 },
];

const CHAIN_SIZE = 12;

export function createDataFactory(options: DataFactoryOptions) {
  const faker: Faker = createSeededFaker(options.seed);
  const prefix = options.orderIdPrefix ?? 'PC';
  let serial = 0;

  /** A goods line of the catalogue, its unit price in fen (so totals stay integer arithmetic) in the item's shelf range. */
  function goodsLine(item = faker.helpers.arrayElement(CATALOGUE)): { goods: Goods; lineFen: Fen } {
    const [low, high] = item.priceFen;
    // Shelf prices end in a whole ten fen (3.50, 4.90): a step of 10 within the range.
    const priceFen = low + 10 * faker.number.int({ min: 0, max: Math.floor((high - low) / 10) });
    const num = faker.helpers.weightedArrayElement(QUANTITIES);
    const goods: Goods = { barcode: item.barcode, title: item.title, num, price: yuanNumber(priceFen) };
    return { goods, lineFen: priceFen * num };
  }

  /** `count` different goods, as one basket. */
  function goodsList(count: number): { goods: Goods[]; totalFen: Fen } {
    const goods: Goods[] = [];
    let totalFen = 0;
    for (const item of faker.helpers.arrayElements(CATALOGUE, count)) {
      const line = goodsLine(item);
      goods.push(line.goods);
      totalFen += line.lineFen;
    }
    return { goods, totalFen };
  }

  /** How many lines a basket has: most one to five. */
  function basketSize(): number {
    return faker.helpers.weightedArrayElement(BASKET_SIZES);
  }

  let chain: Store[] | undefined;
  /** The chain's stores, made once per factory: a dozen shops over the cities, each with its tills and people. */
  function stores(): readonly Store[] {
    chain ??= Array.from({ length: CHAIN_SIZE }, (_, i) => {
      const { city, districts } = faker.helpers.arrayElement(CITIES);
      const district = faker.helpers.arrayElement(districts);
      const storeId = `${district.code}${String(i + 1).padStart(3, '0')}`;
      const staff = (kind: 'T' | 'C' | 'W', count: number, from: number) => Array.from({ length: count }, (_, n) => staffId(storeId, kind, from + n));
      return {
        name: storeName(faker.helpers.arrayElement(district.roads), city, district.name), city, district: district.name, store_id: storeId,
        terminals: staff('T', faker.number.int({ min: 1, max: 4 }), 1),
        cashiers: staff('C', faker.number.int({ min: 3, max: 8 }), faker.number.int({ min: 101, max: 180 })),
        waiters: staff('W', faker.number.int({ min: 2, max: 4 }), 1),
      };
    });
    return chain;
  }

  /** One of the chain's stores, as a receipt would name it. */
  function store(): Store {
    return faker.helpers.arrayElement(stores());
  }

  /** Where an order is taken: one store's id, one of its tills, one of its cashiers, two of its salespeople. */
  function storeInfo(at: Store = store()): StoreInfo {
    const [waiter1, waiter2] = faker.helpers.arrayElements(at.waiters, 2);
    return {
      store_id: at.store_id, cashier_id: faker.helpers.arrayElement(at.cashiers), waiter1_id: waiter1, waiter2_id: waiter2,
      terminal_id: faker.helpers.arrayElement(at.terminals),
    };
  }

  function orderId(): string {
    serial += 1;
    return `${prefix}${faker.string.numeric(12)}${serial.toString(36).padStart(4, '0')}`;
  }

  /** WeChat: 18 digits starting 10–15. Alipay: 16–24 digits starting 25–30. */
  function payCode(channel: Channel): string {
    if (channel === 'wechat') return `1${faker.number.int({ min: 0, max: 5 })}${faker.string.numeric(16)}`;
    const lead = String(faker.number.int({ min: 25, max: 30 }));
    return lead + faker.string.numeric(faker.number.int({ min: 14, max: 22 }));
  }

  function unsignedRequest(opts: PayRequestOptions = {}): UnsignedPayRequest {
    const channel = opts.channel ?? faker.helpers.arrayElement<Channel>(['wechat', 'alipay']);
    const request: UnsignedPayRequest = {
      app_id: options.app.appId,
      sign_type: 'MD5',
      order_id: opts.orderId ?? orderId(),
      pay_code: payCode(channel),
      total_amount: '',
    };
    if (opts.amountFen !== undefined) {
      request.total_amount = formatYuan(opts.amountFen);
    } else {
      const { goods, totalFen } = goodsList(opts.goodsCount ?? basketSize());
      request.total_amount = formatYuan(totalFen);
      request.goods_list = goods;
    }
    if (opts.withStore ?? true) request.store_info = storeInfo();
    return request;
  }

  function signedRequest(opts: PayRequestOptions = {}): PayRequest {
    return options.signer.signed(unsignedRequest(opts), { secret: options.app.secret, encoding: options.encoding });
  }

  return { seed: options.seed, faker, goodsLine, goodsList, basketSize, store, storeInfo, orderId, payCode, unsignedRequest, signedRequest };
}

export type DataFactory = ReturnType<typeof createDataFactory>;
