import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
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
import { organisations, tenants } from "../tenancy/tables.js";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The market's category tree. `code` is the dot path from the root (`toys.plush.teddy-bears`),
 * so a subtree is `code = X or code like 'X.%'` on one B-tree index.
 */
export const categories = pgTable(
  "categories",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    parentId: uuid("parent_id"),
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    depth: integer("depth").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("categories_code").on(t.tenantId, t.code),
    index("categories_parent").on(t.tenantId, t.parentId),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    tenantIsolation(),
  ],
);

export const STOREFRONT_STATUSES = ["active", "closed"] as const;
export type StorefrontStatus = (typeof STOREFRONT_STATUSES)[number];

export interface BoothAddress {
  /** 区: "二区" / "District 2". */
  district: string;
  /** Gate or floor: "7号门" / "Gate 7", "3F". */
  gate: string;
  /** 街: "3街" / "Street 3". */
  street: string;
  /** Booth number: "12345". */
  booth: string;
}

export interface StorefrontContact {
  name?: string;
  phone?: string;
  email?: string;
  wechat?: string;
}

/** A merchant's shop in the market; a merchant organisation may run several. */
export const storefronts = pgTable(
  "storefronts",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    organisationId: uuid("organisation_id").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    booth: jsonb("booth").$type<BoothAddress>().notNull(),
    logoUrl: text("logo_url"),
    mainCategoryCodes: text("main_category_codes").array().notNull().default(sql`'{}'::text[]`),
    contact: jsonb("contact").$type<StorefrontContact>().notNull().default({}),
    status: text("status").$type<StorefrontStatus>().notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.organisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }),
    index("storefronts_organisation").on(t.tenantId, t.organisationId),
    // Search asks "is this listing's storefront closed?" of thousands of matches: an index of the
    // few closed ones answers in a page, where the primary key reads four (0023).
    index("storefronts_closed").on(t.tenantId, t.id).where(sql`${t.status} <> 'active'`),
    check("storefronts_status_known", sql`${t.status} in ('active','closed')`),
    tenantIsolation(),
  ],
);

export const LISTING_STATUSES = ["draft", "active", "archived"] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const UNITS = ["pcs", "dozen", "pair", "set", "box", "carton", "kg", "m"] as const;
export type Unit = (typeof UNITS)[number];

/** From `minQuantity` units on, each unit costs `unitPriceMinor` (integer minor units). */
export interface PriceTier {
  minQuantity: number;
  unitPriceMinor: number;
}

export interface CartonSpec {
  pcsPerCarton: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  /** Gross weight in grams (integers, so no float creeps in). */
  grossGrams: number;
}

export const listings = pgTable(
  "listings",
  {
    // No key of its own to tenants: the storefront key (tenant_id, storefront_id) already proves the
    // tenant exists, and a third per-row check cost an import ~5% of its database time.
    tenantId: tenantId(),
    id: id(),
    storefrontId: uuid("storefront_id").notNull(),
    /** The merchant organisation that owns the storefront (kept here for ownership checks). */
    organisationId: uuid("organisation_id").notNull(),
    sku: text("sku").notNull(),
    titleZh: text("title_zh").notNull().default(""),
    titleEn: text("title_en").notNull().default(""),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    categoryId: uuid("category_id").notNull(),
    categoryCode: text("category_code").notNull(),
    /** The category's code and its ancestors' (`toys`, `toys.plush`, …): a subtree filter is one GIN lookup. */
    categoryPath: text("category_path").array().notNull(),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    imageUrls: text("image_urls").array().notNull().default(sql`'{}'::text[]`),
    unit: text("unit").$type<Unit>().notNull(),
    moq: integer("moq").notNull(),
    priceTiers: jsonb("price_tiers").$type<PriceTier[]>().notNull(),
    /** The first tier's price: the highest unit price, for sorting and coarse filters. */
    basePriceMinor: bigint("base_price_minor", { mode: "number" }).notNull(),
    /** The last tier's price: the lowest. A price filter settles most rows on these two bounds. */
    floorPriceMinor: bigint("floor_price_minor", { mode: "number" }).notNull().default(0),
    currency: text("currency").notNull(),
    stock: integer("stock"),
    leadTimeDays: integer("lead_time_days").notNull(),
    carton: jsonb("carton").$type<CartonSpec>(),
    hsCode: text("hs_code"),
    status: text("status").$type<ListingStatus>().notNull().default("draft"),
    /** Optimistic concurrency: an update names the version it read. */
    version: integer("version").notNull().default(1),
    /** Segmented zh + en words of title, category and attribute values (built in the application). */
    searchVector: tsvector("search_vector").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("listings_storefront_sku").on(t.tenantId, t.storefrontId, t.sku),
    foreignKey({
      columns: [t.tenantId, t.storefrontId],
      foreignColumns: [storefronts.tenantId, storefronts.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.categoryId],
      foreignColumns: [categories.tenantId, categories.id],
    }),
    // One GIN index over the words and the two filters that have theirs: a query that combines
    // them (paper + colour red, LED 灯串 in lighting) is intersected inside the index, skipping
    // through the common side's postings, instead of AND-ing a bitmap of each (0023).
    index("listings_search").using("gin", t.searchVector, t.attributes.op("jsonb_path_ops"), t.categoryPath),
    index("listings_storefront").on(t.tenantId, t.storefrontId, t.status),
    // The newest listings of one leaf category, in index order (matching's inferred categories).
    index("listings_category_newest").on(t.tenantId, t.categoryCode, t.id),
    check("listings_status_known", sql`${t.status} in ('draft','active','archived')`),
    check("listings_moq_positive", sql`${t.moq} > 0`),
    check("listings_has_title", sql`${t.titleZh} <> '' or ${t.titleEn} <> ''`),
    tenantIsolation(),
  ],
);

export type Storefront = typeof storefronts.$inferSelect;
export type Listing = typeof listings.$inferSelect;

/**
 * Every Latin word the market's listings are found by, once. A misspelt query word is corrected
 * against this small vocabulary by trigram similarity, instead of scanning every listing's text.
 */
export const searchWords = pgTable(
  "search_words",
  {
    tenantId: tenantId().references(() => tenants.id),
    word: text("word").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.word] }),
    // Words by prefix (search's chris → christmas) in byte order, whatever the database's collation.
    index("search_words_prefix").on(t.tenantId, t.word.op("text_pattern_ops")),
    tenantIsolation(),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

export const IMPORT_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A catalogue file imported in the background (large files), with its progress and report. */
export const catalogImports = pgTable(
  "catalog_imports",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    storefrontId: uuid("storefront_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    format: text("format").$type<"csv" | "xlsx">().notNull(),
    mode: text("mode").$type<"all-or-nothing" | "skip-invalid">().notNull(),
    /** The uploaded file; kept until the import finishes. */
    file: bytea("file"),
    status: text("status").$type<ImportStatus>().notNull().default("queued"),
    totalRows: integer("total_rows"),
    processedRows: integer("processed_rows").notNull().default(0),
    report: jsonb("report").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.storefrontId], foreignColumns: [storefronts.tenantId, storefronts.id] }),
    check("catalog_imports_status_known", sql`${t.status} in ('queued','running','done','failed')`),
    tenantIsolation(),
  ],
);
