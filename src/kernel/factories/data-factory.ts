/**
 * Realistic, seeded test data for the pay-code API: goods with Chinese titles and valid Chinese
 * EAN-13 barcodes, store ids, order ids, WeChat / Alipay pay codes, and whole signed requests
 * whose total matches the goods.
 */
import type { Faker } from '@faker-js/faker';
import type { components } from '../spec/openapi.ts';
import type { Channel } from '../channel.ts';
import { formatYuan, yuanNumber, type Fen } from '../money/money.ts';
import type { SignEncoding } from '../signing/encoding.ts';
import type { Signer } from '../signing/signer.ts';
import type { AppCredentials } from '../settings.ts';
import { CHINA_GS1_PREFIXES, ean13CheckDigit } from './barcode.ts';
import { createSeededFaker } from './random-source.ts';

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

export function createDataFactory(options: DataFactoryOptions) {
  const faker: Faker = createSeededFaker(options.seed);
  const prefix = options.orderIdPrefix ?? 'PC';
  let serial = 0;

  function barcode(): string {
    const first12 = faker.helpers.arrayElement(CHINA_GS1_PREFIXES) + faker.string.numeric(9);
    return first12 + ean13CheckDigit(first12);
  }

  /** A goods line with its unit price in fen, so totals stay integer arithmetic. */
  function goodsLine(): { goods: Goods; lineFen: Fen } {
    const priceFen = faker.number.int({ min: 50, max: 20_000 });
    const num = faker.number.int({ min: 1, max: 5 });
    const goods: Goods = { barcode: barcode(), title: faker.commerce.productName().slice(0, 256), num, price: yuanNumber(priceFen) };
    return { goods, lineFen: priceFen * num };
  }

  function goodsList(count: number): { goods: Goods[]; totalFen: Fen } {
    const goods: Goods[] = [];
    let totalFen = 0;
    for (let i = 0; i < count; i++) {
      const line = goodsLine();
      goods.push(line.goods);
      totalFen += line.lineFen;
    }
    return { goods, totalFen };
  }

  function storeInfo(): StoreInfo {
    const id = (tag: string) => `${tag}${faker.string.alphanumeric({ length: 10, casing: 'upper' })}`;
    return { store_id: id('S'), cashier_id: id('C'), waiter1_id: id('W'), waiter2_id: id('W'), terminal_id: id('T') };
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
      const { goods, totalFen } = goodsList(opts.goodsCount ?? faker.number.int({ min: 1, max: 3 }));
      request.total_amount = formatYuan(totalFen);
      request.goods_list = goods;
    }
    if (opts.withStore ?? true) request.store_info = storeInfo();
    return request;
  }

  function signedRequest(opts: PayRequestOptions = {}): PayRequest {
    return options.signer.signed(unsignedRequest(opts), { secret: options.app.secret, encoding: options.encoding });
  }

  return { seed: options.seed, faker, barcode, goodsLine, goodsList, storeInfo, orderId, payCode, unsignedRequest, signedRequest };
}

export type DataFactory = ReturnType<typeof createDataFactory>;
