import { type SQL, sql } from "drizzle-orm";
import { pgArray } from "../../db/client.js";
import { newId } from "../../db/columns.js";
import type { ServiceContext } from "../../shared/context.js";
import { outboxEvents } from "./tables.js";

export interface DomainEvent {
  /** `listing.created`, `quote.accepted`, … */
  type: string;
  /** The organisation the event concerns, when there is one. */
  organisationId?: string | null;
  payload: Record<string, unknown>;
}

/**
 * Writes a domain event to the outbox in the caller's transaction: it commits with the change it
 * describes, or not at all. Delivery (webhooks, jobs) reads the outbox afterwards.
 */
export async function emitEvent(ctx: Pick<ServiceContext, "tx" | "tenantId" | "requestId">, event: DomainEvent) {
  const [row] = await ctx.tx
    .insert(outboxEvents)
    .values({
      tenantId: ctx.tenantId,
      type: event.type,
      organisationId: event.organisationId ?? null,
      // JSON round trip so dates become strings exactly as a webhook receiver will see them.
      payload: JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>,
      requestId: ctx.requestId,
    })
    .returning({ id: outboxEvents.id });
  return row?.id;
}

/**
 * Writes many events in one insert (bulk writes), in the caller's transaction like emitEvent.
 * They go as one JSON parameter: binding six values per event for thousands of events cost more
 * than the insert itself.
 */
export async function emitEvents(ctx: Pick<ServiceContext, "tx" | "tenantId" | "requestId">, events: DomainEvent[]) {
  if (events.length === 0) return;
  const records = events.map((event) => ({
    type: event.type,
    organisation_id: event.organisationId ?? null,
    payload: event.payload,
  }));
  await ctx.tx.execute(
    insertEventsSql(
      ctx,
      records.length,
      sql`select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
        as r(type text, organisation_id uuid, payload jsonb)`,
    ),
  );
}

/**
 * An insert of `count` events from the rows of `events` (columns type, organisation_id, payload),
 * for a bulk write to put in the same statement as the change, e.g. as a CTE over its RETURNING
 * rows: the events then need no round trip of their own. Ids are made here, time-ordered like
 * every other; a row beyond `count` would have none, and the insert fails.
 */
export function insertEventsSql(ctx: Pick<ServiceContext, "tenantId" | "requestId">, count: number, events: SQL): SQL {
  const ids = pgArray(Array.from({ length: count }, newId));
  return sql`
    with ids as materialized (select ${ids}::uuid[] as id)
    insert into ${outboxEvents} (tenant_id, id, type, organisation_id, payload, request_id)
    select ${ctx.tenantId}::uuid, ids.id[e.n], e.type, e.organisation_id, e.payload, ${ctx.requestId}::text
    from (select r.*, row_number() over () as n from (${events}) r) e, ids`;
}
