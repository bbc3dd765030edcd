/**
 * Where an order may go next, from the platform's documented `order_status` values and what its
 * pages say moves them (platform-facts §3). Written here from the documentation, not taken from
 * the mock, so the suite judges the mock too. An answer only samples the order, so a sequence of
 * statuses seen is legal when each one is reachable from the one before (or the same).
 */
import type { components } from '../../kernel/spec/openapi.ts';

type OrderStatus = components['schemas']['OrderStatus'];

export const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // paying: the customer confirms (1) or the channel refuses (-1); the platform closes an order
  // never confirmed (4); a cancel closes it (5); or nobody knows any more (-10).
  0: [1, -1, 4, 5, -10],
  // unknown: any outcome may still come to light, and a cancel closes it.
  [-10]: [0, 1, -1, 4, 5],
  // paid: refunded in part (3) or in full (2), possibly through refunding (-3) or a failed refund
  // (-2); a cancel (for a timeout or an unknown result) refunds it and ends it cancelled (5).
  1: [3, 2, -3, -2, 5],
  3: [3, 2, -3, -2],
  [-3]: [3, 2, -2],
  // a failed refund leaves the money paid: a later refund may still go through.
  [-2]: [-2, -3, 3, 2],
  // failed: a cancel (the page's "failure" case) or the platform closes it.
  [-1]: [4, 5],
  // final: closed, cancelled, fully refunded.
  4: [],
  5: [],
  2: [],
};

/** Whether `to` can follow `from` (the same status, or reachable through documented moves). */
export function canFollow(from: number, to: number): boolean {
  if (from === to) return true;
  const next = NEXT_STATUSES as Readonly<Record<number, readonly number[]>>;
  const seen = new Set<number>([from]);
  const queue = [from];
  while (queue.length > 0) {
    for (const status of next[queue.shift()!] ?? []) {
      if (status === to) return true;
      if (!seen.has(status)) {
        seen.add(status);
        queue.push(status);
      }
    }
  }
  return false;
}

