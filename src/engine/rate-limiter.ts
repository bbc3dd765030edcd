/** A token bucket per key (the app_id), refilled continuously on the injected clock. */
import type { Clock } from './clock.ts';

export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: how many requests may arrive at once. */
  burst: number;
}

export interface RateLimiter {
  /** Takes a token; false when the bucket is empty. */
  take(key: string): boolean;
  clear(): void;
}

export function createRateLimiter(limit: RateLimit, clock: Clock): RateLimiter {
  if (!(limit.perSecond > 0) || !(limit.burst >= 1)) throw new RangeError('rate limit needs perSecond > 0 and burst ≥ 1');
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const now = clock.now();
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = { tokens: limit.burst, at: now };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) * limit.perSecond) / 1000);
      bucket.at = now;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    clear() {
      buckets.clear();
    },
  };
}
