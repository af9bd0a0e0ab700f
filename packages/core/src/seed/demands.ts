import { desc, eq } from "drizzle-orm";
import type { Transaction } from "../db/client.js";
import { type PostDemandInput, postDemand, postQuoteMessage, submitQuote } from "../modules/matching/index.js";
import { demandMatches } from "../modules/matching/tables.js";
import type { OrganisationKind } from "../modules/tenancy/tables.js";
import type { Actor, ServiceContext } from "../shared/context.js";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

interface DemoDemand {
  /** Which buyer posts it: the demo buyer (0) or another buyer organisation. */
  buyer: number;
  input: PostDemandInput;
  /** Quotes from the best-matched suppliers, as a share of the target price (100 = at target). */
  quotes: number[];
}

/** Open demands of Yiwu's buyers, as they post them: Chinese, English and mixed. */
const DEMANDS: DemoDemand[] = [
  {
    buyer: 0,
    input: {
      titleZh: "PVC加密圣诞树 1.5米",
      titleEn: "PVC christmas tree 150cm",
      descriptionEn: "For supermarkets in Germany; colour box with our logo.",
      categoryCode: "festive.christmas",
      quantity: 2000,
      unit: "pcs",
      targetPriceMinor: 3800,
      currency: "CNY",
      requiredBy: inDays(45),
      destination: { country: "DE", port: "Hamburg" },
      attributes: { material: "PVC" },
    },
    quotes: [96, 104, 99],
  },
  {
    buyer: 0,
    input: {
      titleEn: "Ceramic coffee mugs, white, 350ml, custom logo",
      quantity: 3000,
      unit: "pcs",
      targetPriceMinor: 95,
      currency: "USD",
      requiredBy: inDays(30),
      destination: { country: "AE", port: "Jebel Ali" },
      attributes: { material: "ceramic", color: "white" },
    },
    quotes: [98, 110],
  },
  {
    buyer: 0,
    input: {
      titleZh: "合金发夹 抓夹 批量采购",
      titleEn: "alloy hair claw clips",
      categoryCode: "hair",
      quantity: 1200,
      unit: "pcs",
      targetPriceMinor: 180,
      currency: "CNY",
      requiredBy: inDays(25),
      destination: { country: "US", port: "Los Angeles" },
    },
    quotes: [],
  },
  {
    buyer: 1,
    input: {
      titleZh: "毛绒泰迪熊 30厘米",
      titleEn: "plush teddy bear 30cm",
      categoryCode: "toys.plush",
      quantity: 5000,
      unit: "pcs",
      targetPriceMinor: 1200,
      currency: "CNY",
      requiredBy: inDays(60),
      destination: { country: "GB", port: "Felixstowe" },
    },
    quotes: [101],
  },
  {
    buyer: 2,
    input: {
      titleEn: "Stainless steel vacuum flask 500ml",
      quantity: 1000,
      unit: "pcs",
      targetPriceMinor: 2200,
      currency: "CNY",
      requiredBy: inDays(35),
      destination: { country: "RU", city: "Moscow" },
      attributes: { material: "stainless steel" },
    },
    quotes: [],
  },
  {
    buyer: 3,
    input: {
      titleZh: "时尚耳环 925银",
      titleEn: "fashion earrings",
      categoryCode: "jewelry",
      quantity: 600,
      unit: "pcs",
      targetPriceMinor: null,
      currency: "CNY",
      requiredBy: inDays(20),
      destination: { country: "BR", port: "Santos" },
    },
    quotes: [],
  },
];

/**
 * Open demands for the demo buyers, matched by the real engine, with quotes from their best
 * matched suppliers and a question on one: the buyer has quotes to compare and the demo merchant
 * an inbox.
 */
export async function seedDemands(
  tx: Transaction,
  tenantId: string,
  buyers: { id: string; kinds: OrganisationKind[] }[],
  demoUsers: Partial<Record<OrganisationKind, string>>,
): Promise<number> {
  const userId = demoUsers.buyer ?? demoUsers.merchant ?? "";
  const ctxFor = (actor: Actor): ServiceContext => ({ tx, tenantId, actor, requestId: "seed", locale: "en" });
  let posted = 0;
  for (const demo of DEMANDS) {
    const buyer = buyers[demo.buyer];
    if (!buyer) continue;
    const asBuyer = ctxFor({ type: "user", userId, organisationId: buyer.id, role: "owner", kinds: buyer.kinds });
    const { demand } = await postDemand({ ctx: asBuyer, input: demo.input });
    posted++;
    const matched = await tx
      .select({ supplier: demandMatches.supplierOrganisationId, listing: demandMatches.listingId })
      .from(demandMatches)
      .where(eq(demandMatches.demandId, demand.id))
      .orderBy(desc(demandMatches.score), demandMatches.listingId);
    const suppliers = [...new Map(matched.map((m) => [m.supplier, m.listing])).entries()];
    for (const [i, share] of demo.quotes.entries()) {
      const pick = suppliers[i];
      if (!pick || !demand.targetPriceMinor) continue;
      const [supplier, listing] = pick;
      // Quotes are issued by the suppliers' sales desks; seed data has no person for each.
      const asSupplier = ctxFor({
        type: "apiKey",
        apiKeyId: "seed",
        organisationId: supplier,
        kinds: ["merchant"],
        scopes: ["quotes:write", "demands:write"],
      });
      const quote = await submitQuote({
        ctx: asSupplier,
        input: {
          demandId: demand.id,
          listingId: listing,
          unitPriceMinor: Math.round((demand.targetPriceMinor * share) / 100),
          currency: demand.currency,
          quantity: demand.quantity,
          leadTimeDays: 12 + i * 6,
          incoterm: i % 2 ? "EXW" : "FOB",
          incotermPlace: i % 2 ? "Yiwu" : "Ningbo",
          validUntil: inDays(14 + i * 7),
          notes: i === 0 ? "样品3天可寄 · Samples in 3 days" : "",
        },
      });
      if (i === 0) {
        await postQuoteMessage({
          ctx: asBuyer,
          input: { quoteId: quote.id, body: "Can you print our logo on the box? 可以印我们的logo吗？" },
        });
      }
    }
  }
  return posted;
}
