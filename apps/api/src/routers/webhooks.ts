import { webhooks } from "@tradecloud/core";
import { z } from "zod";
import { memberProcedure, publicProcedure, router } from "../trpc.js";

const tags = ["webhooks"];
const managers = webhooks.WEBHOOK_MANAGERS;

const EndpointOutput = z.object({
  id: z.string(),
  organisationId: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  failingSince: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const SecretOutput = z.object({ endpointId: z.string(), secret: z.string() });
const DeliveryOutput = z.object({
  id: z.string(),
  endpointId: z.string(),
  url: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(webhooks.DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  replayOf: z.string().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
});
const AttemptOutput = z.object({
  attempt: z.number().int(),
  url: z.string(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  responseExcerpt: z.string(),
  error: z.string().nullable(),
  succeeded: z.boolean(),
  createdAt: z.date(),
});

export const webhooksRouter = router({
  listEventTypes: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/webhooks/event-types",
        tags,
        summary: "Every event type you can subscribe to",
        protect: false,
      },
    })
    .input(z.object({}).optional())
    .output(z.array(z.object({ type: z.string(), en: z.string(), zh: z.string() })))
    .query(() => Object.entries(webhooks.WEBHOOK_EVENT_TYPES).map(([type, text]) => ({ type, ...text }))),

  createEndpoint: memberProcedure(managers)
    .meta({
      returnsSecret: true,
      openapi: {
        method: "POST",
        path: "/webhooks/endpoints",
        tags,
        summary: "Register an endpoint (returns its secret)",
      },
    })
    .input(webhooks.CreateEndpointInput)
    .output(EndpointOutput.extend({ secret: z.string() }))
    .mutation(({ ctx, input }) => webhooks.createEndpoint({ ctx, input })),

  listEndpoints: memberProcedure(managers)
    .meta({ openapi: { method: "GET", path: "/webhooks/endpoints", tags, summary: "Your organisation's endpoints" } })
    .input(z.object({}).optional())
    .output(z.array(EndpointOutput))
    .query(({ ctx }) => webhooks.listEndpoints(ctx)),

  updateEndpoint: memberProcedure(managers)
    .meta({
      openapi: {
        method: "PATCH",
        path: "/webhooks/endpoints/{endpointId}",
        tags,
        summary: "Change an endpoint, or turn it off or on",
      },
    })
    .input(webhooks.UpdateEndpointInput)
    .output(EndpointOutput)
    .mutation(({ ctx, input }) => webhooks.updateEndpoint({ ctx, input })),

  deleteEndpoint: memberProcedure(managers)
    .meta({
      openapi: { method: "DELETE", path: "/webhooks/endpoints/{endpointId}", tags, summary: "Delete an endpoint" },
    })
    .input(webhooks.EndpointIdInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => webhooks.deleteEndpoint({ ctx, input })),

  getEndpointSecret: memberProcedure(managers)
    .meta({
      openapi: {
        method: "GET",
        path: "/webhooks/endpoints/{endpointId}/secret",
        tags,
        summary: "An endpoint's secret",
      },
    })
    .input(webhooks.EndpointIdInput)
    .output(SecretOutput)
    .query(({ ctx, input }) => webhooks.getEndpointSecret({ ctx, input })),

  rotateEndpointSecret: memberProcedure(managers)
    .meta({
      returnsSecret: true,
      openapi: {
        method: "POST",
        path: "/webhooks/endpoints/{endpointId}/rotate-secret",
        tags,
        summary: "Sign with a new secret from now on",
      },
    })
    .input(webhooks.EndpointIdInput)
    .output(SecretOutput)
    .mutation(({ ctx, input }) => webhooks.rotateEndpointSecret({ ctx, input })),

  sendTestEvent: memberProcedure(managers)
    .meta({
      openapi: {
        method: "POST",
        path: "/webhooks/endpoints/{endpointId}/test",
        tags,
        summary: "Send a webhook.test event to one endpoint",
      },
    })
    .input(webhooks.EndpointIdInput)
    .output(z.object({ eventId: z.string(), deliveryId: z.string() }))
    .mutation(({ ctx, input }) => webhooks.sendTestEvent({ ctx, input })),

  listDeliveries: memberProcedure(managers)
    .meta({ openapi: { method: "GET", path: "/webhooks/deliveries", tags, summary: "The delivery log, newest first" } })
    .input(webhooks.ListDeliveriesInput)
    .output(z.object({ items: z.array(DeliveryOutput), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => webhooks.listDeliveries({ ctx, input })),

  getDelivery: memberProcedure(managers)
    .meta({
      openapi: {
        method: "GET",
        path: "/webhooks/deliveries/{deliveryId}",
        tags,
        summary: "One delivery: the body sent and every attempt",
      },
    })
    .input(webhooks.DeliveryIdInput)
    .output(
      DeliveryOutput.extend({
        body: z.object({ type: z.string(), timestamp: z.string(), data: z.record(z.string(), z.unknown()) }),
        attempts: z.array(AttemptOutput),
      }),
    )
    .query(({ ctx, input }) => webhooks.getDelivery({ ctx, input })),

  replayDelivery: memberProcedure(managers)
    .meta({
      openapi: {
        method: "POST",
        path: "/webhooks/deliveries/{deliveryId}/replay",
        tags,
        summary: "Send a delivery's event again",
      },
    })
    .input(webhooks.DeliveryIdInput)
    .output(z.object({ deliveryId: z.string() }))
    .mutation(({ ctx, input }) => webhooks.replayDelivery({ ctx, input })),

  // The operator's market-wide setting: portal work (peopleOnly), so tRPC only.
  getSettings: memberProcedure({ kinds: ["operator"], peopleOnly: true })
    .input(z.object({}).optional())
    .output(z.object({ allowLocalTargets: z.boolean() }))
    .query(({ ctx }) => webhooks.readWebhookSettings(ctx)),

  updateSettings: memberProcedure({ kinds: ["operator"], roles: ["owner", "admin"], peopleOnly: true })
    .input(webhooks.WebhookSettingsInput)
    .output(z.object({ allowLocalTargets: z.boolean() }))
    .mutation(({ ctx, input }) => webhooks.updateWebhookSettings({ ctx, input })),
});
