import { sql } from "drizzle-orm";
import type { Database, Transaction } from "./client.js";

/** The non-superuser role request work runs as; superusers (PGlite's only user) bypass RLS. */
export const APP_ROLE = "tradecloud_app";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `fn` in one transaction that acts for `tenantId`: the role drops to {@link APP_ROLE} and
 * `app.tenant_id` is set for this transaction only, so row-level security shows and accepts only
 * that tenant's rows. Every read and write of tenant data goes through here.
 */
export function withTenant<T>(db: Database, tenantId: string, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new TypeError(`withTenant: not a tenant id: ${tenantId}`);
  return db.transaction(async (tx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
    await tx.execute(sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`);
    return fn(tx);
  });
}

/**
 * Runs `fn` as {@link APP_ROLE} with no tenant set: global tables (tenants) are readable, every
 * tenant table shows nothing. For work that must find a tenant before it can act for one.
 */
export function withoutTenant<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', '', true)`);
    return fn(tx);
  });
}
