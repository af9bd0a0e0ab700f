import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { ResolvedCategory } from "./category-lookup.js";
import type { ListingFields } from "./schemas.js";
import { buildSearchDocument } from "./search-text.js";
import type { listings } from "./tables.js";

export type ListingValues = z.output<typeof ListingFields>;

/** The tsvector of a listing, weighted: titles A, category names B, attributes and SKU C. */
export function searchVectorSql(doc: { titles: string; categories: string; details: string }): SQL {
  return sql`setweight(to_tsvector('simple', ${doc.titles}), 'A') || setweight(to_tsvector('simple', ${doc.categories}), 'B') || setweight(to_tsvector('simple', ${doc.details}), 'C')`;
}

/** A listings row (insert shape) from validated fields and their resolved category. */
export function listingRow(
  tenantId: string,
  storefront: { id: string; organisationId: string },
  values: ListingValues,
  category: ResolvedCategory,
): typeof listings.$inferInsert {
  const doc = buildSearchDocument({
    titleZh: values.titleZh,
    titleEn: values.titleEn,
    categoryNames: category.names,
    attributes: values.attributes,
    sku: values.sku,
  });
  const tiers = values.priceTiers;
  return {
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
    currency: values.currency,
    stock: values.stock ?? null,
    leadTimeDays: values.leadTimeDays,
    carton: values.carton ?? null,
    hsCode: values.hsCode ?? null,
    status: values.status,
    searchVector: searchVectorSql(doc) as unknown as string,
    searchText: doc.text,
  };
}
