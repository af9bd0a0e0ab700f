import { and, desc, eq, getTableColumns, inArray, lt, or, sql } from "drizzle-orm";
import type { ServiceCall, ServiceContext } from "../../shared/context.js";
import { DomainError, fieldError, notFound, parseInput } from "../../shared/errors.js";
import { buildSearchDocument, listings, resolveCategories, searchVectorSql, storefronts } from "../catalog/index.js";
import { emitEvent, emitEvents } from "../events/index.js";
import { organisations, requireOrganisation } from "../tenancy/index.js";
import { demandIndexWords, demandWords, forDemand, type ListingMatch } from "./engine.js";
import {
  ChangeDemandInput,
  DemandIdInput,
  InviteSuppliersInput,
  ListDemandsInput,
  PostDemandInput,
  type PostDemandInput as PostInput,
} from "./schemas.js";
import { explain } from "./scoring.js";
import { readMatchingSettings } from "./settings.js";
import {
  type Demand,
  type DemandStatus,
  demandInvitations,
  demandMatches,
  demands,
  type MatchParts,
  type MatchReason,
  quotes,
} from "./tables.js";

export const BUYERS = { kinds: ["buyer"], roles: ["owner", "admin", "member"], scope: "demands:write" } as const;
const BUYER_READERS = { kinds: ["buyer"], scope: "demands:read" } as const;
/** Suppliers shown to the buyer (and told of the demand) when it is posted. */
export const MATCHES_PER_DEMAND = 20;

/** Today in the market's calendar (UTC), `2026-11-25`. */
export const today = () => new Date().toISOString().slice(0, 10);

const {
  searchVector: _vector,
  matchWords: _words,
  indexWords: _indexWords,
  ...demandColumns
} = getTableColumns(demands);
export const demandViewColumns = demandColumns;
export type DemandView = Omit<Demand, "searchVector" | "matchWords" | "indexWords">;

/** Open demands past their required-by date are expired, whether or not a sweep has stored it. */
export function effectiveDemandStatus(demand: Pick<Demand, "status" | "requiredBy">, on = today()): DemandStatus {
  return (demand.status === "open" || demand.status === "quoting") && demand.requiredBy < on
    ? "expired"
    : demand.status;
}
const withEffectiveStatus = <T extends Pick<Demand, "status" | "requiredBy">>(d: T): T => ({
  ...d,
  status: effectiveDemandStatus(d),
});

/** The lifecycle: open → quoting → awarded → closed, and expired or cancelled before an award. */
const TRANSITIONS: Record<DemandStatus, readonly DemandStatus[]> = {
  open: ["quoting", "awarded", "cancelled", "expired"],
  quoting: ["awarded", "cancelled", "expired"],
  awarded: ["closed"],
  closed: [],
  expired: [],
  cancelled: [],
};
const STATUS_ZH: Record<DemandStatus, string> = {
  open: "开放",
  quoting: "报价中",
  awarded: "已授标",
  closed: "已关闭",
  expired: "已过期",
  cancelled: "已取消",
};

/** Throws PRECONDITION_FAILED naming both states when the lifecycle does not allow the step. */
export function requireTransition(from: DemandStatus, to: DemandStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw new DomainError("PRECONDITION_FAILED", {
      en: `A demand that is ${from} cannot become ${to}`,
      zh: `需求状态为「${STATUS_ZH[from]}」，不能变为「${STATUS_ZH[to]}」`,
    });
  }
}

/**
 * Posts a buyer's demand, finds its matching suppliers at once (bounded, so it fits in the request)
 * and stores them: the buyer sees suppliers immediately, and each matched merchant finds the demand
 * in its inbox. Buyers (demands:write). Field errors for an unknown category, a date in the past,
 * suppliers that are not merchants of this market.
 */
export async function postDemand({ ctx, input }: ServiceCall<PostInput>) {
  const buyer = requireOrganisation(ctx, BUYERS);
  const p = parseInput(PostDemandInput, input);
  const postedOn = today();
  if (p.requiredBy <= postedOn) {
    throw fieldError("requiredBy", { en: "must be after today", zh: "必须晚于今天" });
  }
  const category = p.categoryCode ? (await resolveCategories(ctx.tx, [p.categoryCode])).get(p.categoryCode) : null;
  if (p.categoryCode && !category) {
    throw fieldError("categoryCode", { en: `unknown category ${p.categoryCode}`, zh: `类目不存在：${p.categoryCode}` });
  }
  await requireSuppliers(ctx, p.inviteSupplierIds, "inviteSupplierIds");
  const settings = await readMatchingSettings(ctx);
  const doc = buildSearchDocument({
    titleZh: p.titleZh,
    titleEn: p.titleEn,
    categoryNames: category?.names ?? [],
    attributes: p.attributes,
  });
  const [demand] = await ctx.tx
    .insert(demands)
    .values({
      tenantId: ctx.tenantId,
      buyerOrganisationId: buyer.organisationId,
      createdByUserId: buyer.userId,
      titleZh: p.titleZh,
      titleEn: p.titleEn,
      descriptionZh: p.descriptionZh,
      descriptionEn: p.descriptionEn,
      categoryId: category?.id ?? null,
      categoryCode: category?.code ?? null,
      quantity: p.quantity,
      unit: p.unit,
      targetPriceMinor: p.targetPriceMinor ?? null,
      currency: p.currency,
      postedOn,
      requiredBy: p.requiredBy,
      destination: p.destination,
      attributes: p.attributes,
      imageUrls: p.imageUrls,
      visibility: p.visibility,
      maxQuotes: settings.maxQuotesPerDemand,
      searchVector: searchVectorSql(doc) as unknown as string,
      matchWords: demandWords(p),
      indexWords: demandIndexWords(p),
    })
    .returning(demandViewColumns);
  if (!demand) throw new Error("insert returned nothing");
  if (p.inviteSupplierIds.length) {
    await ctx.tx.insert(demandInvitations).values(
      [...new Set(p.inviteSupplierIds)].map((supplierOrganisationId) => ({
        tenantId: ctx.tenantId,
        demandId: demand.id,
        supplierOrganisationId,
      })),
    );
  }
  await emitEvent(ctx, {
    type: "demand.created",
    organisationId: buyer.organisationId,
    payload: { demand },
  });
  const matches = await forDemand(ctx, demand, { limit: MATCHES_PER_DEMAND, settings });
  const invited = new Set(p.inviteSupplierIds);
  await storeMatches(
    ctx,
    matches.map((match) => ({ demand, match, invited: invited.has(match.supplierOrganisationId) })),
    "demand",
  );
  return { demand, matchCount: matches.length };
}

/** One match to store: the demand, the listing's match, and whether its supplier was invited. */
export interface MatchToStore {
  demand: Pick<DemandView, "id" | "visibility">;
  match: Pick<ListingMatch, "listingId" | "supplierOrganisationId" | "score" | "parts" | "reasons">;
  invited: boolean;
}

/**
 * Stores matches (of one demand, or of one listing across demands) in one upsert, and tells each
 * newly matched supplier that may see the demand (all matched ones, or only the invited for an
 * invited-only demand) with one demand.matched event per demand. Best match first per pair.
 * Returns how many suppliers were told.
 */
export async function storeMatches(
  ctx: Pick<ServiceContext, "tx" | "tenantId" | "requestId">,
  entries: readonly MatchToStore[],
  source: "demand" | "listing",
): Promise<number> {
  if (entries.length === 0) return 0;
  const demandIds = [...new Set(entries.map((e) => e.demand.id))];
  const pair = (demandId: string, supplierId: string) => `${demandId}\u0000${supplierId}`;
  const known = new Set(
    (
      await ctx.tx
        .selectDistinct({ demandId: demandMatches.demandId, supplierId: demandMatches.supplierOrganisationId })
        .from(demandMatches)
        .where(inArray(demandMatches.demandId, demandIds))
    ).map((r) => pair(r.demandId, r.supplierId)),
  );
  await ctx.tx
    .insert(demandMatches)
    .values(
      entries.map(({ demand, match }) => ({
        tenantId: ctx.tenantId,
        demandId: demand.id,
        listingId: match.listingId,
        supplierOrganisationId: match.supplierOrganisationId,
        score: match.score,
        parts: match.parts,
        reasons: match.reasons,
        source,
      })),
    )
    .onConflictDoUpdate({
      target: [demandMatches.tenantId, demandMatches.demandId, demandMatches.listingId],
      set: { score: sql`excluded.score`, parts: sql`excluded.parts`, reasons: sql`excluded.reasons` },
    });
  const told = new Map<string, MatchToStore>();
  for (const entry of entries) {
    const key = pair(entry.demand.id, entry.match.supplierOrganisationId);
    if (known.has(key) || told.has(key)) continue;
    if (entry.demand.visibility === "matched" || entry.invited) told.set(key, entry);
  }
  await emitEvents(
    ctx,
    [...told.values()].map(({ demand, match }) => ({
      type: "demand.matched",
      organisationId: match.supplierOrganisationId,
      payload: { demandId: demand.id, listingId: match.listingId, score: match.score, reasons: match.reasons },
    })),
  );
  return told.size;
}

/** Checks that every id is a merchant organisation of this market; a field error otherwise. */
async function requireSuppliers(ctx: Pick<ServiceContext, "tx">, ids: readonly string[], path: string) {
  if (ids.length === 0) return;
  const found = await ctx.tx
    .select({ id: organisations.id, kinds: organisations.kinds })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
  const merchants = new Set(found.filter((o) => o.kinds.includes("merchant")).map((o) => o.id));
  const missing = ids.find((id) => !merchants.has(id));
  if (missing) {
    throw fieldError(path, { en: `${missing} is not a supplier in this market`, zh: `${missing} 不是本市场的供应商` });
  }
}

/** The buyer's own demand, locked for a change. NOT_FOUND for anyone else's. */
export async function lockOwnDemand(ctx: Pick<ServiceContext, "tx">, buyerId: string, demandId: string) {
  const [demand] = await ctx.tx
    .select(demandViewColumns)
    .from(demands)
    .where(and(eq(demands.id, demandId), eq(demands.buyerOrganisationId, buyerId)))
    .for("update");
  if (!demand) throw notFound({ en: "Demand", zh: "需求" });
  return demand;
}

/** Is the demand visible to this supplier: invited, or matched to an all-matched demand? */
export async function supplierSeesDemand(
  ctx: Pick<ServiceContext, "tx">,
  demand: Pick<DemandView, "id" | "visibility">,
  supplierId: string,
): Promise<boolean> {
  const [invited] = await ctx.tx
    .select({ id: demandInvitations.demandId })
    .from(demandInvitations)
    .where(and(eq(demandInvitations.demandId, demand.id), eq(demandInvitations.supplierOrganisationId, supplierId)));
  if (invited) return true;
  if (demand.visibility !== "matched") return false;
  const [matched] = await ctx.tx
    .select({ id: demandMatches.demandId })
    .from(demandMatches)
    .where(and(eq(demandMatches.demandId, demand.id), eq(demandMatches.supplierOrganisationId, supplierId)))
    .limit(1);
  return Boolean(matched);
}

/**
 * One demand: its buyer sees it always; a supplier when invited or matched (all-matched demands).
 * NOT_FOUND otherwise, so nobody learns a demand they may not see exists.
 */
export async function getDemand({ ctx, input }: ServiceCall<{ demandId: string }>): Promise<DemandView> {
  const actor = requireOrganisation(ctx, { scope: "demands:read" });
  const { demandId } = parseInput(DemandIdInput, input);
  const [demand] = await ctx.tx.select(demandViewColumns).from(demands).where(eq(demands.id, demandId));
  if (!demand) throw notFound({ en: "Demand", zh: "需求" });
  if (demand.buyerOrganisationId !== actor.organisationId) {
    if (!actor.kinds.includes("merchant") || !(await supplierSeesDemand(ctx, demand, actor.organisationId))) {
      throw notFound({ en: "Demand", zh: "需求" });
    }
  }
  return withEffectiveStatus(demand);
}

/** The buyer's demands, newest first, with an optional status; cursor is the last id seen. */
export async function listMyDemands({
  ctx,
  input,
}: ServiceCall<{ status?: DemandStatus; limit?: number; cursor?: string }>) {
  const buyer = requireOrganisation(ctx, BUYER_READERS);
  const p = parseInput(ListDemandsInput, input);
  const on = today();
  const live = sql`${demands.status} in ('open', 'quoting') and ${demands.requiredBy} >= ${on}`;
  const statusFilter =
    p.status === "expired"
      ? or(
          eq(demands.status, "expired"),
          sql`${demands.status} in ('open', 'quoting') and ${demands.requiredBy} < ${on}`,
        )
      : p.status === "open" || p.status === "quoting"
        ? and(eq(demands.status, p.status), live)
        : p.status
          ? eq(demands.status, p.status)
          : undefined;
  const rows = await ctx.tx
    .select(demandViewColumns)
    .from(demands)
    .where(
      and(
        eq(demands.buyerOrganisationId, buyer.organisationId),
        statusFilter,
        p.cursor ? lt(demands.id, p.cursor) : undefined,
      ),
    )
    .orderBy(desc(demands.id))
    .limit(p.limit + 1);
  const page = rows.slice(0, p.limit).map(withEffectiveStatus);
  return { items: page, nextCursor: rows.length > p.limit ? (page.at(-1)?.id ?? null) : null };
}

export interface SupplierMatchView {
  listingId: string;
  supplierOrganisationId: string;
  score: number;
  parts: MatchParts;
  reasons: MatchReason[];
  explanation: { en: string; zh: string };
  listing: {
    titleZh: string;
    titleEn: string;
    categoryCode: string;
    moq: number;
    unit: string;
    currency: string;
    leadTimeDays: number;
    status: string;
  };
  storefront: { id: string; nameZh: string; nameEn: string };
  invited: boolean;
  quoted: boolean;
}

/** The buyer's matched suppliers for a demand, best first, each with its score, parts and reasons. */
export async function listDemandMatches({
  ctx,
  input,
}: ServiceCall<{ demandId: string }>): Promise<SupplierMatchView[]> {
  const buyer = requireOrganisation(ctx, BUYER_READERS);
  const { demandId } = parseInput(DemandIdInput, input);
  const [demand] = await ctx.tx
    .select({ id: demands.id })
    .from(demands)
    .where(and(eq(demands.id, demandId), eq(demands.buyerOrganisationId, buyer.organisationId)));
  if (!demand) throw notFound({ en: "Demand", zh: "需求" });
  const rows = await ctx.tx
    .select({
      listingId: demandMatches.listingId,
      supplierOrganisationId: demandMatches.supplierOrganisationId,
      score: demandMatches.score,
      parts: demandMatches.parts,
      reasons: demandMatches.reasons,
      titleZh: listings.titleZh,
      titleEn: listings.titleEn,
      categoryCode: listings.categoryCode,
      moq: listings.moq,
      unit: listings.unit,
      currency: listings.currency,
      leadTimeDays: listings.leadTimeDays,
      status: listings.status,
      storefrontId: storefronts.id,
      storefrontNameZh: storefronts.nameZh,
      storefrontNameEn: storefronts.nameEn,
    })
    .from(demandMatches)
    .innerJoin(listings, and(eq(listings.tenantId, demandMatches.tenantId), eq(listings.id, demandMatches.listingId)))
    .innerJoin(storefronts, and(eq(storefronts.tenantId, listings.tenantId), eq(storefronts.id, listings.storefrontId)))
    .where(eq(demandMatches.demandId, demandId))
    .orderBy(desc(demandMatches.score), demandMatches.listingId);
  const invited = new Set(
    (
      await ctx.tx
        .select({ id: demandInvitations.supplierOrganisationId })
        .from(demandInvitations)
        .where(eq(demandInvitations.demandId, demandId))
    ).map((r) => r.id),
  );
  const quoted = new Set(
    (await ctx.tx.select({ id: quotes.supplierOrganisationId }).from(quotes).where(eq(quotes.demandId, demandId))).map(
      (r) => r.id,
    ),
  );
  return rows.map((r) => ({
    listingId: r.listingId,
    supplierOrganisationId: r.supplierOrganisationId,
    score: r.score,
    parts: r.parts,
    reasons: r.reasons,
    explanation: explain(r.reasons),
    listing: {
      titleZh: r.titleZh,
      titleEn: r.titleEn,
      categoryCode: r.categoryCode,
      moq: r.moq,
      unit: r.unit,
      currency: r.currency,
      leadTimeDays: r.leadTimeDays,
      status: r.status,
    },
    storefront: { id: r.storefrontId, nameZh: r.storefrontNameZh, nameEn: r.storefrontNameEn },
    invited: invited.has(r.supplierOrganisationId),
    quoted: quoted.has(r.supplierOrganisationId),
  }));
}

/** Invites suppliers to quote (the only way in for an invited-only demand). Buyers. */
export async function inviteSuppliers({ ctx, input }: ServiceCall<{ demandId: string; supplierIds: string[] }>) {
  const buyer = requireOrganisation(ctx, BUYERS);
  const p = parseInput(InviteSuppliersInput, input);
  const demand = await lockOwnDemand(ctx, buyer.organisationId, p.demandId);
  const status = effectiveDemandStatus(demand);
  if (status !== "open" && status !== "quoting") requireTransition(status, "quoting");
  await requireSuppliers(ctx, p.supplierIds, "supplierIds");
  const added = await ctx.tx
    .insert(demandInvitations)
    .values(p.supplierIds.map((id) => ({ tenantId: ctx.tenantId, demandId: demand.id, supplierOrganisationId: id })))
    .onConflictDoNothing()
    .returning({ id: demandInvitations.supplierOrganisationId });
  await emitEvents(
    ctx,
    added.map((a) => ({ type: "demand.invited", organisationId: a.id, payload: { demandId: demand.id } })),
  );
  return { invited: added.length };
}

/** Cancels an open demand; its submitted quotes close with the reason. Buyers. */
export async function cancelDemand({ ctx, input }: ServiceCall<{ demandId: string; reason?: string }>) {
  const buyer = requireOrganisation(ctx, BUYERS);
  const p = parseInput(ChangeDemandInput, input);
  const demand = await lockOwnDemand(ctx, buyer.organisationId, p.demandId);
  requireTransition(effectiveDemandStatus(demand), "cancelled");
  const reason = p.reason || "demand cancelled";
  await ctx.tx
    .update(quotes)
    .set({ status: "closed", statusReason: reason, updatedAt: new Date() })
    .where(and(eq(quotes.demandId, demand.id), eq(quotes.status, "submitted")));
  return setDemandStatus(ctx, demand.id, "cancelled", reason);
}

/** Closes an awarded demand once the deal is done. Buyers. */
export async function closeDemand({ ctx, input }: ServiceCall<{ demandId: string; reason?: string }>) {
  const buyer = requireOrganisation(ctx, BUYERS);
  const p = parseInput(ChangeDemandInput, input);
  const demand = await lockOwnDemand(ctx, buyer.organisationId, p.demandId);
  requireTransition(effectiveDemandStatus(demand), "closed");
  return setDemandStatus(ctx, demand.id, "closed", p.reason || null);
}

export async function setDemandStatus(
  ctx: Pick<ServiceContext, "tx">,
  demandId: string,
  status: DemandStatus,
  reason: string | null,
): Promise<DemandView> {
  const [row] = await ctx.tx
    .update(demands)
    .set({ status, statusReason: reason, updatedAt: new Date() })
    .where(eq(demands.id, demandId))
    .returning(demandViewColumns);
  if (!row) throw notFound({ en: "Demand", zh: "需求" });
  return row;
}
