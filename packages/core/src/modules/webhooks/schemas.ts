import { z } from "zod";
import { bilingual } from "../../shared/i18n.js";
import { WEBHOOK_EVENT_TYPE_NAMES, type WebhookEventType } from "./event-types.js";
import { DELIVERY_STATUSES } from "./tables.js";

export const IdSchema = z.uuid();

const EventTypesSchema = z
  .array(
    z.string().refine((type): type is WebhookEventType => (WEBHOOK_EVENT_TYPE_NAMES as string[]).includes(type), {
      error: bilingual("is not a known event type (see docs/webhooks.md)", "不是已知的事件类型（见 docs/webhooks.md）"),
    }),
  )
  .max(WEBHOOK_EVENT_TYPE_NAMES.length);

export const CreateEndpointInput = z.object({
  url: z.string().trim().min(1).max(2000),
  description: z.string().trim().max(200).default(""),
  /** Types sent to this endpoint; empty (the default) means every type. */
  eventTypes: EventTypesSchema.default([]),
});
export type CreateEndpointInput = z.input<typeof CreateEndpointInput>;

export const UpdateEndpointInput = z.object({
  endpointId: IdSchema,
  url: z.string().trim().min(1).max(2000).optional(),
  description: z.string().trim().max(200).optional(),
  eventTypes: EventTypesSchema.optional(),
  /** Turning an endpoint back on clears the platform's reason for turning it off. */
  enabled: z.boolean().optional(),
});
export type UpdateEndpointInput = z.input<typeof UpdateEndpointInput>;

export const EndpointIdInput = z.object({ endpointId: IdSchema });
export const DeliveryIdInput = z.object({ deliveryId: IdSchema });

export const ListDeliveriesInput = z.object({
  endpointId: IdSchema.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  eventType: z.string().max(100).optional(),
  /** The last id of the previous page. */
  cursor: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListDeliveriesInput = z.input<typeof ListDeliveriesInput>;

export const WebhookSettingsInput = z.object({ allowLocalTargets: z.boolean() });
