import type { ServiceContext } from "../../shared/context.js";

/** A supplier's fulfilment record: counts over its finished orders. */
export interface FulfilmentHistory {
  orders: number;
  shippedOnTime: number;
  disputed: number;
  cancelled: number;
  /** Buyers who ordered more than once. */
  repeatBuyers: number;
  buyers: number;
}

export interface SupplierReliability {
  /** 0…1: smoothed share of orders shipped on time without dispute or cancellation. */
  score: number;
  history: FulfilmentHistory;
  /** True while the supplier has too few orders for its own record to dominate the prior. */
  mostlyPrior: boolean;
}

/** What a supplier with no history scores: the market's typical record, not perfection. */
export const RELIABILITY_PRIOR = 0.7;
/** The prior counts as this many orders, so one good order moves a new supplier only a little. */
export const PRIOR_WEIGHT = 10;

const NO_HISTORY: FulfilmentHistory = {
  orders: 0,
  shippedOnTime: 0,
  disputed: 0,
  cancelled: 0,
  repeatBuyers: 0,
  buyers: 0,
};

/**
 * Reliability from a fulfilment record with a Bayesian-style prior: (good orders + prior × weight)
 * / (orders + weight), plus up to 0.05 for buyers who came back. One perfect order gives 0.727,
 * not 1; a hundred give 0.977.
 */
export function reliabilityScore(history: FulfilmentHistory): SupplierReliability {
  const bad = history.disputed + history.cancelled;
  const good = Math.max(0, Math.min(history.shippedOnTime, history.orders - bad));
  const smoothed = (good + RELIABILITY_PRIOR * PRIOR_WEIGHT) / (history.orders + PRIOR_WEIGHT);
  const loyalty = history.buyers > 0 ? (0.05 * history.repeatBuyers) / history.buyers : 0;
  return {
    score: Math.round(Math.min(1, smoothed + loyalty) * 1e6) / 1e6,
    history,
    mostlyPrior: history.orders < PRIOR_WEIGHT,
  };
}

/**
 * Reliability of each supplier organisation, for matching and for the credit module. Orders do
 * not exist yet, so every supplier has an empty history and scores the prior; when the orders
 * module lands this reads its fulfilment history here, and nothing else changes.
 */
export async function supplierReliability(
  _ctx: Pick<ServiceContext, "tx">,
  supplierIds: readonly string[],
): Promise<Map<string, SupplierReliability>> {
  return new Map(supplierIds.map((id) => [id, reliabilityScore(NO_HISTORY)]));
}
