import type { ServiceCall, ServiceContext } from "../../shared/context.js";
import { fieldError, parseInput } from "../../shared/errors.js";
import { currencyExponent, parseScaledDecimal } from "../../shared/money.js";
import { requireOrganisation } from "../tenancy/index.js";
import { MatchingSettingsInput, type MatchingSettingsInput as SettingsInput } from "./schemas.js";
import { type MatchWeights, matchingSettings } from "./tables.js";

export interface MatchingSettings {
  weights: MatchWeights;
  maxQuotesPerDemand: number;
  listingsPerSupplier: number;
  exchangeRates: Record<string, string>;
}

/**
 * Defaults, tuned on the relevance set's tuning half (docs/matching.md): what the buyer wrote
 * counts most, then the product category; price, MOQ and lead time separate near misses.
 */
export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = {
  weights: { text: 0.5, category: 0.2, price: 0.1, moq: 0.1, leadTime: 0.05, reliability: 0.05 },
  maxQuotesPerDemand: 10,
  listingsPerSupplier: 3,
  exchangeRates: { CNY: "1", USD: "7.10", EUR: "7.70", GBP: "9.00", HKD: "0.91", JPY: "0.047", AED: "1.93" },
};

/** The market's matching settings: its stored row over the defaults. */
export async function readMatchingSettings(ctx: Pick<ServiceContext, "tx">): Promise<MatchingSettings> {
  const [row] = await ctx.tx.select().from(matchingSettings);
  if (!row) return DEFAULT_MATCHING_SETTINGS;
  return {
    weights: { ...DEFAULT_MATCHING_SETTINGS.weights, ...row.weights },
    maxQuotesPerDemand: row.maxQuotesPerDemand,
    listingsPerSupplier: row.listingsPerSupplier,
    exchangeRates: { ...DEFAULT_MATCHING_SETTINGS.exchangeRates, ...row.exchangeRates },
  };
}

/** Anyone acting for an organisation may read them (buyers see how they are matched). */
export async function getMatchingSettings(ctx: ServiceContext): Promise<MatchingSettings> {
  requireOrganisation(ctx);
  return readMatchingSettings(ctx);
}

/** Operators tune weights, the quote cap, suppliers per demand and exchange rates. */
export async function updateMatchingSettings({ ctx, input }: ServiceCall<SettingsInput>): Promise<MatchingSettings> {
  requireOrganisation(ctx, { kinds: ["operator"], roles: ["owner", "admin"] });
  const p = parseInput(MatchingSettingsInput, input);
  const current = await readMatchingSettings(ctx);
  const next: MatchingSettings = {
    weights: { ...current.weights, ...p.weights },
    maxQuotesPerDemand: p.maxQuotesPerDemand ?? current.maxQuotesPerDemand,
    listingsPerSupplier: p.listingsPerSupplier ?? current.listingsPerSupplier,
    exchangeRates: { ...current.exchangeRates, ...p.exchangeRates },
  };
  if (Object.values(next.weights).every((w) => w === 0)) {
    throw fieldError("weights", { en: "at least one weight must be above 0", zh: "至少一个权重须大于 0" });
  }
  for (const [currency, rate] of Object.entries(next.exchangeRates)) {
    if (!(parseScaledDecimal(rate, RATE_DIGITS) ?? 0)) {
      throw fieldError(`exchangeRates.${currency}`, { en: "must be above 0", zh: "必须大于 0" });
    }
  }
  const values = { tenantId: ctx.tenantId, ...next, updatedAt: new Date() };
  await ctx.tx
    .insert(matchingSettings)
    .values(values)
    .onConflictDoUpdate({ target: matchingSettings.tenantId, set: values });
  return next;
}

const RATE_DIGITS = 6;

/**
 * Converts an amount between currencies through CNY with integer arithmetic, rounding half up.
 * Null when either currency has no rate in the market's table.
 */
export function convertMinor(
  amountMinor: number,
  from: string,
  to: string,
  rates: Record<string, string>,
): number | null {
  if (from === to) return amountMinor;
  const fromRate = rates[from] === undefined ? null : parseScaledDecimal(rates[from], RATE_DIGITS);
  const toRate = rates[to] === undefined ? null : parseScaledDecimal(rates[to], RATE_DIGITS);
  if (!fromRate || !toRate) return null;
  // amount / 10^eFrom × fromRate / toRate × 10^eTo, all scaled to integers.
  const numerator = BigInt(amountMinor) * BigInt(fromRate) * 10n ** BigInt(currencyExponent(to));
  const denominator = BigInt(toRate) * 10n ** BigInt(currencyExponent(from));
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}
