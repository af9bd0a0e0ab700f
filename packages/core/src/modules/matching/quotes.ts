import { and, asc, desc, eq, getTableColumns, inArray, ne, sql } from "drizzle-orm";
import type { ServiceCall } from "../../shared/context.js";
import { DomainError, fieldError, notFound, parseInput } from "../../shared/errors.js";
import { listings } from "../catalog/index.js";
import { emitEvent } from "../events/index.js";
import { organisations, requireOrganisation } from "../tenancy/index.js";
import {
  BUYERS,
  demandViewColumns,
  effectiveDemandStatus,
  lockOwnDemand,
  requireTransition,
  setDemandStatus,
  supplierSeesDemand,
  today,
} from "./demands.js";
import { supplierReliability } from "./reliability.js";
import {
  QuoteIdInput,
  QuoteMessageInput,
  RejectQuoteInput,
  type SubmitQuoteInput as SubmitInput,
  SubmitQuoteInput,
} from "./schemas.js";
import { convertMinor, readMatchingSettings } from "./settings.js";
import { demandMatches, demands, type Quote, quoteMessages, quotes } from "./tables.js";

const QUOTERS = { kinds: ["merchant"], roles: ["owner", "admin", "member"], scope: "quotes:write" } as const;

export type QuoteView = Omit<Quote, "status"> & { status: Quote["status"] | "expired" };

/** A submitted quote past its validity date is expired. */
export function effectiveQuoteStatus(quote: Pick<Quote, "status" | "validUntil">, on = today()): QuoteView["status"] {
  return quote.status === "submitted" && quote.validUntil < on ? "expired" : quote.status;
}
const view = (quote: Quote): QuoteView => ({ ...quote, status: effectiveQuoteStatus(quote) });

/**
 * A merchant answers a demand it may see (matched or invited). One quote per supplier; at most
 * the demand's quote cap; not on a closed, awarded, cancelled or expired demand. The first quote
 * moves the demand to quoting. Merchants (quotes:write).
 */
export async function submitQuote({ ctx, input }: ServiceCall<SubmitInput>): Promise<QuoteView> {
  const supplier = requireOrganisation(ctx, QUOTERS);
  const p = parseInput(SubmitQuoteInput, input);
  if (p.validUntil < today()) {
    throw fieldError("validUntil", { en: "cannot be in the past", zh: "不能早于今天" });
  }
  // Locked: the quote cap and the status change must see every concurrent quote.
  const [demand] = await ctx.tx.select(demandViewColumns).from(demands).where(eq(demands.id, p.demandId)).for("update");
  if (!demand || !(await supplierSeesDemand(ctx, demand, supplier.organisationId))) {
    throw notFound({ en: "Demand", zh: "需求" });
  }
  const status = effectiveDemandStatus(demand);
  if (status !== "open" && status !== "quoting") {
    throw new DomainError("PRECONDITION_FAILED", {
      en: `This demand is ${status} and takes no more quotes`,
      zh: `该需求已${status === "expired" ? "过期" : status === "cancelled" ? "取消" : "结束"}，不再接受报价`,
    });
  }
  if (demand.quoteCount >= demand.maxQuotes) {
    throw new DomainError("CONFLICT", {
      en: `This demand already has its ${demand.maxQuotes} quotes`,
      zh: `该需求已收到 ${demand.maxQuotes} 份报价，已满`,
    });
  }
  if (p.listingId) {
    const [own] = await ctx.tx
      .select({ id: listings.id })
      .from(listings)
      .where(and(eq(listings.id, p.listingId), eq(listings.organisationId, supplier.organisationId)));
    if (!own) throw fieldError("listingId", { en: "not one of your listings", zh: "不是您的商品" });
  }
  const [quote] = await ctx.tx
    .insert(quotes)
    .values({
      tenantId: ctx.tenantId,
      demandId: demand.id,
      supplierOrganisationId: supplier.organisationId,
      listingId: p.listingId ?? null,
      unitPriceMinor: p.unitPriceMinor,
      priceTiers: p.priceTiers ?? null,
      currency: p.currency,
      quantity: p.quantity,
      leadTimeDays: p.leadTimeDays,
      incoterm: p.incoterm,
      incotermPlace: p.incotermPlace,
      validUntil: p.validUntil,
      notes: p.notes,
    })
    .onConflictDoNothing()
    .returning();
  if (!quote) {
    throw new DomainError("CONFLICT", {
      en: "You have already quoted on this demand",
      zh: "您已对该需求报过价",
    });
  }
  await ctx.tx
    .update(demands)
    .set({
      quoteCount: sql`${demands.quoteCount} + 1`,
      status: demand.status === "open" ? "quoting" : demand.status,
      updatedAt: new Date(),
    })
    .where(eq(demands.id, demand.id));
  await emitEvent(ctx, {
    type: "quote.submitted",
    organisationId: demand.buyerOrganisationId,
    payload: { quote },
  });
  return view(quote);
}

export interface QuoteComparison extends QuoteView {
  supplier: { id: string; nameZh: string; nameEn: string };
  /** Unit price and total in the demand's currency (null when no exchange rate is known). */
  unitPriceInDemandCurrencyMinor: number | null;
  totalInDemandCurrencyMinor: number | null;
  demandCurrency: string;
  reliability: number;
  /** The supplier's best match score for this demand, if it was matched. */
  matchScore: number | null;
  messageCount: number;
}

/** The demand's quotes side by side for its buyer: prices in the demand's currency, cheapest first. */
export async function compareQuotes({ ctx, input }: ServiceCall<{ demandId: string }>): Promise<QuoteComparison[]> {
  const buyer = requireOrganisation(ctx, { kinds: ["buyer"], scope: "demands:read" });
  const [demand] = await ctx.tx
    .select({ id: demands.id, currency: demands.currency })
    .from(demands)
    .where(and(eq(demands.id, input.demandId), eq(demands.buyerOrganisationId, buyer.organisationId)));
  if (!demand) throw notFound({ en: "Demand", zh: "需求" });
  const rows = await ctx.tx
    .select({ ...getTableColumns(quotes), nameZh: organisations.nameZh, nameEn: organisations.nameEn })
    .from(quotes)
    .innerJoin(
      organisations,
      and(eq(organisations.tenantId, quotes.tenantId), eq(organisations.id, quotes.supplierOrganisationId)),
    )
    .where(eq(quotes.demandId, demand.id))
    .orderBy(asc(quotes.id));
  if (rows.length === 0) return [];
  const settings = await readMatchingSettings(ctx);
  const suppliers = rows.map((r) => r.supplierOrganisationId);
  const reliability = await supplierReliability(ctx, suppliers);
  const scores = new Map(
    (
      await ctx.tx
        .select({ id: demandMatches.supplierOrganisationId, score: sql<number>`max(${demandMatches.score})` })
        .from(demandMatches)
        .where(and(eq(demandMatches.demandId, demand.id), inArray(demandMatches.supplierOrganisationId, suppliers)))
        .groupBy(demandMatches.supplierOrganisationId)
    ).map((r) => [r.id, Number(r.score)]),
  );
  const counts = new Map(
    (
      await ctx.tx
        .select({ id: quoteMessages.quoteId, n: sql<number>`count(*)::int` })
        .from(quoteMessages)
        .where(
          inArray(
            quoteMessages.quoteId,
            rows.map((r) => r.id),
          ),
        )
        .groupBy(quoteMessages.quoteId)
    ).map((r) => [r.id, r.n]),
  );
  const compared = rows.map(({ nameZh, nameEn, ...quote }): QuoteComparison => {
    const unit = convertMinor(quote.unitPriceMinor, quote.currency, demand.currency, settings.exchangeRates);
    return {
      ...view(quote),
      supplier: { id: quote.supplierOrganisationId, nameZh, nameEn },
      unitPriceInDemandCurrencyMinor: unit,
      totalInDemandCurrencyMinor: unit === null ? null : unit * quote.quantity,
      demandCurrency: demand.currency,
      reliability: reliability.get(quote.supplierOrganisationId)?.score ?? 0,
      matchScore: scores.get(quote.supplierOrganisationId) ?? null,
      messageCount: counts.get(quote.id) ?? 0,
    };
  });
  const price = (q: QuoteComparison) => q.unitPriceInDemandCurrencyMinor ?? Number.POSITIVE_INFINITY;
  return compared.sort((a, b) => price(a) - price(b) || (a.id < b.id ? -1 : 1));
}

/** A quote of a demand the buyer owns, locked with its demand. */
async function lockBuyersQuote(ctx: Parameters<typeof submitQuote>[0]["ctx"], buyerId: string, quoteId: string) {
  const [found] = await ctx.tx.select({ demandId: quotes.demandId }).from(quotes).where(eq(quotes.id, quoteId));
  if (!found) throw notFound({ en: "Quote", zh: "报价" });
  // Demand first, then quote: the same order submitQuote locks in, so the two never deadlock.
  const demand = await lockOwnDemand(ctx, buyerId, found.demandId).catch(() => {
    throw notFound({ en: "Quote", zh: "报价" });
  });
  const [quote] = await ctx.tx.select().from(quotes).where(eq(quotes.id, quoteId)).for("update");
  if (!quote) throw notFound({ en: "Quote", zh: "报价" });
  return { quote, demand };
}

/**
 * The buyer accepts one quote: the demand is awarded and every other open quote closes with the
 * reason. Expired quotes and demands that are no longer open are refused. An order draft follows
 * once the orders module exists (orderDraft is null until then).
 */
export async function acceptQuote({ ctx, input }: ServiceCall<{ quoteId: string }>) {
  const buyer = requireOrganisation(ctx, BUYERS);
  const { quoteId } = parseInput(QuoteIdInput, input);
  const { quote, demand } = await lockBuyersQuote(ctx, buyer.organisationId, quoteId);
  const quoteStatus = effectiveQuoteStatus(quote);
  if (quoteStatus === "expired") {
    throw new DomainError("PRECONDITION_FAILED", {
      en: `This quote expired on ${quote.validUntil}`,
      zh: `该报价已于 ${quote.validUntil} 过期`,
    });
  }
  if (quoteStatus !== "submitted") {
    throw new DomainError("PRECONDITION_FAILED", {
      en: `This quote is ${quoteStatus} and cannot be accepted`,
      zh: "该报价已处理，不能再接受",
    });
  }
  requireTransition(effectiveDemandStatus(demand), "awarded");
  const [accepted] = await ctx.tx
    .update(quotes)
    .set({ status: "accepted", updatedAt: new Date() })
    .where(eq(quotes.id, quote.id))
    .returning();
  const closed = await ctx.tx
    .update(quotes)
    .set({ status: "closed", statusReason: "another quote was accepted", updatedAt: new Date() })
    .where(and(eq(quotes.demandId, demand.id), ne(quotes.id, quote.id), eq(quotes.status, "submitted")))
    .returning({ id: quotes.id });
  const awarded = await setDemandStatus(ctx, demand.id, "awarded", null);
  await emitEvent(ctx, {
    type: "quote.accepted",
    organisationId: quote.supplierOrganisationId,
    payload: { quote: accepted, demandId: demand.id },
  });
  if (!accepted) throw notFound({ en: "Quote", zh: "报价" });
  return { quote: view(accepted), demand: awarded, closedQuotes: closed.length, orderDraft: null };
}

/** The buyer turns a quote down with a reason; the demand stays open for others. */
export async function rejectQuote({ ctx, input }: ServiceCall<{ quoteId: string; reason?: string }>) {
  const buyer = requireOrganisation(ctx, BUYERS);
  const p = parseInput(RejectQuoteInput, input);
  const { quote } = await lockBuyersQuote(ctx, buyer.organisationId, p.quoteId);
  if (quote.status !== "submitted") {
    throw new DomainError("PRECONDITION_FAILED", {
      en: `This quote is ${quote.status} and cannot be rejected`,
      zh: "该报价已处理，不能再拒绝",
    });
  }
  const [rejected] = await ctx.tx
    .update(quotes)
    .set({ status: "rejected", statusReason: p.reason || null, updatedAt: new Date() })
    .where(eq(quotes.id, quote.id))
    .returning();
  if (!rejected) throw notFound({ en: "Quote", zh: "报价" });
  return view(rejected);
}

/** The quote if the actor is its supplier or its demand's buyer; NOT_FOUND otherwise. */
async function quoteForParty(ctx: Parameters<typeof submitQuote>[0]["ctx"], organisationId: string, quoteId: string) {
  const [row] = await ctx.tx
    .select({ quote: getTableColumns(quotes), buyerId: demands.buyerOrganisationId })
    .from(quotes)
    .innerJoin(demands, and(eq(demands.tenantId, quotes.tenantId), eq(demands.id, quotes.demandId)))
    .where(eq(quotes.id, quoteId));
  if (!row || (row.quote.supplierOrganisationId !== organisationId && row.buyerId !== organisationId)) {
    throw notFound({ en: "Quote", zh: "报价" });
  }
  return row;
}

/** A question or answer on a quote, by its buyer or its supplier. */
export async function postQuoteMessage({ ctx, input }: ServiceCall<{ quoteId: string; body: string }>) {
  const party = requireOrganisation(ctx, { kinds: ["buyer", "merchant"], scope: "demands:write" });
  const p = parseInput(QuoteMessageInput, input);
  const { quote, buyerId } = await quoteForParty(ctx, party.organisationId, p.quoteId);
  const [message] = await ctx.tx
    .insert(quoteMessages)
    .values({
      tenantId: ctx.tenantId,
      quoteId: quote.id,
      authorOrganisationId: party.organisationId,
      authorUserId: party.userId,
      body: p.body,
    })
    .returning();
  if (!message) throw new Error("insert returned nothing");
  await emitEvent(ctx, {
    type: "quote.message",
    organisationId: party.organisationId === buyerId ? quote.supplierOrganisationId : buyerId,
    payload: { message },
  });
  return message;
}

/** The thread of a quote, oldest first. */
export async function listQuoteMessages({ ctx, input }: ServiceCall<{ quoteId: string }>) {
  const party = requireOrganisation(ctx, { kinds: ["buyer", "merchant"], scope: "demands:read" });
  const { quoteId } = parseInput(QuoteIdInput, input);
  await quoteForParty(ctx, party.organisationId, quoteId);
  return ctx.tx.select().from(quoteMessages).where(eq(quoteMessages.quoteId, quoteId)).orderBy(asc(quoteMessages.id));
}

/** The merchant's own quotes, newest first. */
export async function listMyQuotes(ctx: Parameters<typeof submitQuote>[0]["ctx"]) {
  const supplier = requireOrganisation(ctx, { kinds: ["merchant"], scope: "demands:read" });
  const rows = await ctx.tx
    .select()
    .from(quotes)
    .where(eq(quotes.supplierOrganisationId, supplier.organisationId))
    .orderBy(desc(quotes.id))
    .limit(200);
  return rows.map(view);
}
