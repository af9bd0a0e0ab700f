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

/** Writes many events in one insert (bulk imports), in the caller's transaction like emitEvent. */
export async function emitEvents(ctx: Pick<ServiceContext, "tx" | "tenantId" | "requestId">, events: DomainEvent[]) {
  for (let i = 0; i < events.length; i += 1000) {
    await ctx.tx.insert(outboxEvents).values(
      events.slice(i, i + 1000).map((event) => ({
        tenantId: ctx.tenantId,
        type: event.type,
        organisationId: event.organisationId ?? null,
        payload: JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>,
        requestId: ctx.requestId,
      })),
    );
  }
}
