import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { pgArray, type Transaction } from "../../db/client.js";
import type { ServiceContext } from "../../shared/context.js";
import type { ResolvedCategory } from "./category-lookup.js";
import type { ListingFields } from "./schemas.js";
import { buildSearchDocument, type SearchDocument, searchVectorText } from "./search-text.js";
import { type listings, searchWords } from "./tables.js";

export type ListingValues = z.output<typeof ListingFields>;

/** The tsvector of a listing or demand, weighted: titles A, category names B, attributes and SKU C. */
export function searchVectorSql(doc: Pick<SearchDocument, "titles" | "categories" | "details">): SQL {
  return sql`setweight(to_tsvector('simple', ${doc.titles.join(" ")}), 'A') || setweight(to_tsvector('simple', ${doc.categories.join(" ")}), 'B') || setweight(to_tsvector('simple', ${doc.details.join(" ")}), 'C')`;
}

/**
 * A listings row (insert shape) from validated fields and their resolved category, with the
 * vocabulary words of its search text (for recordSearchWords). The search text is segmented once.
 */
export function listingRow(
  tenantId: string,
  storefront: { id: string; organisationId: string },
  values: ListingValues,
  category: ResolvedCategory,
): {
  row: typeof listings.$inferInsert;
  vocabulary: string[];
} {
  const doc = buildSearchDocument({
    titleZh: values.titleZh,
    titleEn: values.titleEn,
    categoryNames: category.names,
    attributes: values.attributes,
    sku: values.sku,
  });
  const tiers = values.priceTiers;
  const row: typeof listings.$inferInsert = {
    tenantId,
    storefrontId: storefront.id,
    organisationId: storefront.organisationId,
    sku: values.sku,
    titleZh: values.titleZh,
    titleEn: values.titleEn,
    descriptionZh: values.descriptionZh,
    descriptionEn: values.descriptionEn,
    categoryId: category.id,
    categoryCode: category.code,
    categoryPath: category.path,
    attributes: values.attributes,
    imageUrls: values.imageUrls,
    unit: values.unit,
    moq: values.moq,
    priceTiers: tiers,
    basePriceMinor: tiers[0]?.unitPriceMinor ?? 0,
    floorPriceMinor: tiers[tiers.length - 1]?.unitPriceMinor ?? 0,
    currency: values.currency,
    stock: values.stock ?? null,
    leadTimeDays: values.leadTimeDays,
    carton: values.carton ?? null,
    hsCode: values.hsCode ?? null,
    status: values.status,
    searchVector: searchVectorText(doc),
  };
  return { row, vocabulary: doc.vocabulary };
}

/**
 * The insert that adds words to the market's search vocabulary (typo correction); known words are
 * skipped. The words go as one array parameter: building thousands of bound rows costs more than
 * the insert. A bulk write puts it in its own statement as a CTE.
 */
export function insertSearchWordsSql(tenantId: string, words: readonly string[]): SQL {
  return sql`
    insert into ${searchWords} (tenant_id, word)
    select ${tenantId}::uuid, word from unnest(${pgArray(words)}::text[]) as word
    on conflict do nothing`;
}

/** Adds words to the market's search vocabulary (insertSearchWordsSql), each once. */
export async function recordSearchWords(tx: Transaction, tenantId: string, words: Iterable<string>): Promise<void> {
  const unique = [...new Set(words)];
  if (unique.length === 0) return;
  await tx.execute(insertSearchWordsSql(tenantId, unique));
}

/**
 * Asks the matching job to look for open demands that active listings fit (new, changed or just
 * activated), in the caller's transaction. Nothing is enqueued where no job queue runs.
 */
export async function matchActiveListings(
  ctx: Pick<ServiceContext, "tenantId" | "jobs">,
  written: readonly { id: string; status: string }[],
): Promise<void> {
  const listingIds = written.filter((w) => w.status === "active").map((w) => w.id);
  if (!ctx.jobs || listingIds.length === 0) return;
  await ctx.jobs.send("matching.listing", { tenantId: ctx.tenantId, listingIds });
}
