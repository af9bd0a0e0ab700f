import { catalog, matching } from "@tradecloud/core";
import { z } from "zod";
import { memberProcedure, operatorProcedure, router } from "../trpc.js";

const tags = ["matching"];
const buyerWriters = { kinds: ["buyer"] as const, scope: "demands:write" as const };
const buyerReaders = { kinds: ["buyer"] as const, scope: "demands:read" as const };
const merchantReaders = { kinds: ["merchant"] as const, scope: "demands:read" as const };
const quoters = { kinds: ["merchant"] as const, scope: "quotes:write" as const };
const parties = { kinds: ["buyer", "merchant"] as const };

const Bilingual = z.object({ en: z.string(), zh: z.string() });
const Parts = z.object({
  text: z.number(),
  category: z.number(),
  price: z.number(),
  moq: z.number(),
  leadTime: z.number(),
  reliability: z.number(),
});
const Reason = z.object({
  kind: z.enum(["moq", "price", "leadTime", "unit", "category", "text"]),
  ok: z.boolean(),
  en: z.string(),
  zh: z.string(),
});

const DemandOutput = z.object({
  id: z.string(),
  buyerOrganisationId: z.string(),
  createdByUserId: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  categoryId: z.string().nullable(),
  categoryCode: z.string().nullable(),
  quantity: z.number().int(),
  unit: z.string(),
  targetPriceMinor: z.number().int().nullable(),
  currency: z.string(),
  postedOn: z.string(),
  requiredBy: z.string(),
  destination: z.object({ country: z.string(), port: z.string().optional(), city: z.string().optional() }),
  attributes: z.record(z.string(), z.string()),
  imageUrls: z.array(z.string()),
  visibility: z.enum(matching.DEMAND_VISIBILITIES),
  status: z.enum(matching.DEMAND_STATUSES),
  statusReason: z.string().nullable(),
  maxQuotes: z.number().int(),
  quoteCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const SupplierMatchOutput = z.object({
  listingId: z.string(),
  supplierOrganisationId: z.string(),
  score: z.number(),
  parts: Parts,
  reasons: z.array(Reason),
  explanation: Bilingual,
  listing: z.object({
    titleZh: z.string(),
    titleEn: z.string(),
    categoryCode: z.string(),
    moq: z.number().int(),
    unit: z.string(),
    currency: z.string(),
    leadTimeDays: z.number().int(),
    status: z.string(),
  }),
  storefront: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }),
  invited: z.boolean(),
  quoted: z.boolean(),
});

const QuoteOutput = z.object({
  id: z.string(),
  demandId: z.string(),
  supplierOrganisationId: z.string(),
  listingId: z.string().nullable(),
  unitPriceMinor: z.number().int(),
  priceTiers: z.array(catalog.PriceTierSchema).nullable(),
  currency: z.string(),
  quantity: z.number().int(),
  leadTimeDays: z.number().int(),
  incoterm: z.enum(matching.INCOTERMS),
  incotermPlace: z.string(),
  validUntil: z.string(),
  notes: z.string(),
  status: z.enum([...matching.QUOTE_STATUSES, "expired"]),
  statusReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const QuoteComparisonOutput = QuoteOutput.extend({
  supplier: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }),
  unitPriceInDemandCurrencyMinor: z.number().int().nullable(),
  totalInDemandCurrencyMinor: z.number().int().nullable(),
  demandCurrency: z.string(),
  reliability: z.number(),
  matchScore: z.number().nullable(),
  messageCount: z.number().int(),
});

const MessageOutput = z.object({
  id: z.string(),
  quoteId: z.string(),
  authorOrganisationId: z.string(),
  authorUserId: z.string().nullable(),
  body: z.string(),
  createdAt: z.date(),
});

const InboxOutput = z.object({
  items: z.array(
    z.object({
      demand: DemandOutput,
      buyer: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }),
      invited: z.boolean(),
      bestMatch: z
        .object({
          listingId: z.string(),
          titleZh: z.string(),
          titleEn: z.string(),
          score: z.number(),
          parts: Parts,
          reasons: z.array(Reason),
          explanation: Bilingual,
        })
        .nullable(),
      myQuote: z.object({ id: z.string(), status: z.string() }).nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const SettingsOutput = z.object({
  weights: Parts,
  maxQuotesPerDemand: z.number().int(),
  listingsPerSupplier: z.number().int(),
  exchangeRates: z.record(z.string(), z.string()),
});

export const matchingRouter = router({
  postDemand: memberProcedure(buyerWriters)
    .meta({
      openapi: {
        method: "POST",
        path: "/demands",
        tags,
        summary: "Post a demand (RFQ); suppliers are matched at once",
      },
    })
    .input(matching.PostDemandInput)
    .output(z.object({ demand: DemandOutput, matchCount: z.number().int() }))
    .mutation(({ ctx, input }) => matching.postDemand({ ctx, input })),

  listMyDemands: memberProcedure(buyerReaders)
    .meta({ openapi: { method: "GET", path: "/demands/mine", tags, summary: "Your organisation's demands" } })
    .input(matching.ListDemandsInput.extend({ limit: z.coerce.number().int().min(1).max(100).default(20) }))
    .output(z.object({ items: z.array(DemandOutput), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => matching.listMyDemands({ ctx, input })),

  getDemand: memberProcedure(parties)
    .meta({
      openapi: {
        method: "GET",
        path: "/demands/{demandId}",
        tags,
        summary: "One demand (its buyer, or a matched or invited supplier)",
      },
    })
    .input(matching.DemandIdInput)
    .output(DemandOutput)
    .query(({ ctx, input }) => matching.getDemand({ ctx, input })),

  listDemandMatches: memberProcedure(buyerReaders)
    .meta({
      openapi: {
        method: "GET",
        path: "/demands/{demandId}/matches",
        tags,
        summary: "Matched suppliers, best first, with reasons",
      },
    })
    .input(matching.DemandIdInput)
    .output(z.array(SupplierMatchOutput))
    .query(({ ctx, input }) => matching.listDemandMatches({ ctx, input })),

  inviteSuppliers: memberProcedure(buyerWriters)
    .meta({
      openapi: { method: "POST", path: "/demands/{demandId}/invitations", tags, summary: "Invite suppliers to quote" },
    })
    .input(matching.InviteSuppliersInput)
    .output(z.object({ invited: z.number().int() }))
    .mutation(({ ctx, input }) => matching.inviteSuppliers({ ctx, input })),

  cancelDemand: memberProcedure(buyerWriters)
    .meta({ openapi: { method: "POST", path: "/demands/{demandId}/cancel", tags, summary: "Cancel an open demand" } })
    .input(matching.ChangeDemandInput)
    .output(DemandOutput)
    .mutation(({ ctx, input }) => matching.cancelDemand({ ctx, input })),

  closeDemand: memberProcedure(buyerWriters)
    .meta({ openapi: { method: "POST", path: "/demands/{demandId}/close", tags, summary: "Close an awarded demand" } })
    .input(matching.ChangeDemandInput)
    .output(DemandOutput)
    .mutation(({ ctx, input }) => matching.closeDemand({ ctx, input })),

  inbox: memberProcedure(merchantReaders)
    .meta({
      openapi: { method: "GET", path: "/inbox", tags, summary: "Demands matched to your listings or inviting you" },
    })
    .input(matching.InboxInput.extend({ limit: z.coerce.number().int().min(1).max(100).default(20) }))
    .output(InboxOutput)
    .query(({ ctx, input }) => matching.listInbox({ ctx, input })),

  submitQuote: memberProcedure(quoters)
    .meta({ openapi: { method: "POST", path: "/demands/{demandId}/quotes", tags, summary: "Quote on a demand" } })
    .input(matching.SubmitQuoteInput)
    .output(QuoteOutput)
    .mutation(({ ctx, input }) => matching.submitQuote({ ctx, input })),

  listMyQuotes: memberProcedure(merchantReaders)
    .meta({ openapi: { method: "GET", path: "/quotes/mine", tags, summary: "Your organisation's quotes" } })
    .input(z.object({}).optional())
    .output(z.array(QuoteOutput))
    .query(({ ctx }) => matching.listMyQuotes(ctx)),

  compareQuotes: memberProcedure(buyerReaders)
    .meta({
      openapi: {
        method: "GET",
        path: "/demands/{demandId}/quotes",
        tags,
        summary: "The demand's quotes side by side, in your currency",
      },
    })
    .input(matching.DemandIdInput)
    .output(z.array(QuoteComparisonOutput))
    .query(({ ctx, input }) => matching.compareQuotes({ ctx, input })),

  acceptQuote: memberProcedure(buyerWriters)
    .meta({
      openapi: {
        method: "POST",
        path: "/quotes/{quoteId}/accept",
        tags,
        summary: "Accept a quote: award the demand, close the others",
      },
    })
    .input(matching.QuoteIdInput)
    .output(
      z.object({
        quote: QuoteOutput,
        demand: DemandOutput,
        closedQuotes: z.number().int(),
        orderDraft: z.null(),
      }),
    )
    .mutation(({ ctx, input }) => matching.acceptQuote({ ctx, input })),

  rejectQuote: memberProcedure(buyerWriters)
    .meta({ openapi: { method: "POST", path: "/quotes/{quoteId}/reject", tags, summary: "Turn a quote down" } })
    .input(matching.RejectQuoteInput)
    .output(QuoteOutput)
    .mutation(({ ctx, input }) => matching.rejectQuote({ ctx, input })),

  postQuoteMessage: memberProcedure(parties)
    .meta({
      openapi: { method: "POST", path: "/quotes/{quoteId}/messages", tags, summary: "Ask or answer on a quote" },
    })
    .input(matching.QuoteMessageInput)
    .output(MessageOutput)
    .mutation(({ ctx, input }) => matching.postQuoteMessage({ ctx, input })),

  listQuoteMessages: memberProcedure(parties)
    .meta({ openapi: { method: "GET", path: "/quotes/{quoteId}/messages", tags, summary: "The thread of a quote" } })
    .input(matching.QuoteIdInput)
    .output(z.array(MessageOutput))
    .query(({ ctx, input }) => matching.listQuoteMessages({ ctx, input })),

  getSettings: memberProcedure({})
    .meta({
      openapi: { method: "GET", path: "/matching/settings", tags, summary: "The market's matching weights and limits" },
    })
    .input(z.object({}).optional())
    .output(SettingsOutput)
    .query(({ ctx }) => matching.getMatchingSettings(ctx)),

  updateSettings: operatorProcedure
    .input(matching.MatchingSettingsInput)
    .output(SettingsOutput)
    .mutation(({ ctx, input }) => matching.updateMatchingSettings({ ctx, input })),
});
