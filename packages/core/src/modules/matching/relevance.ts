import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { resultRows } from "../../db/client.js";
import { withTenant } from "../../db/tenant.js";
import { parseMoney } from "../../shared/money.js";
import type { DemandForMatching } from "./engine.js";
import { forDemand } from "./engine.js";
import relevanceSet from "./relevance-set.json" with { type: "json" };
import type { MatchingSettings } from "./settings.js";
import { readMatchingSettings } from "./settings.js";

/**
 * One labelled demand over the `yiwu` demo catalogue (relevance-set.json). `relevant` is a
 * person's judgement of what would satisfy the buyer, written without looking at the engine: a
 * listing in one of its categories has grade 1, plus 1 per stated attribute it has, at most 3.
 */
export interface LabelledDemand {
  id: string;
  set: "tune" | "report";
  lang: "zh" | "en" | "mixed";
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  categoryCode: string | null;
  quantity: number;
  unit: string;
  targetPrice: string | null;
  currency: string;
  neededInDays: number;
  attributes: Record<string, string>;
  relevant: { categories: string[]; attributes: Record<string, string> };
}

export const RELEVANCE_SET = relevanceSet as LabelledDemand[];

export interface RelevanceFigures {
  demands: number;
  precisionAt5: number;
  ndcgAt10: number;
}

interface CatalogueListing {
  id: string;
  category_code: string;
  attributes: Record<string, string>;
}

export function grade(demand: LabelledDemand, listing: Pick<CatalogueListing, "category_code" | "attributes">) {
  if (!demand.relevant.categories.includes(listing.category_code)) return 0;
  const extra = Object.entries(demand.relevant.attributes).filter(([k, v]) => listing.attributes[k] === v).length;
  return Math.min(3, 1 + extra);
}

const dcg = (grades: number[]) => grades.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

/** The demand as the engine sees it, posted on a fixed day so every run scores alike. */
export function labelledToDemand(d: LabelledDemand, postedOn = "2026-01-05"): DemandForMatching {
  const required = new Date(Date.parse(`${postedOn}T00:00:00Z`) + d.neededInDays * 86_400_000);
  return {
    titleZh: d.titleZh,
    titleEn: d.titleEn,
    attributes: d.attributes,
    categoryCode: d.categoryCode,
    quantity: d.quantity,
    unit: d.unit,
    targetPriceMinor: d.targetPrice === null ? null : parseMoney(d.targetPrice, d.currency),
    currency: d.currency,
    postedOn,
    requiredBy: required.toISOString().slice(0, 10),
  };
}

/**
 * Precision@5 (share of the top five with grade ≥ 1) and nDCG@10 (graded gain 2^g − 1 against the
 * best possible order of the whole catalogue), averaged over the chosen half of the set.
 */
export async function evaluateRelevance(
  db: Database,
  tenantId: string,
  set: "tune" | "report" | "all",
  settings?: MatchingSettings,
): Promise<RelevanceFigures & { perDemand: { id: string; p5: number; ndcg10: number }[] }> {
  const chosen = RELEVANCE_SET.filter((d) => set === "all" || d.set === set);
  return withTenant(db, tenantId, async (tx) => {
    const catalogue = resultRows<CatalogueListing>(
      await tx.execute(sql`select l.id, l.category_code, l.attributes from listings l
        join storefronts s on s.tenant_id = l.tenant_id and s.id = l.storefront_id
        where l.status = 'active' and s.status = 'active'`),
    );
    const byId = new Map(catalogue.map((l) => [l.id, l]));
    const chosenSettings = settings ?? (await readMatchingSettings({ tx }));
    const perDemand: { id: string; p5: number; ndcg10: number }[] = [];
    for (const labelled of chosen) {
      const matches = await forDemand({ tx }, labelledToDemand(labelled), { limit: 10, settings: chosenSettings });
      const grades = matches.map((m) => {
        const listing = byId.get(m.listingId);
        return listing ? grade(labelled, listing) : 0;
      });
      const ideal = catalogue
        .map((l) => grade(labelled, l))
        .sort((a, b) => b - a)
        .slice(0, 10);
      const p5 = grades.slice(0, 5).filter((g) => g > 0).length / 5;
      const idealDcg = dcg(ideal);
      perDemand.push({ id: labelled.id, p5, ndcg10: idealDcg === 0 ? 0 : dcg(grades.slice(0, 10)) / idealDcg });
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    return {
      demands: chosen.length,
      precisionAt5: Math.round(mean(perDemand.map((d) => d.p5)) * 1000) / 1000,
      ndcgAt10: Math.round(mean(perDemand.map((d) => d.ndcg10)) * 1000) / 1000,
      perDemand,
    };
  });
}
