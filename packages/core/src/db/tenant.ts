import { sql } from "drizzle-orm";
import { type Database, resultRows, type Transaction } from "./client.js";

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

/**
 * Inside a withTenant() transaction for a live market, runs `fn` acting for that market's sandbox
 * (the tenant whose `sandbox_of` is the current one), then acts for the live market again: how
 * the live market's organisations manage their test keys. The sandbox cannot get a transaction of
 * its own while this one is open: PGlite has a single connection, so withTenant() would wait for
 * this transaction forever, and on a server two pooled connections per request could starve the
 * pool. So `fn` runs in a savepoint with `app.tenant_id` set to the sandbox: row-level security
 * shows and accepts only the sandbox's rows there, and if `fn` throws, rolling back to the
 * savepoint undoes its writes and the setting alike. Refuses any tenant that is not the current
 * tenant's sandbox.
 */
export async function inSandbox<T>(
  tx: Transaction,
  sandboxTenantId: string,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  if (!UUID.test(sandboxTenantId)) throw new TypeError(`inSandbox: not a tenant id: ${sandboxTenantId}`);
  const [current] = resultRows<{ live: string; ok: boolean }>(
    await tx.execute(sql`
      select current_setting('app.tenant_id', true) as live,
        exists (
          select 1 from tenants
          where id = ${sandboxTenantId} and sandbox
            and sandbox_of = nullif(current_setting('app.tenant_id', true), '')::uuid
        ) as ok`),
  );
  if (!current?.ok) throw new TypeError(`inSandbox: ${sandboxTenantId} is not the current tenant's sandbox`);
  const result = await tx.transaction(async (sandboxTx) => {
    await sandboxTx.execute(sql`select set_config('app.tenant_id', ${sandboxTenantId}, true)`);
    return fn(sandboxTx);
  });
  await tx.execute(sql`select set_config('app.tenant_id', ${current.live}, true)`);
  return result;
}
