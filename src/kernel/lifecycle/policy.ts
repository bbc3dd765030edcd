/**
 * The documented pay-code practice as data (platform-facts §4): after a 1002 or a timeout, query
 * every 5–10 s for up to 30 s, then cancel — never sooner than about 15 s after paying; retry a
 * failed cancel a bounded number of times (Alipay: up to 3). The audit judges a cashier against
 * it, and the reference checkout follows it. Runtime-neutral.
 */
export interface AuditPolicy {
  /** Least time between two follow-up calls of one order (and from the pay call to the first). */
  minPollIntervalMs: number;
  /** Most time between two follow-up calls while the order's outcome is still open. */
  maxPollIntervalMs: number;
  /** Queries for an open order stop this long after the pay call. */
  deadlineMs: number;
  /** A cancel comes no sooner than this after the pay call. */
  minCancelAfterMs: number;
  /** Most cancel calls for one order (the first and its retries). */
  maxCancelAttempts: number;
  /** Slack on every time bound, for the network and the timers. */
  toleranceMs: number;
  /**
   * Scenarios whose pay answer arrives too late for any client (the mock's slow ones): their pay
   * counts as unanswered, so it needs a follow-up whatever code the journal recorded.
   */
  unansweredScenarios: readonly string[];
  /** Multiplies every duration above: 0.01 audits a cashier run against a mock 100× faster. */
  timeScale: number;
}

export const DEFAULT_POLICY: Readonly<AuditPolicy> = Object.freeze({
  minPollIntervalMs: 5_000,
  maxPollIntervalMs: 10_000,
  deadlineMs: 30_000,
  minCancelAfterMs: 15_000,
  maxCancelAttempts: 3,
  toleranceMs: 1_000,
  unansweredScenarios: Object.freeze(['PAID_SLOW', 'UNKNOWN_SLOW', 'VOUCHER_SLOW']),
  timeScale: 1,
});

const DURATIONS = ['minPollIntervalMs', 'maxPollIntervalMs', 'deadlineMs', 'minCancelAfterMs', 'toleranceMs'] as const;

/**
 * The defaults overridden by `overrides`, with every duration multiplied by `timeScale` (the
 * result's `timeScale` stays as given, so a report says what it was judged at). Throws a
 * RangeError for a value that makes no sense.
 */
export function resolvePolicy(overrides: Partial<AuditPolicy> = {}): AuditPolicy {
  const merged: AuditPolicy = { ...DEFAULT_POLICY, ...definedOnly(overrides) };
  if (!(Number.isFinite(merged.timeScale) && merged.timeScale > 0)) throw new RangeError(`the time scale must be a number above 0, not ${merged.timeScale}`);
  for (const key of DURATIONS) {
    if (!(Number.isFinite(merged[key]) && merged[key] >= 0)) throw new RangeError(`${key} must be a number of milliseconds ≥ 0, not ${merged[key]}`);
  }
  if (!(Number.isInteger(merged.maxCancelAttempts) && merged.maxCancelAttempts >= 1)) throw new RangeError(`maxCancelAttempts must be a whole number ≥ 1, not ${merged.maxCancelAttempts}`);
  if (merged.minPollIntervalMs > merged.maxPollIntervalMs) throw new RangeError('minPollIntervalMs is above maxPollIntervalMs');
  const scaled = { ...merged };
  for (const key of DURATIONS) scaled[key] = merged[key] * merged.timeScale;
  return scaled;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
