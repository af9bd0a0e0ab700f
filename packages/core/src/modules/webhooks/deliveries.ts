import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import type { ServiceCall, ServiceContext } from "../../shared/context.js";
import { DomainError, notFound, parseInput } from "../../shared/errors.js";
import { emitEvent, outboxEvents } from "../events/index.js";
import { requireOrganisation } from "../tenancy/index.js";
import { deliveryEndpoint, deliveryEvent, webhookBody } from "./delivery.js";
import { findOwnEndpoint, WEBHOOK_MANAGERS } from "./endpoints.js";
import { WEBHOOK_DELIVERY_QUEUE, type WebhookDeliveryJob } from "./relay.js";
import {
  DeliveryIdInput,
  EndpointIdInput,
  ListDeliveriesInput,
  type ListDeliveriesInput as ListInput,
} from "./schemas.js";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "./tables.js";

const deliveryColumns = {
  id: webhookDeliveries.id,
  endpointId: webhookDeliveries.endpointId,
  url: webhookEndpoints.url,
  eventId: webhookDeliveries.eventId,
  eventType: webhookDeliveries.eventType,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  replayOf: webhookDeliveries.replayOf,
  createdAt: webhookDeliveries.createdAt,
  completedAt: webhookDeliveries.completedAt,
};

function requireJobs(ctx: ServiceContext) {
  if (!ctx.jobs) {
    throw new DomainError("INTERNAL", {
      en: "Webhook delivery is not running on this server",
      zh: "此服务器未运行 Webhook 投递",
    });
  }
  return ctx.jobs;
}

/** The acting organisation's deliveries, newest first, one page at a time. */
export async function listDeliveries({ ctx, input }: ServiceCall<ListInput>) {
  const actor = requireOrganisation(ctx, WEBHOOK_MANAGERS);
  const p = parseInput(ListDeliveriesInput, input);
  const rows = await ctx.tx
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, deliveryEndpoint)
    .where(
      and(
        eq(webhookDeliveries.organisationId, actor.organisationId),
        p.endpointId ? eq(webhookDeliveries.endpointId, p.endpointId) : undefined,
        p.status ? eq(webhookDeliveries.status, p.status) : undefined,
        p.eventType ? eq(webhookDeliveries.eventType, p.eventType) : undefined,
        p.cursor ? lt(webhookDeliveries.id, p.cursor) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(p.limit + 1);
  const items = rows.slice(0, p.limit);
  return { items, nextCursor: rows.length > p.limit ? (items.at(-1)?.id ?? null) : null };
}

/** One delivery with its every attempt and the exact body sent, for the delivery log. */
export async function getDelivery({ ctx, input }: ServiceCall<{ deliveryId: string }>) {
  const actor = requireOrganisation(ctx, WEBHOOK_MANAGERS);
  const { deliveryId } = parseInput(DeliveryIdInput, input);
  const [delivery] = await ctx.tx
    .select({ ...deliveryColumns, occurredAt: outboxEvents.occurredAt, payload: outboxEvents.payload })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, deliveryEndpoint)
    .innerJoin(outboxEvents, deliveryEvent)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.organisationId, actor.organisationId)));
  if (!delivery) throw notFound({ en: "Webhook delivery", zh: "Webhook 投递" });
  const attempts = await ctx.tx
    .select({
      attempt: webhookAttempts.attempt,
      url: webhookAttempts.url,
      statusCode: webhookAttempts.statusCode,
      latencyMs: webhookAttempts.latencyMs,
      responseExcerpt: webhookAttempts.responseExcerpt,
      error: webhookAttempts.error,
      succeeded: webhookAttempts.succeeded,
      createdAt: webhookAttempts.createdAt,
    })
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, delivery.id))
    .orderBy(asc(webhookAttempts.attempt));
  const { occurredAt, payload, ...rest } = delivery;
  // Exactly the body sent (less its signature), as the receiver parsed it.
  const body = JSON.parse(webhookBody({ type: delivery.eventType, occurredAt, payload })) as {
    type: string;
    timestamp: string;
    data: Record<string, unknown>;
  };
  return { ...rest, body, attempts };
}

/**
 * Sends a delivery's event again, now, as a new delivery with its own attempts. The `webhook-id`
 * stays the event's, so a receiver that already handled it can tell.
 */
export async function replayDelivery({ ctx, input }: ServiceCall<{ deliveryId: string }>) {
  const actor = requireOrganisation(ctx, WEBHOOK_MANAGERS);
  const { deliveryId } = parseInput(DeliveryIdInput, input);
  const jobs = requireJobs(ctx);
  const [original] = await ctx.tx
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.organisationId, actor.organisationId)));
  if (!original) throw notFound({ en: "Webhook delivery", zh: "Webhook 投递" });
  const endpoint = await findOwnEndpoint(ctx, original.endpointId);
  if (!endpoint.enabled) {
    throw new DomainError("PRECONDITION_FAILED", {
      en: "The endpoint is disabled; turn it on before replaying",
      zh: "该端点已停用，请先启用再重发",
    });
  }
  const [replay] = await ctx.tx
    .insert(webhookDeliveries)
    .values({
      tenantId: ctx.tenantId,
      endpointId: original.endpointId,
      organisationId: original.organisationId,
      eventId: original.eventId,
      eventType: original.eventType,
      replayOf: original.id,
    })
    .returning({ id: webhookDeliveries.id });
  if (!replay) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  await jobs.send(WEBHOOK_DELIVERY_QUEUE, {
    tenantId: ctx.tenantId,
    deliveryId: replay.id,
    attempt: 1,
  } satisfies WebhookDeliveryJob);
  return { deliveryId: replay.id };
}

/**
 * Sends a `webhook.test` event to one endpoint only, so an integrator can check the receiver and
 * its signature check without changing anything real.
 */
export async function sendTestEvent({ ctx, input }: ServiceCall<{ endpointId: string }>) {
  const { endpointId } = parseInput(EndpointIdInput, input);
  const endpoint = await findOwnEndpoint(ctx, endpointId);
  const jobs = requireJobs(ctx);
  const eventId = await emitEvent(ctx, {
    type: "webhook.test",
    organisationId: endpoint.organisationId,
    payload: { endpointId: endpoint.id, message: "Hello from Tradecloud" },
  });
  if (!eventId) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  // Dispatched here, to this endpoint alone, so the relay does not fan it out to the others.
  await ctx.tx.update(outboxEvents).set({ dispatchedAt: sql`now()` }).where(eq(outboxEvents.id, eventId));
  const [delivery] = await ctx.tx
    .insert(webhookDeliveries)
    .values({
      tenantId: ctx.tenantId,
      endpointId: endpoint.id,
      organisationId: endpoint.organisationId,
      eventId,
      eventType: "webhook.test",
    })
    .returning({ id: webhookDeliveries.id });
  if (!delivery) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  await jobs.send(WEBHOOK_DELIVERY_QUEUE, {
    tenantId: ctx.tenantId,
    deliveryId: delivery.id,
    attempt: 1,
  } satisfies WebhookDeliveryJob);
  return { eventId, deliveryId: delivery.id };
}
