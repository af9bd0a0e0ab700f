import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { withTenant } from "../../db/tenant.js";
import type { ServiceContext } from "../../shared/context.js";
import { listings, storefronts } from "../catalog/index.js";
import { storeMatches, today } from "./demands.js";
import { forListing } from "./engine.js";
import { readMatchingSettings } from "./settings.js";
import { demandInvitations, demands } from "./tables.js";

/** The job queue that matches activated listings to open demands. */
export const LISTING_MATCHING_QUEUE = "matching.listing";

export interface ListingMatchingJob {
  tenantId: string;
  listingIds: string[];
}

/**
 * Matches listings that became active (or changed while active) against the market's open
 * demands and stores what fits, so their merchants find those demands in the inbox. Runs as a
 * pg-boss job; one transaction, so a retry never leaves half the matches.
 */
export async function runListingMatching(db: Database, job: ListingMatchingJob) {
  return withTenant(db, job.tenantId, async (tx) => {
    const ctx: Pick<ServiceContext, "tx" | "tenantId" | "requestId"> = {
      tx,
      tenantId: job.tenantId,
      requestId: `job:${LISTING_MATCHING_QUEUE}`,
    };
    const rows = await tx
      .select({
        id: listings.id,
        organisationId: listings.organisationId,
        titleZh: listings.titleZh,
        titleEn: listings.titleEn,
        attributes: listings.attributes,
        categoryCode: listings.categoryCode,
        categoryPath: listings.categoryPath,
        unit: listings.unit,
        moq: listings.moq,
        priceTiers: listings.priceTiers,
        currency: listings.currency,
        leadTimeDays: listings.leadTimeDays,
      })
      .from(listings)
      .innerJoin(
        storefronts,
        and(eq(storefronts.tenantId, listings.tenantId), eq(storefronts.id, listings.storefrontId)),
      )
      .where(
        and(inArray(listings.id, job.listingIds), eq(listings.status, "active"), eq(storefronts.status, "active")),
      );
    const settings = await readMatchingSettings({ tx });
    let matched = 0;
    let told = 0;
    for (const listing of rows) {
      const found = await forListing({ tx }, listing, { today: today(), settings });
      if (found.length === 0) continue;
      const ids = found.map((m) => m.demandId);
      const meta = new Map(
        (
          await tx
            .select({ id: demands.id, visibility: demands.visibility })
            .from(demands)
            .where(inArray(demands.id, ids))
        ).map((d) => [d.id, d]),
      );
      const invited = await tx
        .select({ demandId: demandInvitations.demandId })
        .from(demandInvitations)
        .where(
          and(
            inArray(demandInvitations.demandId, ids),
            eq(demandInvitations.supplierOrganisationId, listing.organisationId),
          ),
        );
      const invitedTo = new Set(invited.map((i) => i.demandId));
      const entries = found.flatMap((match) => {
        const demand = meta.get(match.demandId);
        if (!demand) return [];
        return [
          {
            demand,
            match: { ...match, listingId: listing.id, supplierOrganisationId: listing.organisationId },
            invited: invitedTo.has(demand.id),
          },
        ];
      });
      told += await storeMatches(ctx, entries, "listing");
      matched += entries.length;
    }
    return { listings: rows.length, matched, notified: told };
  });
}
