/**
 * One seeded faker per factory. The seed comes from PAY_SEED or is drawn at random, and is
 * always reported, so that a failing run can be replayed with the same data.
 */
import { base, en, Faker, zh_CN } from '@faker-js/faker';
import { RANGES, readNumber } from '../number-range.ts';

export function createSeededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [zh_CN, en, base] });
  faker.seed(seed);
  return faker;
}

export function seedFrom(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.PAY_SEED;
  if (raw === undefined || raw === '') return Math.floor(Math.random() * 2 ** 31);
  return readNumber(raw, RANGES.seed, 'PAY_SEED');
}
