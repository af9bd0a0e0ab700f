// The public face of the domain. Transport (apps/api) imports from here and from ./db only.

export { type JobSender, jobSender, type PgBoss, QUEUES, startJobQueue } from "./jobs/index.js";
export * as catalog from "./modules/catalog/index.js";
export * as events from "./modules/events/index.js";
export * as integrations from "./modules/integrations/index.js";
export * as matching from "./modules/matching/index.js";
export * as tenancy from "./modules/tenancy/index.js";
export * as webhooks from "./modules/webhooks/index.js";
export type { Actor, ServiceCall, ServiceContext } from "./shared/context.js";
export {
  DomainError,
  ERROR_CODES,
  type ErrorCode,
  type FieldErrors,
  parseInput,
  validationError,
  zodFieldErrors,
} from "./shared/errors.js";
export { type Bilingual, currentLocale, type Locale, localeFromHeader, pick, runWithLocale } from "./shared/i18n.js";
