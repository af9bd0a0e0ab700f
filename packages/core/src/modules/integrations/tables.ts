import { jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, tenantId, tenantIsolation } from "../../db/columns.js";
import { tenants } from "../tenancy/tables.js";

/**
 * Mutations already answered for an `Idempotency-Key`: a retry with the same key gets the stored
 * answer instead of doing the work twice. Kept 24 hours.
 */
export const idempotentRequests = pgTable(
  "idempotent_requests",
  {
    tenantId: tenantId().references(() => tenants.id),
    /** Whose key it is: `apiKey:<id>` or `user:<id>`, so two callers never share one. */
    caller: text("caller").notNull(),
    key: text("key").notNull(),
    procedure: text("procedure").notNull(),
    /** SHA-256 of the input: the same key with a different body is refused. */
    inputHash: text("input_hash").notNull(),
    /** The answer, superjson-encoded; null while the first request is still running. */
    response: jsonb("response"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.caller, t.key] }), tenantIsolation()],
);
