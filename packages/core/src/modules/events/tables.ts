import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id, tenantId, tenantIsolation } from "../../db/columns.js";

/**
 * The outbox: one row per domain event, written in the same transaction as the change it
 * describes, so an event exists exactly when its change committed. Webhook delivery, match
 * notifications and analytics read from here.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    // No foreign key to tenants: events are written only inside withTenant(), whose row-level
    // security admits no other tenant_id than the market acting, and markets are never deleted.
    // An import writes one event per listing, and the per-row check was 4.9 ms of a 1,053-row
    // batch statement's 52 ms (docs/benchmarks.md).
    tenantId: tenantId(),
    id: id(),
    /** `listing.created`, `demand.matched`, … (docs/webhooks.md lists them). */
    type: text("type").notNull(),
    /** The organisation the event concerns, for routing to its webhook endpoints. */
    organisationId: uuid("organisation_id"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    requestId: text("request_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Partial: the relay reads only what it has not dispatched yet, however long the outbox grows.
    index("outbox_events_undispatched").on(t.tenantId, t.occurredAt).where(sql`${t.dispatchedAt} is null`),
    tenantIsolation(),
  ],
);
