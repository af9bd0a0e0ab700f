import { and, desc, eq, getTableColumns, ilike, inArray, or, sql } from "drizzle-orm";
import type { ServiceCall } from "../../shared/context.js";
import { DomainError, fieldError, notFound, parseInput } from "../../shared/errors.js";
import { emitEvent } from "../events/index.js";
import { requireOrganisation } from "../tenancy/index.js";
import { type ResolvedCategory, resolveCategories } from "./category-lookup.js";
import { type ListingValues, listingRow, matchActiveListings, recordSearchWords } from "./listing-rows.js";
import {
  type CreateListingInput as CreateInput,
  CreateListingInput,
  SetListingStatusInput,
  type UpdateListingInput as UpdateInput,
  UpdateListingInput,
} from "./schemas.js";
import { requireOwnStorefront } from "./storefronts.js";
import { type Listing, listings, storefronts } from "./tables.js";

/** Who may change a merchant's catalogue: its people, or a key with catalog:write. */
export const WRITERS = { kinds: ["merchant"], roles: ["owner", "admin", "member"], scope: "catalog:write" } as const;

/** What a listing shows outside: every column but the search internals. */
const { searchVector: _vector, ...viewColumns } = getTableColumns(listings);
export const listingViewColumns = viewColumns;
export type ListingView = Omit<Listing, "searchVector">;

/** A category code that must name a leaf of the market's tree; a field error otherwise. */
export function requireLeaf(
  found: ResolvedCategory | undefined,
  code: string,
  path = "categoryCode",
): ResolvedCategory {
  if (!found) throw fieldError(path, { en: `unknown category ${code}`, zh: `类目不存在：${code}` });
  if (!found.isLeaf) {
    throw fieldError(path, {
      en: `${code} has sub-categories: choose one of them`,
      zh: `${code} 还有子类目，请选择更细的类目`,
    });
  }
  return found;
}

/**
 * Lists a product in one of the actor's storefronts. Merchants (catalog:write). Field errors for
 * an unknown or non-leaf category; CONFLICT for a SKU the storefront already has.
 */
export async function createListing({ ctx, input }: ServiceCall<CreateInput>): Promise<ListingView> {
  const merchant = requireOrganisation(ctx, WRITERS);
  const { storefrontId, ...values } = parseInput(CreateListingInput, input);
  await requireOwnStorefront(ctx, merchant.organisationId, storefrontId);
  const category = requireLeaf(
    (await resolveCategories(ctx.tx, [values.categoryCode])).get(values.categoryCode),
    values.categoryCode,
  );
  const built = listingRow(
    ctx.tenantId,
    { id: storefrontId, organisationId: merchant.organisationId },
    values,
    category,
  );
  const [row] = await ctx.tx.insert(listings).values(built.row).onConflictDoNothing().returning(listingViewColumns);
  if (!row) {
    throw new DomainError(
      "CONFLICT",
      { en: `SKU ${values.sku} is already listed in this storefront`, zh: `本店铺已有 SKU ${values.sku}` },
      {
        fieldErrors: { sku: [`SKU ${values.sku}`] },
      },
    );
  }
  await recordSearchWords(ctx.tx, ctx.tenantId, built.vocabulary);
  await emitEvent(ctx, {
    type: "listing.created",
    organisationId: merchant.organisationId,
    payload: { listingId: row.id, storefrontId: row.storefrontId, sku: row.sku, listing: row },
  });
  await matchActiveListings(ctx, [row]);
  return row;
}

/**
 * Changes a listing of the actor's organisation. `expectedVersion` must be the version read:
 * CONFLICT when someone changed it since. Merchants (catalog:write).
 */
export async function updateListing({ ctx, input }: ServiceCall<UpdateInput>): Promise<ListingView> {
  const merchant = requireOrganisation(ctx, WRITERS);
  const { listingId, expectedVersion, ...changes } = parseInput(UpdateListingInput, input);
  const [current] = await ctx.tx
    .select({ ...listingViewColumns })
    .from(listings)
    .where(and(eq(listings.id, listingId), eq(listings.organisationId, merchant.organisationId)))
    .for("update");
  if (!current) throw notFound({ en: "Listing", zh: "商品" });
  if (current.version !== expectedVersion) {
    throw new DomainError("CONFLICT", {
      en: `This listing changed since you opened it (version ${current.version}, you have ${expectedVersion}): reload and try again`,
      zh: `该商品在您打开后已被修改（当前版本 ${current.version}，您的版本 ${expectedVersion}），请刷新后重试`,
    });
  }
  const merged: ListingValues = {
    sku: current.sku,
    titleZh: changes.titleZh ?? current.titleZh,
    titleEn: changes.titleEn ?? current.titleEn,
    descriptionZh: changes.descriptionZh ?? current.descriptionZh,
    descriptionEn: changes.descriptionEn ?? current.descriptionEn,
    categoryCode: changes.categoryCode ?? current.categoryCode,
    attributes: changes.attributes ?? current.attributes,
    imageUrls: changes.imageUrls ?? current.imageUrls,
    unit: changes.unit ?? current.unit,
    moq: changes.moq ?? current.moq,
    priceTiers: changes.priceTiers ?? current.priceTiers,
    currency: changes.currency ?? current.currency,
    stock: changes.stock === undefined ? current.stock : changes.stock,
    leadTimeDays: changes.leadTimeDays ?? current.leadTimeDays,
    carton: changes.carton === undefined ? current.carton : changes.carton,
    hsCode: changes.hsCode === undefined ? current.hsCode : changes.hsCode,
    status: changes.status ?? current.status,
  };
  // The merged listing must keep the cross-field rules (tiers start at MOQ, a title exists).
  parseInput(CreateListingInput, { ...merged, storefrontId: current.storefrontId });
  const category = requireLeaf(
    (await resolveCategories(ctx.tx, [merged.categoryCode])).get(merged.categoryCode),
    merged.categoryCode,
  );
  const built = listingRow(
    ctx.tenantId,
    { id: current.storefrontId, organisationId: current.organisationId },
    merged,
    category,
  );
  const { tenantId: _tenant, storefrontId: _storefront, organisationId: _org, ...row } = built.row;
  const [updated] = await ctx.tx
    .update(listings)
    .set({ ...row, version: sql`${listings.version} + 1`, updatedAt: new Date() })
    .where(eq(listings.id, listingId))
    .returning(listingViewColumns);
  if (!updated) throw notFound({ en: "Listing", zh: "商品" });
  await recordSearchWords(ctx.tx, ctx.tenantId, built.vocabulary);
  await emitEvent(ctx, {
    type: "listing.updated",
    organisationId: merchant.organisationId,
    payload: {
      listingId: updated.id,
      storefrontId: updated.storefrontId,
      sku: updated.sku,
      listing: updated,
    },
  });
  await matchActiveListings(ctx, [updated]);
  return updated;
}

/** Sets the status of many of the actor's listings at once (bulk activate/archive). Merchants. */
export async function setListingStatus({
  ctx,
  input,
}: ServiceCall<{ listingIds: string[]; status: "draft" | "active" | "archived" }>) {
  const merchant = requireOrganisation(ctx, WRITERS);
  const { listingIds, status } = parseInput(SetListingStatusInput, input);
  const changed = await ctx.tx
    .update(listings)
    .set({ status, version: sql`${listings.version} + 1`, updatedAt: new Date() })
    .where(and(inArray(listings.id, listingIds), eq(listings.organisationId, merchant.organisationId)))
    .returning({ id: listings.id, version: listings.version });
  if (changed.length !== new Set(listingIds).size) {
    // Some ids are not the actor's: nothing changes (the transaction rolls back).
    throw notFound({ en: "Listing", zh: "商品" });
  }
  for (const { id, version } of changed) {
    await emitEvent(ctx, {
      type: "listing.updated",
      organisationId: merchant.organisationId,
      payload: { listingId: id, status, version },
    });
  }
  await matchActiveListings(
    ctx,
    changed.map((c) => ({ id: c.id, status })),
  );
  return { updated: changed.length };
}

/**
 * One listing. Buyers see active listings of active storefronts; the owning merchant also sees
 * its drafts and archived ones. NOT_FOUND otherwise.
 */
export async function getListing({ ctx, input }: ServiceCall<{ listingId: string }>): Promise<ListingView> {
  const owner = ctx.actor.type === "user" || ctx.actor.type === "apiKey" ? ctx.actor.organisationId : null;
  const [row] = await ctx.tx
    .select(listingViewColumns)
    .from(listings)
    .innerJoin(storefronts, and(eq(storefronts.tenantId, listings.tenantId), eq(storefronts.id, listings.storefrontId)))
    .where(
      and(
        eq(listings.id, input.listingId),
        owner
          ? or(and(eq(listings.status, "active"), eq(storefronts.status, "active")), eq(listings.organisationId, owner))
          : and(eq(listings.status, "active"), eq(storefronts.status, "active")),
      ),
    );
  if (!row) throw notFound({ en: "Listing", zh: "商品" });
  return row;
}

/** The actor's own listings for the merchant's table: any status, newest first, optional text filter. */
export async function listMyListings({
  ctx,
  input,
}: ServiceCall<{
  storefrontId?: string;
  status?: "draft" | "active" | "archived";
  q?: string;
  limit?: number;
  offset?: number;
}>) {
  const merchant = requireOrganisation(ctx, { kinds: ["merchant"], scope: "catalog:read" });
  const pattern = input.q ? `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(listings.organisationId, merchant.organisationId),
    // Through the merchant's storefronts, so the storefront index finds their listings: listings
    // have no index by organisation, and a market of 1M listings was read whole (~0.4 s a page).
    inArray(
      listings.storefrontId,
      ctx.tx
        .select({ id: storefronts.id })
        .from(storefronts)
        .where(eq(storefronts.organisationId, merchant.organisationId)),
    ),
    input.storefrontId ? eq(listings.storefrontId, input.storefrontId) : undefined,
    input.status ? eq(listings.status, input.status) : undefined,
    pattern
      ? or(ilike(listings.titleZh, pattern), ilike(listings.titleEn, pattern), ilike(listings.sku, pattern))
      : undefined,
  );
  const limit = Math.min(input.limit ?? 50, 200);
  const rows = await ctx.tx
    .select(listingViewColumns)
    .from(listings)
    .where(where)
    .orderBy(desc(listings.id))
    .limit(limit)
    .offset(input.offset ?? 0);
  const [total] = await ctx.tx.select({ n: sql<number>`count(*)::int` }).from(listings).where(where);
  return { items: rows, total: total?.n ?? 0 };
}
