import { and, asc, eq } from "drizzle-orm";
import type { ServiceCall, ServiceContext } from "../../shared/context.js";
import { DomainError, notFound, parseInput } from "../../shared/errors.js";
import { emitEvent } from "../events/index.js";
import { requireOrganisation } from "../tenancy/index.js";
import { StorefrontInput, type StorefrontInput as StorefrontInputType, UpdateStorefrontInput } from "./schemas.js";
import { type Storefront, storefronts } from "./tables.js";

const MERCHANT_EDITORS = { kinds: ["merchant"], roles: ["owner", "admin", "member"], scope: "catalog:write" } as const;

/** Opens a storefront for the merchant organisation the actor acts for. Merchants (catalog:write). */
export async function createStorefront({ ctx, input }: ServiceCall<StorefrontInputType>): Promise<Storefront> {
  const merchant = requireOrganisation(ctx, MERCHANT_EDITORS);
  const values = parseInput(StorefrontInput, input);
  const [row] = await ctx.tx
    .insert(storefronts)
    .values({ ...values, tenantId: ctx.tenantId, organisationId: merchant.organisationId })
    .returning();
  if (!row) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  await emitEvent(ctx, {
    type: "storefront.created",
    organisationId: merchant.organisationId,
    payload: { storefront: row },
  });
  return row;
}

/** Changes a storefront of the actor's organisation. Merchants (catalog:write); NOT_FOUND for others'. */
export async function updateStorefront({ ctx, input }: ServiceCall<unknown>): Promise<Storefront> {
  const merchant = requireOrganisation(ctx, MERCHANT_EDITORS);
  const { storefrontId, ...changes } = parseInput(UpdateStorefrontInput, input);
  const [row] = await ctx.tx
    .update(storefronts)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(storefronts.id, storefrontId), eq(storefronts.organisationId, merchant.organisationId)))
    .returning();
  if (!row) throw notFound({ en: "Storefront", zh: "店铺" });
  await emitEvent(ctx, {
    type: "storefront.updated",
    organisationId: merchant.organisationId,
    payload: { storefront: row },
  });
  return row;
}

/** The storefronts of the organisation the actor acts for. Merchants (catalog:read). */
export function listMyStorefronts(ctx: ServiceContext): Promise<Storefront[]> {
  const merchant = requireOrganisation(ctx, { kinds: ["merchant"], scope: "catalog:read" });
  return ctx.tx
    .select()
    .from(storefronts)
    .where(eq(storefronts.organisationId, merchant.organisationId))
    .orderBy(asc(storefronts.createdAt));
}

/** A storefront as buyers see it: active ones only. Anyone in the market. */
export async function getStorefront({ ctx, input }: ServiceCall<{ storefrontId: string }>): Promise<Storefront> {
  const [row] = await ctx.tx
    .select()
    .from(storefronts)
    .where(and(eq(storefronts.id, input.storefrontId), eq(storefronts.status, "active")));
  if (!row) throw notFound({ en: "Storefront", zh: "店铺" });
  return row;
}

/** The storefront if the actor's organisation owns it, else NOT_FOUND (others' look like nothing). */
export async function requireOwnStorefront(ctx: ServiceContext, organisationId: string, storefrontId: string) {
  const [row] = await ctx.tx
    .select({ id: storefronts.id })
    .from(storefronts)
    .where(and(eq(storefronts.id, storefrontId), eq(storefronts.organisationId, organisationId)));
  if (!row) throw notFound({ en: "Storefront", zh: "店铺" });
  return row;
}
