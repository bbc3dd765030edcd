/**
 * The platform's `order_status` values (platform-facts §3) as the lifecycle sees them: which say
 * the payment's outcome is known, and which leave it open. Runtime-neutral.
 */
import type { components } from '../spec/openapi.ts';

export type OrderStatus = components['schemas']['OrderStatus'];

export const STATUS_NAMES: Readonly<Record<OrderStatus, string>> = {
  1: 'paid',
  2: 'fully refunded',
  3: 'partly refunded',
  4: 'closed',
  5: 'cancelled',
  0: 'paying',
  [-1]: 'failed',
  [-2]: 'refund failed',
  [-3]: 'refunding',
  [-10]: 'unknown',
};

/** Every status the platform documents, as numbers. */
export const ORDER_STATUSES: readonly OrderStatus[] = Object.keys(STATUS_NAMES).map(Number) as OrderStatus[];

/**
 * An answer's `order_status` as a number: the example's number or the response table's String of
 * one — the seed allows both (D-5); undefined for anything that is no documented status.
 */
export function orderStatusOf(value: unknown): OrderStatus | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?[0-9]+$/.test(value) ? Number(value) : undefined;
  return n !== undefined && (ORDER_STATUSES as readonly number[]).includes(n) ? (n as OrderStatus) : undefined;
}

/** Paying (0) and unknown (-10): nobody knows yet whether the customer paid. */
export function isOpenStatus(status: number | undefined): boolean {
  return status === 0 || status === -10;
}

/** Any status the platform knows but paying and unknown: the payment's outcome is settled. */
export function isResultStatus(status: number | undefined): status is OrderStatus {
  return status !== undefined && status in STATUS_NAMES && !isOpenStatus(status);
}

export function statusName(status: number | undefined): string {
  if (status === undefined) return '—';
  const name = (STATUS_NAMES as Readonly<Record<number, string>>)[status];
  return name === undefined ? String(status) : `${name} (${status})`;
}
