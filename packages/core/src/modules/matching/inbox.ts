import { and, desc, eq, exists, inArray, lt, or, sql } from "drizzle-orm";
import type { ServiceCall } from "../../shared/context.js";
import { parseInput } from "../../shared/errors.js";
import { listings } from "../catalog/index.js";
import { organisations, requireOrganisation } from "../tenancy/index.js";
import { type DemandView, demandViewColumns, effectiveDemandStatus, today } from "./demands.js";
import { InboxInput } from "./schemas.js";
import { explain } from "./scoring.js";
import { demandInvitations, demandMatches, demands, type MatchParts, type MatchReason, quotes } from "./tables.js";

export interface InboxItem {
  demand: DemandView;
  buyer: { id: string; nameZh: string; nameEn: string };
  invited: boolean;
  /** The merchant's best-matching listing for the demand, with why (null when only invited). */
  bestMatch: {
    listingId: string;
    titleZh: string;
    titleEn: string;
    score: number;
    parts: MatchParts;
    reasons: MatchReason[];
    explanation: { en: string; zh: string };
  } | null;
  myQuote: { id: string; status: string } | null;
}

/**
 * A merchant's inbox: open demands it was matched to (all-matched demands) or invited to, newest
 * first, each with its best-matching listing and the reasons. Merchants (demands:read).
 */
export async function listInbox({ ctx, input }: ServiceCall<{ limit?: number; cursor?: string }>) {
  const supplier = requireOrganisation(ctx, { kinds: ["merchant"], scope: "demands:read" });
  const p = parseInput(InboxInput, input);
  const me = supplier.organisationId;
  const invitedHere = exists(
    ctx.tx
      .select({ one: sql`1` })
      .from(demandInvitations)
      .where(and(eq(demandInvitations.demandId, demands.id), eq(demandInvitations.supplierOrganisationId, me))),
  );
  const matchedHere = exists(
    ctx.tx
      .select({ one: sql`1` })
      .from(demandMatches)
      .where(and(eq(demandMatches.demandId, demands.id), eq(demandMatches.supplierOrganisationId, me))),
  );
  const rows = await ctx.tx
    .select({ ...demandViewColumns, buyerNameZh: organisations.nameZh, buyerNameEn: organisations.nameEn })
    .from(demands)
    .innerJoin(
      organisations,
      and(eq(organisations.tenantId, demands.tenantId), eq(organisations.id, demands.buyerOrganisationId)),
    )
    .where(
      and(
        sql`${demands.status} in ('open', 'quoting')`,
        sql`${demands.requiredBy} >= ${today()}`,
        or(invitedHere, and(eq(demands.visibility, "matched"), matchedHere)),
        p.cursor ? lt(demands.id, p.cursor) : undefined,
      ),
    )
    .orderBy(desc(demands.id))
    .limit(p.limit + 1);
  const page = rows.slice(0, p.limit);
  const ids = page.map((r) => r.id);
  if (ids.length === 0) return { items: [] as InboxItem[], nextCursor: null };
  const matches = await ctx.tx
    .selectDistinctOn([demandMatches.demandId], {
      demandId: demandMatches.demandId,
      listingId: demandMatches.listingId,
      score: demandMatches.score,
      parts: demandMatches.parts,
      reasons: demandMatches.reasons,
      titleZh: listings.titleZh,
      titleEn: listings.titleEn,
    })
    .from(demandMatches)
    .innerJoin(listings, and(eq(listings.tenantId, demandMatches.tenantId), eq(listings.id, demandMatches.listingId)))
    .where(and(inArray(demandMatches.demandId, ids), eq(demandMatches.supplierOrganisationId, me)))
    .orderBy(demandMatches.demandId, desc(demandMatches.score), demandMatches.listingId);
  const best = new Map(matches.map((m) => [m.demandId, m]));
  const invitations = new Set(
    (
      await ctx.tx
        .select({ id: demandInvitations.demandId })
        .from(demandInvitations)
        .where(and(inArray(demandInvitations.demandId, ids), eq(demandInvitations.supplierOrganisationId, me)))
    ).map((r) => r.id),
  );
  const mine = new Map(
    (
      await ctx.tx
        .select({ demandId: quotes.demandId, id: quotes.id, status: quotes.status })
        .from(quotes)
        .where(and(inArray(quotes.demandId, ids), eq(quotes.supplierOrganisationId, me)))
    ).map((q) => [q.demandId, { id: q.id, status: q.status }]),
  );
  const items = page.map(({ buyerNameZh, buyerNameEn, ...demand }): InboxItem => {
    const match = best.get(demand.id);
    return {
      demand: { ...demand, status: effectiveDemandStatus(demand) },
      buyer: { id: demand.buyerOrganisationId, nameZh: buyerNameZh, nameEn: buyerNameEn },
      invited: invitations.has(demand.id),
      bestMatch: match
        ? {
            listingId: match.listingId,
            titleZh: match.titleZh,
            titleEn: match.titleEn,
            score: match.score,
            parts: match.parts,
            reasons: match.reasons,
            explanation: explain(match.reasons),
          }
        : null,
      myQuote: mine.get(demand.id) ?? null,
    };
  });
  return { items, nextCursor: rows.length > p.limit ? (page.at(-1)?.id ?? null) : null };
}
