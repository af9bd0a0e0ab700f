export {
  claimIdempotencyKey,
  deleteExpiredIdempotentRequests,
  hashRequestInput,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_TTL_MS,
  IDEMPOTENT_REPLAYED_HEADER,
  type IdempotencyClaim,
  type IdempotentRequest,
  idempotencyCaller,
  parseIdempotencyKey,
  saveIdempotentResponse,
} from "./idempotency.js";
export { deleteExpiredRequestState } from "./maintenance.js";
export {
  addressBucketKey,
  apiKeyBucketKey,
  deleteIdleRateLimitBuckets,
  type RateLimit,
  type RateLimitDecision,
  takeRateLimitToken,
  takeRateLimitTokens,
} from "./rate-limits.js";
