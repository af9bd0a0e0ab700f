import { formatMoney } from "../../shared/money.js";
import { priceAtQuantity } from "../catalog/index.js";
import { convertMinor, type MatchingSettings } from "./settings.js";
import type { MatchParts, MatchReason } from "./tables.js";

/** What a demand asks, as the scorer needs it. */
export interface DemandTerms {
  quantity: number;
  unit: string;
  targetPriceMinor: number | null;
  currency: string;
  postedOn: string;
  requiredBy: string;
}

/** What a listing offers, as the scorer needs it. */
export interface ListingTerms {
  unit: string;
  moq: number;
  priceTiers: readonly { minQuantity: number; unitPriceMinor: number }[];
  currency: string;
  leadTimeDays: number;
}

/** How well the words fit, found by the engine (SQL for demand → listings, words for the reverse). */
export interface TextFit {
  /** Share of the demand's words the listing has anywhere (title, category, attributes). */
  coverage: number;
  /** Share of the demand's words in the listing's own title. */
  titleCoverage: number;
  /** 1 inside the category the demand names; else how much of the listing's category name the demand uses. */
  category: number;
}

export interface ScoredMatch {
  score: number;
  parts: MatchParts;
  reasons: MatchReason[];
}

/** Units that convert: a dozen is 12 pieces. Others compare only with themselves. */
const PIECES_PER: Record<string, number> = { pcs: 1, dozen: 12 };

const UNIT_ZH: Record<string, string> = {
  pcs: "件",
  dozen: "打",
  pair: "双",
  set: "套",
  box: "盒",
  carton: "箱",
  kg: "千克",
  m: "米",
};

// Intl formatters are costly to build and scoring formats for hundreds of candidates: build each once.
const counter = new Intl.NumberFormat("en");
const moneyFormats = new Map<string, Intl.NumberFormat>();
const count = (n: number) => counter.format(n);
// A listing matched to hundreds of demands states the same few prices in every reason.
const formatted = new Map<string, string>();
function money(amountMinor: number, currency: string): string {
  const key = `${currency} ${amountMinor}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en", { style: "currency", currency, currencyDisplay: "narrowSymbol" });
    moneyFormats.set(currency, format);
  }
  // A decimal string, so the amount never passes through a float.
  const text = format.format(formatMoney(amountMinor, currency) as unknown as number);
  if (formatted.size >= 10_000) formatted.clear();
  formatted.set(key, text);
  return text;
}
const days = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000;
const round = (n: number) => Math.round(n * 1e6) / 1e6;
const clamp = (n: number) => Math.min(1, Math.max(0, n));

/** The demanded quantity in the listing's unit (rounded up), or null when the units do not convert. */
function quantityInListingUnit(demand: DemandTerms, listing: ListingTerms): number | null {
  if (demand.unit === listing.unit) return demand.quantity;
  const from = PIECES_PER[demand.unit];
  const to = PIECES_PER[listing.unit];
  if (!from || !to) return null;
  return Math.ceil((demand.quantity * from) / to);
}

/**
 * Scores one listing for one demand: each part 0…1 with its reason in English and Chinese, and
 * the weighted total. Pure and deterministic, so the same demand and catalogue always rank alike.
 * Near misses (MOQ above the quantity, price over target, lead time past the date) lose points,
 * never disappear: buyers often adjust.
 */
export function scoreMatch(
  demand: DemandTerms,
  listing: ListingTerms,
  fit: TextFit,
  reliability: number,
  settings: Pick<MatchingSettings, "weights" | "exchangeRates">,
  options: { explain?: boolean } = {},
): ScoredMatch {
  // Reasons are built only when asked for: ranking scores hundreds of candidates, few are shown.
  // Without them `reasons?.push(…)` does not even create the closures.
  const reasons: (() => MatchReason)[] | null = options.explain === false ? null : [];
  const quantity = quantityInListingUnit(demand, listing);
  const unitZh = (u: string) => UNIT_ZH[u] ?? u;

  // MOQ fit: the share of the MOQ the buyer's quantity reaches.
  let moq: number;
  if (quantity === null) {
    moq = 0.5;
    reasons?.push(() => ({
      kind: "unit",
      ok: false,
      en: `sold per ${listing.unit}, you asked in ${demand.unit}`,
      zh: `按${unitZh(listing.unit)}销售，您的需求以${unitZh(demand.unit)}计`,
    }));
  } else if (listing.moq <= quantity) {
    moq = 1;
    reasons?.push(() => ({
      kind: "moq",
      ok: true,
      en: `MOQ ${count(listing.moq)} ≤ ${count(quantity)} ${listing.unit}`,
      zh: `起订量 ${count(listing.moq)} ≤ ${count(quantity)} ${unitZh(listing.unit)}`,
    }));
  } else {
    moq = quantity / listing.moq;
    reasons?.push(() => ({
      kind: "moq",
      ok: false,
      en: `MOQ ${count(listing.moq)} > your ${count(quantity)} ${listing.unit}`,
      zh: `起订量 ${count(listing.moq)} > 您的 ${count(quantity)} ${unitZh(listing.unit)}`,
    }));
  }

  // Price at the tier for the quantity (the first tier when under MOQ), against the target.
  let price = 0.5;
  const orderQuantity = Math.max(quantity ?? listing.moq, listing.moq);
  const unitPrice = priceAtQuantity(listing.priceTiers, orderQuantity) ?? listing.priceTiers[0]?.unitPriceMinor ?? 0;
  const at = () => ({
    en: `${money(unitPrice, listing.currency)} at ${count(orderQuantity)} ${listing.unit}`,
    zh: `${count(orderQuantity)} ${unitZh(listing.unit)}单价 ${money(unitPrice, listing.currency)}`,
  });
  if (demand.targetPriceMinor === null || quantity === null) {
    reasons?.push(() => ({ kind: "price", ok: true, ...at() }));
  } else {
    const converted = convertMinor(unitPrice, listing.currency, demand.currency, settings.exchangeRates);
    if (converted === null) {
      reasons?.push(() => ({
        kind: "price",
        ok: false,
        en: `${at().en}, no ${listing.currency}→${demand.currency} rate to compare`,
        zh: `${at().zh}，缺少 ${listing.currency}→${demand.currency} 汇率，无法比较`,
      }));
    } else {
      // Per demanded unit: a dozen's price against twelve pieces' target.
      const perListingUnitTarget =
        (demand.targetPriceMinor * (PIECES_PER[listing.unit] ?? 1)) / (PIECES_PER[demand.unit] ?? 1);
      const ratio = perListingUnitTarget === 0 ? Number.POSITIVE_INFINITY : converted / perListingUnitTarget;
      const percent = Math.round(Math.abs(ratio - 1) * 100);
      price = ratio <= 1 ? 1 : clamp(1 - (ratio - 1) * 2);
      reasons?.push(() =>
        percent === 0
          ? { kind: "price", ok: true, en: `${at().en}, at target`, zh: `${at().zh}，与目标价持平` }
          : ratio < 1
            ? {
                kind: "price",
                ok: true,
                en: `${at().en}, ${percent}% under target`,
                zh: `${at().zh}，低于目标价 ${percent}%`,
              }
            : {
                kind: "price",
                ok: false,
                en: `${at().en}, ${Number.isFinite(percent) ? `${percent}% ` : ""}over target`,
                zh: `${at().zh}，高于目标价${Number.isFinite(percent) ? ` ${percent}%` : ""}`,
              },
      );
    }
  }

  // Lead time against the days between posting and the required-by date.
  const available = Math.max(0, days(demand.requiredBy) - days(demand.postedOn));
  const leadTime = listing.leadTimeDays <= available ? 1 : available / Math.max(1, listing.leadTimeDays);
  reasons?.push(() => ({
    kind: "leadTime",
    ok: listing.leadTimeDays <= available,
    en: `ships in ${listing.leadTimeDays} days, needed in ${available}`,
    zh: `${listing.leadTimeDays} 天发货，需求 ${available} 天内`,
  }));

  const parts: MatchParts = {
    // Words in the title count more than words found only in category or attributes.
    text: round(clamp(0.6 * fit.titleCoverage + 0.4 * fit.coverage)),
    category: round(clamp(fit.category)),
    price: round(price),
    moq: round(clamp(moq)),
    leadTime: round(clamp(leadTime)),
    reliability: round(clamp(reliability)),
  };
  const w = settings.weights;
  const total = w.text + w.category + w.price + w.moq + w.leadTime + w.reliability;
  const score =
    (w.text * parts.text +
      w.category * parts.category +
      w.price * parts.price +
      w.moq * parts.moq +
      w.leadTime * parts.leadTime +
      w.reliability * parts.reliability) /
    (total || 1);
  return { score: round(score), parts, reasons: reasons ? reasons.map((reason) => reason()) : [] };
}

/** The reasons as one line each for English and Chinese readers. */
export function explain(reasons: readonly MatchReason[]): { en: string; zh: string } {
  return { en: reasons.map((r) => r.en).join("; "), zh: reasons.map((r) => r.zh).join("；") };
}
