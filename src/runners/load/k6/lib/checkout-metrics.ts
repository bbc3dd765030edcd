/**
 * The checkout script's order metrics: how each order ended (`checkout_outcome_paid` …), the
 * share left unsettled and the re-pays its thresholds read, and the orders per mix entry
 * (`checkout_mix_USER_PAYING` …) — the same figures the executor reports under `orders`.
 */
import { Counter, Rate } from 'k6/metrics';
import { CASHIER_OUTCOMES, isSettled, type CashierOutcome } from '../../../../kernel/lifecycle/cashier.ts';
import type { MixEntry } from '../../profiles/checkout-mix.ts';

export const OUTCOME_METRIC_PREFIX = 'checkout_outcome_';
export const MIX_METRIC_PREFIX = 'checkout_mix_';
const UNSETTLED_METRIC = 'checkout_unsettled';
export const REPAID_METRIC = 'checkout_repaid';

export function createCheckoutMetrics(mix: readonly MixEntry[]) {
  const outcomes = new Map(CASHIER_OUTCOMES.map((o) => [o, new Counter(OUTCOME_METRIC_PREFIX + o)]));
  const asked = new Map(mix.map((e) => [e.scenario, new Counter(MIX_METRIC_PREFIX + e.scenario)]));
  const unsettled = new Rate(UNSETTLED_METRIC);
  const repaid = new Counter(REPAID_METRIC);
  return {
    /** One finished order: the mix entry it asked for, how it ended, whether its pay was answered as a repeat. */
    order(scenario: string, outcome: CashierOutcome, repeat: boolean): void {
      asked.get(scenario)?.add(1);
      outcomes.get(outcome)?.add(1);
      unsettled.add(!isSettled(outcome));
      // Added on every order, so that the threshold always has its evidence.
      repaid.add(repeat ? 1 : 0);
    },
  };
}
