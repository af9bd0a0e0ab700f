import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client.js";
import { withoutTenant, withTenant } from "../../db/tenant.js";
import type { JobSender } from "../../jobs/index.js";
import { outboxEvents } from "../events/index.js";
import { tenants } from "../tenancy/index.js";
import { webhookDeliveries, webhookEndpoints } from "./tables.js";

/** The pg-boss queue that makes one HTTP attempt of one delivery. */
export const WEBHOOK_DELIVERY_QUEUE = "webhooks.deliver";

export interface WebhookDeliveryJob {
  tenantId: string;
  deliveryId: string;
  /** The attempt this job makes (1 for the first); a job for an attempt already made does nothing. */
  attempt?: number;
}

export type JobsFor = (tx: Transaction) => JobSender;

/**
 * Moves one batch of a market's new outbox events to webhook deliveries: one delivery per
 * subscribed, enabled endpoint of the organisation the event concerns (market-wide events, with no
 * organisation, go to every subscribed endpoint), each with its job, and marks the events
 * dispatched — all in one transaction, so an event is handed over exactly once even with several
 * relays running (SKIP LOCKED).
 */
export async function relayTenantOutbox(db: Database, tenantId: string, jobsFor: JobsFor, limit = 500) {
  return withTenant(db, tenantId, async (tx) => {
    const events = await tx
      .select({ id: outboxEvents.id, type: outboxEvents.type, organisationId: outboxEvents.organisationId })
      .from(outboxEvents)
      .where(isNull(outboxEvents.dispatchedAt))
      .orderBy(asc(outboxEvents.occurredAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (events.length === 0) return { events: 0, deliveries: 0 };
    const endpoints = await tx
      .select({
        id: webhookEndpoints.id,
        organisationId: webhookEndpoints.organisationId,
        eventTypes: webhookEndpoints.eventTypes,
      })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.enabled, true));
    const rows = events.flatMap((event) =>
      endpoints
        .filter(
          (endpoint) =>
            (event.organisationId === null || event.organisationId === endpoint.organisationId) &&
            (endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(event.type)),
        )
        .map((endpoint) => ({
          tenantId,
          endpointId: endpoint.id,
          organisationId: endpoint.organisationId,
          eventId: event.id,
          eventType: event.type,
        })),
    );
    if (rows.length > 0) {
      const inserted = await tx.insert(webhookDeliveries).values(rows).returning({ id: webhookDeliveries.id });
      await jobsFor(tx).sendMany(
        WEBHOOK_DELIVERY_QUEUE,
        inserted.map((d) => ({ data: { tenantId, deliveryId: d.id, attempt: 1 } satisfies WebhookDeliveryJob })),
      );
    }
    await tx
      .update(outboxEvents)
      .set({ dispatchedAt: sql`now()` })
      .where(
        and(
          inArray(
            outboxEvents.id,
            events.map((e) => e.id),
          ),
        ),
      );
    return { events: events.length, deliveries: rows.length };
  });
}

/** Relays every market's new events once; returns whether any market had a full batch left. */
export async function relayOutbox(db: Database, jobsFor: JobsFor, limit = 500) {
  const markets = await withoutTenant(db, (tx) => tx.select({ id: tenants.id }).from(tenants));
  let events = 0;
  let deliveries = 0;
  let more = false;
  const failed: unknown[] = [];
  for (const market of markets) {
    // One market's failure must not hold up the others' events.
    try {
      const relayed = await relayTenantOutbox(db, market.id, jobsFor, limit);
      events += relayed.events;
      deliveries += relayed.deliveries;
      more ||= relayed.events === limit;
    } catch (error) {
      failed.push(error);
    }
  }
  if (failed.length > 0) throw new AggregateError(failed, `relaying the outbox failed in ${failed.length} market(s)`);
  return { events, deliveries, more };
}

/**
 * Runs relayOutbox every `intervalMs` (at once again while batches come back full) until stopped.
 * Every API process may run one: SKIP LOCKED keeps them off each other's events.
 */
export function startOutboxRelay(
  db: Database,
  jobsFor: JobsFor,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
) {
  const intervalMs = options.intervalMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = relayOutbox(db, jobsFor)
      .then(
        (result) => result.more,
        (error: unknown) => {
          options.onError?.(error);
          return false;
        },
      )
      .then((more) => {
        if (!stopped) timer = setTimeout(tick, more ? 0 : intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
