import type { PriceTier } from "./tables.js";

/**
 * The unit price for buying `quantity`: the tier with the largest `minQuantity` not above it.
 * Null below the first tier (under MOQ). Tiers must be sorted by ascending quantity.
 */
export function priceAtQuantity(tiers: readonly PriceTier[], quantity: number): number | null {
  let price: number | null = null;
  for (const tier of tiers) {
    if (tier.minQuantity > quantity) break;
    price = tier.unitPriceMinor;
  }
  return price;
}
