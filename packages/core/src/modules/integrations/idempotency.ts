import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { withTenant } from "../../db/tenant.js";
import type { Actor, ServiceContext } from "../../shared/context.js";
import { sha256 } from "../../shared/crypto.js";
import { DomainError } from "../../shared/errors.js";
import { idempotentRequests } from "./tables.js";

/** The request header that names a mutation for safe retries (IETF draft "Idempotency-Key"). */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
/** The response header set when the answer is a stored one, not a new run. */
export const IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";
/** How long a key is remembered; an older row counts as absent. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

// 1–255 visible ASCII characters: no spaces, controls or non-ASCII, so keys compare byte for byte.
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Checks an `Idempotency-Key` header value. Throws VALIDATION naming the header. */
export function parseIdempotencyKey(value: string): string {
  if (KEY_PATTERN.test(value)) return value;
  throw new DomainError("VALIDATION", {
    en: `${IDEMPOTENCY_KEY_HEADER} header must be 1–255 visible ASCII characters`,
    zh: `${IDEMPOTENCY_KEY_HEADER} 请求头须为 1–255 个可见 ASCII 字符`,
  });
}

/** Whose keys these are: `apiKey:<id>` or `user:<id>`; null for callers keys do not cover. */
export function idempotencyCaller(actor: Actor): string | null {
  if (actor.type === "apiKey") return `apiKey:${actor.apiKeyId}`;
  // A person's answers are kept per organisation they act for: switching must not replay another's.
  if (actor.type === "user") return `user:${actor.userId}:${actor.organisationId ?? "-"}`;
  return null;
}

/**
 * SHA-256 of `input` as canonical JSON (object keys sorted, Dates as ISO strings), so the same
 * request sent with its fields in another order, or through REST instead of tRPC, hashes alike.
 */
export function hashRequestInput(input: unknown): string {
  const canonical = JSON.stringify(input, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : value,
  );
  return sha256(canonical ?? "null");
}

export interface IdempotentRequest {
  /** The header value, checked with {@link parseIdempotencyKey}. */
  key: string;
  /** The procedure path, e.g. `catalog.createListing`. */
  procedure: string;
  /** The raw input, hashed with {@link hashRequestInput}. */
  input: unknown;
}

export type IdempotencyClaim =
  /** This request owns the key: run it, then {@link saveIdempotentResponse} in the same transaction. */
  | { status: "claimed"; caller: string; key: string }
  /** The same request already ran: here is its stored answer. */
  | { status: "replay"; response: unknown }
  /** The actor is not a caller keys cover (anonymous): run as if no key came. */
  | { status: "uncovered" };

const reused = () =>
  new DomainError("CONFLICT", {
    en: `This ${IDEMPOTENCY_KEY_HEADER} was already used with a different request; send a new key`,
    zh: `此 ${IDEMPOTENCY_KEY_HEADER} 已用于另一个请求，请使用新的键`,
  });

/**
 * Claims `key` for the acting caller in `ctx.tx` (a withTenant() transaction). The row is inserted
 * uncommitted, so a concurrent request with the same key waits on the primary key until this
 * transaction ends: if it commits, that request gets the stored answer; if it rolls back (the work
 * failed), the key is free again and that request runs. A row older than {@link IDEMPOTENCY_TTL_MS}
 * is taken over as if absent.
 *
 * Called by transport for mutations that carry an `Idempotency-Key`. Throws VALIDATION for a
 * malformed key and CONFLICT when the key was used with another procedure or another input.
 */
export async function claimIdempotencyKey({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "tx" | "tenantId" | "actor">;
  input: IdempotentRequest;
}): Promise<IdempotencyClaim> {
  const caller = idempotencyCaller(ctx.actor);
  if (!caller) return { status: "uncovered" };
  const key = parseIdempotencyKey(input.key);
  const inputHash = hashRequestInput(input.input);
  const t = idempotentRequests;
  const [claimed] = await ctx.tx
    .insert(t)
    .values({ tenantId: ctx.tenantId, caller, key, procedure: input.procedure, inputHash })
    .onConflictDoUpdate({
      target: [t.tenantId, t.caller, t.key],
      set: { procedure: input.procedure, inputHash, response: null, createdAt: sql`now()` },
      setWhere: lt(t.createdAt, sql`now() - make_interval(secs => ${IDEMPOTENCY_TTL_MS / 1000})`),
    })
    .returning({ key: t.key });
  if (claimed) return { status: "claimed", caller, key };

  const [stored] = await ctx.tx
    .select({ procedure: t.procedure, inputHash: t.inputHash, response: t.response })
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.caller, caller), eq(t.key, key)));
  if (!stored || stored.procedure !== input.procedure || stored.inputHash !== inputHash) throw reused();
  if (stored.response === null) {
    // Not reachable while the answer is written in the claiming transaction; kept as a guard.
    throw new DomainError("CONFLICT", {
      en: `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry shortly`,
      zh: `使用此 ${IDEMPOTENCY_KEY_HEADER} 的请求仍在处理中，请稍后重试`,
    });
  }
  return { status: "replay", response: stored.response };
}

/**
 * Stores the answer of a claimed request, in the transaction that claimed it and did the work.
 * `response` must be JSON (transport stores it superjson-encoded so Dates survive).
 */
export async function saveIdempotentResponse({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "tx" | "tenantId">;
  input: { caller: string; key: string; response: unknown };
}): Promise<void> {
  const t = idempotentRequests;
  await ctx.tx
    .update(t)
    .set({ response: input.response })
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.caller, input.caller), eq(t.key, input.key)));
}

/**
 * Deletes `tenantId`'s idempotency rows older than {@link IDEMPOTENCY_TTL_MS}, for a periodic
 * job. Returns how many went. Claims already treat such rows as absent; this only frees space.
 */
export async function deleteExpiredIdempotentRequests(db: Database, tenantId: string): Promise<number> {
  const t = idempotentRequests;
  const deleted = await withTenant(db, tenantId, (tx) =>
    tx
      .delete(t)
      .where(lt(t.createdAt, sql`now() - make_interval(secs => ${IDEMPOTENCY_TTL_MS / 1000})`))
      .returning({ key: t.key }),
  );
  return deleted.length;
}
