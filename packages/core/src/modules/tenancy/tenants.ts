import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { withoutTenant } from "../../db/tenant.js";
import { type Tenant, tenants } from "./tables.js";

export type { Tenant };

const publicColumns = {
  id: tenants.id,
  slug: tenants.slug,
  nameZh: tenants.nameZh,
  nameEn: tenants.nameEn,
  defaultCurrency: tenants.defaultCurrency,
  defaultLocale: tenants.defaultLocale,
  sandbox: tenants.sandbox,
};
export type PublicTenant = Pick<Tenant, keyof typeof publicColumns>;

/** The markets on the platform, for the sign-in page. Anyone may call it. */
export function listTenants(db: Database): Promise<PublicTenant[]> {
  return withoutTenant(db, (tx) =>
    tx.select(publicColumns).from(tenants).where(eq(tenants.sandbox, false)).orderBy(asc(tenants.createdAt)),
  );
}

const CACHE_MS = 30_000;
const cache = new Map<string, { at: number; tenant: PublicTenant | null }>();

/**
 * Finds a market by its slug (or id). Tenants change rarely and every request needs one, so the
 * answer is kept for 30 s per process.
 */
export async function findTenant(db: Database, slugOrId: string): Promise<PublicTenant | null> {
  const hit = cache.get(slugOrId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.tenant;
  const isId = /^[0-9a-f-]{36}$/i.test(slugOrId);
  const rows = await withoutTenant(db, (tx) =>
    tx
      .select(publicColumns)
      .from(tenants)
      .where(isId ? eq(tenants.id, slugOrId) : eq(tenants.slug, slugOrId))
      .limit(1),
  );
  const tenant = rows[0] ?? null;
  cache.set(slugOrId, { at: Date.now(), tenant });
  return tenant;
}

/** Forgets cached tenants (after the seed rewrites them). */
export function clearTenantCache(): void {
  cache.clear();
}
