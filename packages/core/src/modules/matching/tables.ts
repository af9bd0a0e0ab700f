import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tenantIsolation, updatedAt } from "../../db/columns.js";
import { categories, listings } from "../catalog/tables.js";
import { organisations, tenants, users } from "../tenancy/tables.js";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const DEMAND_STATUSES = ["open", "quoting", "awarded", "closed", "expired", "cancelled"] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];
export const DEMAND_VISIBILITIES = ["matched", "invited"] as const;
export type DemandVisibility = (typeof DEMAND_VISIBILITIES)[number];

export interface Destination {
  /** ISO 3166-1 alpha-2: "DE". */
  country: string;
  port?: string;
  city?: string;
}

/** A buyer's request for quotation: what, how many, by when, at what price, shipped where. */
export const demands = pgTable(
  "demands",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    buyerOrganisationId: uuid("buyer_organisation_id").notNull(),
    createdByUserId: uuid("created_by_user_id"),
    titleZh: text("title_zh").notNull().default(""),
    titleEn: text("title_en").notNull().default(""),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    categoryId: uuid("category_id"),
    categoryCode: text("category_code"),
    quantity: integer("quantity").notNull(),
    unit: text("unit").notNull(),
    /** Per unit, in `currency`'s minor units; null when the buyer names no target. */
    targetPriceMinor: bigint("target_price_minor", { mode: "number" }),
    currency: text("currency").notNull(),
    /** The day posted (market time is UTC here): lead times are judged against requiredBy from it. */
    postedOn: date("posted_on", { mode: "string" }).notNull(),
    requiredBy: date("required_by", { mode: "string" }).notNull(),
    destination: jsonb("destination").$type<Destination>().notNull(),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    imageUrls: text("image_urls").array().notNull().default(sql`'{}'::text[]`),
    visibility: text("visibility").$type<DemandVisibility>().notNull().default("matched"),
    status: text("status").$type<DemandStatus>().notNull().default("open"),
    statusReason: text("status_reason"),
    /** Quotes this demand takes (the market's setting when posted), so buyers are not flooded. */
    maxQuotes: integer("max_quotes").notNull(),
    quoteCount: integer("quote_count").notNull().default(0),
    /** Segmented zh + en words of title, category and attributes, for listing → demand matching. */
    searchVector: tsvector("search_vector").notNull(),
    /** The words it is matched by (demandWords), kept so listing → demand scoring needs no jieba. */
    matchWords: text("match_words").array().notNull().default(sql`'{}'::text[]`),
    /** Its title and attribute words segmented for the index (category-name fit). */
    indexWords: text("index_words").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.buyerOrganisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }),
    foreignKey({ columns: [t.tenantId, t.categoryId], foreignColumns: [categories.tenantId, categories.id] }),
    foreignKey({ columns: [t.tenantId, t.createdByUserId], foreignColumns: [users.tenantId, users.id] }),
    index("demands_buyer").on(t.tenantId, t.buyerOrganisationId, t.id),
    index("demands_open_category").on(t.tenantId, t.categoryCode, t.id).where(sql`status in ('open', 'quoting')`),
    index("demands_search").using("gin", t.searchVector),
    check("demands_status_known", sql`${t.status} in ('open','quoting','awarded','closed','expired','cancelled')`),
    check("demands_visibility_known", sql`${t.visibility} in ('matched','invited')`),
    check("demands_quantity_positive", sql`${t.quantity} > 0`),
    check("demands_has_title", sql`${t.titleZh} <> '' or ${t.titleEn} <> ''`),
    tenantIsolation(),
  ],
);

/** Suppliers a buyer invited to quote (the only ones who see an invited-only demand). */
export const demandInvitations = pgTable(
  "demand_invitations",
  {
    tenantId: tenantId().references(() => tenants.id),
    demandId: uuid("demand_id").notNull(),
    supplierOrganisationId: uuid("supplier_organisation_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.demandId, t.supplierOrganisationId] }),
    foreignKey({ columns: [t.tenantId, t.demandId], foreignColumns: [demands.tenantId, demands.id] }),
    foreignKey({
      columns: [t.tenantId, t.supplierOrganisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }),
    index("demand_invitations_supplier").on(t.tenantId, t.supplierOrganisationId),
    tenantIsolation(),
  ],
);

/** Each part of a match score, 0…1: a person can see why a listing ranks where it does. */
export interface MatchParts {
  text: number;
  category: number;
  price: number;
  moq: number;
  leadTime: number;
  reliability: number;
}

/** One reason in both languages, with its kind so the portal can mark near misses. */
export interface MatchReason {
  kind: "moq" | "price" | "leadTime" | "unit" | "category" | "text";
  ok: boolean;
  en: string;
  zh: string;
}

/** A stored match of a demand and a listing: the buyer's suppliers list and the merchant's inbox. */
export const demandMatches = pgTable(
  "demand_matches",
  {
    tenantId: tenantId().references(() => tenants.id),
    demandId: uuid("demand_id").notNull(),
    listingId: uuid("listing_id").notNull(),
    supplierOrganisationId: uuid("supplier_organisation_id").notNull(),
    /** Weighted sum of the parts, 0…1 (a ranking figure, not money). */
    score: doublePrecision("score").notNull(),
    parts: jsonb("parts").$type<MatchParts>().notNull(),
    reasons: jsonb("reasons").$type<MatchReason[]>().notNull(),
    /** Found when the demand was posted, or when the listing was activated later. */
    source: text("source").$type<"demand" | "listing">().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.demandId, t.listingId] }),
    foreignKey({ columns: [t.tenantId, t.demandId], foreignColumns: [demands.tenantId, demands.id] }),
    foreignKey({ columns: [t.tenantId, t.listingId], foreignColumns: [listings.tenantId, listings.id] }),
    index("demand_matches_supplier").on(t.tenantId, t.supplierOrganisationId, t.demandId),
    tenantIsolation(),
  ],
);

export const QUOTE_STATUSES = ["submitted", "accepted", "rejected", "closed"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const INCOTERMS = ["EXW", "FCA", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DDP"] as const;
export type Incoterm = (typeof INCOTERMS)[number];

/** A merchant's answer to a demand; one per supplier and demand. */
export const quotes = pgTable(
  "quotes",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    demandId: uuid("demand_id").notNull(),
    supplierOrganisationId: uuid("supplier_organisation_id").notNull(),
    /** The listing quoted from, when there is one. */
    listingId: uuid("listing_id"),
    unitPriceMinor: bigint("unit_price_minor", { mode: "number" }).notNull(),
    /** Optional volume tiers (same rules as a listing's); unitPriceMinor is the price at `quantity`. */
    priceTiers: jsonb("price_tiers").$type<{ minQuantity: number; unitPriceMinor: number }[]>(),
    currency: text("currency").notNull(),
    quantity: integer("quantity").notNull(),
    leadTimeDays: integer("lead_time_days").notNull(),
    incoterm: text("incoterm").$type<Incoterm>().notNull(),
    /** Named place for the incoterm: "Ningbo" for FOB Ningbo. */
    incotermPlace: text("incoterm_place").notNull().default(""),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    notes: text("notes").notNull().default(""),
    status: text("status").$type<QuoteStatus>().notNull().default("submitted"),
    statusReason: text("status_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("quotes_one_per_supplier").on(t.tenantId, t.demandId, t.supplierOrganisationId),
    foreignKey({ columns: [t.tenantId, t.demandId], foreignColumns: [demands.tenantId, demands.id] }),
    foreignKey({
      columns: [t.tenantId, t.supplierOrganisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }),
    foreignKey({ columns: [t.tenantId, t.listingId], foreignColumns: [listings.tenantId, listings.id] }),
    index("quotes_supplier").on(t.tenantId, t.supplierOrganisationId, t.id),
    check("quotes_status_known", sql`${t.status} in ('submitted','accepted','rejected','closed')`),
    check("quotes_quantity_positive", sql`${t.quantity} > 0`),
    check("quotes_price_not_negative", sql`${t.unitPriceMinor} >= 0`),
    tenantIsolation(),
  ],
);

/** The question-and-answer thread on a quote between the buyer and the supplier. */
export const quoteMessages = pgTable(
  "quote_messages",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    quoteId: uuid("quote_id").notNull(),
    authorOrganisationId: uuid("author_organisation_id").notNull(),
    authorUserId: uuid("author_user_id"),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.quoteId], foreignColumns: [quotes.tenantId, quotes.id] }),
    index("quote_messages_quote").on(t.tenantId, t.quoteId, t.id),
    tenantIsolation(),
  ],
);

export interface MatchWeights {
  text: number;
  category: number;
  price: number;
  moq: number;
  leadTime: number;
  reliability: number;
}

/** The market's matching settings (one row per tenant; defaults when absent). */
export const matchingSettings = pgTable(
  "matching_settings",
  {
    tenantId: tenantId().references(() => tenants.id),
    weights: jsonb("weights").$type<MatchWeights>().notNull(),
    maxQuotesPerDemand: integer("max_quotes_per_demand").notNull(),
    listingsPerSupplier: integer("listings_per_supplier").notNull(),
    /** Units of CNY per one unit of each currency, as decimal text ("7.1"): conversion never floats. */
    exchangeRates: jsonb("exchange_rates").$type<Record<string, string>>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] }), tenantIsolation()],
);

export type Demand = typeof demands.$inferSelect;
export type Quote = typeof quotes.$inferSelect;
export type DemandMatch = typeof demandMatches.$inferSelect;
