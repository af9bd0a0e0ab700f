import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tenantIsolation, updatedAt } from "../../db/columns.js";
import { outboxEvents } from "../events/tables.js";
import { organisations, tenants } from "../tenancy/tables.js";

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Where an organisation wants its events sent, and the secret they are signed with. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    organisationId: uuid("organisation_id").notNull(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** Event types sent here; empty means every type. */
    eventTypes: text("event_types").array().notNull().default(sql`'{}'::text[]`),
    /** `whsec_` + base64: kept readable because every delivery is signed with it. */
    secret: text("secret").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** Why the platform turned it off (it failed for days); null when a person did or it is on. */
    disabledReason: text("disabled_reason"),
    /** Start of the current run of failed attempts; null once one succeeds. */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("webhook_endpoints_organisation").on(t.tenantId, t.organisationId),
    foreignKey({
      columns: [t.tenantId, t.organisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }).onDelete("cascade"),
    tenantIsolation(),
  ],
);

/** One event on its way to one endpoint: retried until it succeeds or the schedule runs out. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    endpointId: uuid("endpoint_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    /** The outbox event; also the `webhook-id` header, the same on every attempt and replay. */
    eventId: uuid("event_id").notNull(),
    eventType: text("event_type").notNull(),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    /** The delivery this one replays, when a person asked for it again. */
    replayOf: uuid("replay_of"),
    createdAt: createdAt(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Deleting an endpoint deletes its delivery log (and the attempts with it).
    foreignKey({
      columns: [t.tenantId, t.endpointId],
      foreignColumns: [webhookEndpoints.tenantId, webhookEndpoints.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [outboxEvents.tenantId, outboxEvents.id] }),
    index("webhook_deliveries_endpoint_newest").on(t.tenantId, t.endpointId, t.id.desc()),
    index("webhook_deliveries_organisation_newest").on(t.tenantId, t.organisationId, t.id.desc()),
    check("webhook_deliveries_status_known", sql`${t.status} in ('pending','succeeded','failed')`),
    tenantIsolation(),
  ],
);

/** Every HTTP attempt of a delivery: the delivery log a developer reads. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    tenantId: tenantId().references(() => tenants.id),
    id: id(),
    deliveryId: uuid("delivery_id").notNull(),
    attempt: integer("attempt").notNull(),
    url: text("url").notNull(),
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms").notNull(),
    /** The first 1,000 characters of the response body. */
    responseExcerpt: text("response_excerpt").notNull().default(""),
    /** Network, timeout or guard failure, when there was no response. */
    error: text("error"),
    succeeded: boolean("succeeded").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("webhook_attempts_delivery_attempt").on(t.tenantId, t.deliveryId, t.attempt),
    foreignKey({
      columns: [t.tenantId, t.deliveryId],
      foreignColumns: [webhookDeliveries.tenantId, webhookDeliveries.id],
    }).onDelete("cascade"),
    tenantIsolation(),
  ],
);

/** A market's webhook rules, set by its operator. */
export const webhookSettings = pgTable(
  "webhook_settings",
  {
    tenantId: tenantId().references(() => tenants.id),
    /** Lets endpoints resolve to loopback and private addresses: development and tests only. */
    allowLocalTargets: boolean("allow_local_targets").notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] }), tenantIsolation()],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
