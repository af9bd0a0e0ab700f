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

/** Parses `100:2.50;500:2.20;1000:1.95` into quantities and decimal price texts, or null. */
export function parsePriceTierText(text: string): { minQuantity: string; price: string }[] | null {
  const parts = text
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const tiers: { minQuantity: string; price: string }[] = [];
  for (const part of parts) {
    const [quantity, price, extra] = part.split(":").map((s) => s.trim());
    if (!quantity || !price || extra !== undefined) return null;
    tiers.push({ minQuantity: quantity, price });
  }
  return tiers;
}
