import type { Database } from "../../db/client.js";
import { withoutTenant } from "../../db/tenant.js";
import { tenants } from "../tenancy/index.js";
import { deleteExpiredIdempotentRequests } from "./idempotency.js";
import { deleteIdleRateLimitBuckets } from "./rate-limits.js";

/**
 * Drops what the API keeps only for a while: idempotent answers past 24 hours (every market) and
 * rate-limit buckets idle for an hour (a full bucket is the same as none). The API runs it every
 * few minutes; it is cheap when there is nothing to drop.
 */
export async function deleteExpiredRequestState(db: Database) {
  const markets = await withoutTenant(db, (tx) => tx.select({ id: tenants.id }).from(tenants));
  let idempotentRequests = 0;
  for (const market of markets) idempotentRequests += await deleteExpiredIdempotentRequests(db, market.id);
  const rateLimitBuckets = await deleteIdleRateLimitBuckets(db);
  return { idempotentRequests, rateLimitBuckets };
}
