export { checkWebhookUrl, guardedLookup, isPublicAddress } from "./address-guard.js";
export { getDelivery, listDeliveries, replayDelivery, sendTestEvent } from "./deliveries.js";
export {
  type DeliveryOptions,
  DISABLE_AFTER_MS,
  deliverWebhook,
  nextAttemptDelayMs,
  postWebhook,
  RETRY_SCHEDULE_SECONDS,
  signWebhook,
  webhookBody,
} from "./delivery.js";
export {
  createEndpoint,
  deleteEndpoint,
  getEndpointSecret,
  listEndpoints,
  newEndpointSecret,
  readWebhookSettings,
  rotateEndpointSecret,
  updateEndpoint,
  updateWebhookSettings,
  WEBHOOK_MANAGERS,
} from "./endpoints.js";
export { WEBHOOK_EVENT_TYPE_NAMES, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./event-types.js";
export {
  type JobsFor,
  relayOutbox,
  relayTenantOutbox,
  startOutboxRelay,
  WEBHOOK_DELIVERY_QUEUE,
  type WebhookDeliveryJob,
} from "./relay.js";
export * from "./schemas.js";
export { DELIVERY_STATUSES, type DeliveryStatus, type WebhookDelivery, type WebhookEndpoint } from "./tables.js";
