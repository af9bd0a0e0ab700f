export type { AppRouter, RouterInputs, RouterOutputs } from "@tradecloud/api";
export {
  createTradecloudClient,
  type TradecloudCallContext,
  type TradecloudClient,
  type TradecloudClientOptions,
} from "./client.js";
export {
  AuthenticationError,
  ConflictError,
  type ErrorCode,
  type FieldErrors,
  type KnownErrorCode,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
  ServerError,
  TradecloudError,
  type TradecloudErrorDetails,
  ValidationError,
} from "./errors.js";
export { IDEMPOTENCY_HEADER, newIdempotencyKey } from "./idempotency.js";
export {
  type CursorPage,
  type ListProcedure,
  type OffsetPage,
  type Paginated,
  type PaginateOptions,
  paginate,
} from "./paginate.js";
export { isRetryable, type RetryOptions, type Sleep } from "./retry.js";
export { verifyWebhook, type WebhookEvent, type WebhookHeaders, WebhookVerificationError } from "./webhooks.js";
