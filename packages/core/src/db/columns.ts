import { type SQL, sql } from "drizzle-orm";
import { pgPolicy, timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";

/** UUIDv7: time-ordered, so B-tree inserts stay local and ids sort by creation. */
export const newId = (): string => uuidv7();

/**
 * The tenant this transaction acts for; NULL (so no row matches) when withTenant() did not set it.
 * A scalar subquery, so PostgreSQL evaluates it once per statement (an InitPlan) rather than on
 * every row, and can use tenant_id indexes with it.
 */
export const currentTenantId: SQL = sql`(select nullif(current_setting('app.tenant_id', true), '')::uuid)`;

export const id = () => uuid("id").notNull().$defaultFn(newId);
export const tenantId = () => uuid("tenant_id").notNull();
export const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
export const updatedAt = () => timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

/**
 * The one row-level security policy every tenant table carries. RLS is also FORCEd (in a
 * hand-written migration, drizzle-kit cannot emit it) so the table owner is bound by it too.
 */
export const tenantIsolation = () =>
  pgPolicy("tenant_isolation", {
    as: "permissive",
    for: "all",
    using: sql`tenant_id = ${currentTenantId}`,
    withCheck: sql`tenant_id = ${currentTenantId}`,
  });
