import type { Transaction } from "../db/client.js";
import type { JobSender } from "../jobs/index.js";
import type { Locale, MembershipRole, OrganisationKind } from "../modules/tenancy/tables.js";

/** Who is acting. Services check it; transport resolves it. */
export type Actor =
  | { type: "anonymous" }
  | {
      type: "user";
      userId: string;
      /** The organisation the user acts for now, if they belong to any. */
      organisationId: string | null;
      role: MembershipRole | null;
      kinds: OrganisationKind[];
    }
  | {
      type: "apiKey";
      apiKeyId: string;
      organisationId: string;
      kinds: OrganisationKind[];
      scopes: string[];
    }
  /** The platform itself: seed, jobs. */
  | { type: "system" };

/** What every service function gets beside its input. */
export interface ServiceContext {
  /** The withTenant() transaction for `tenantId`. */
  tx: Transaction;
  tenantId: string;
  actor: Actor;
  requestId: string;
  locale: Locale;
  /** Enqueues background jobs in `tx`; absent where no job queue runs. */
  jobs?: JobSender;
}

export interface ServiceCall<Input> {
  ctx: ServiceContext;
  input: Input;
}
