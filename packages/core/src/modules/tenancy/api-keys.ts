import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Transaction } from "../../db/client.js";
import type { Actor, ServiceCall, ServiceContext } from "../../shared/context.js";
import { randomToken, safeEqual, sha256 } from "../../shared/crypto.js";
import { DomainError, notFound, parseInput } from "../../shared/errors.js";
import { emitEvent } from "../events/index.js";
import { requireOrganisation } from "./access.js";
import { ApiKeyIdInput, CreateApiKeyInput, type CreateApiKeyInput as CreateInput } from "./schemas.js";
import { apiKeys, organisations, tenants } from "./tables.js";

/** `tc_<mode>_<market>_<8 chars>_<secret>`: the part before the secret is the visible prefix. */
const KEY_PATTERN = /^(tc_(live|test)_([a-z0-9-]{2,40})_([a-z0-9]{8}))_([A-Za-z0-9_-]{32,64})$/;

export function parseApiKey(key: string): { prefix: string; mode: "live" | "test"; tenantSlug: string } | null {
  const m = key.match(KEY_PATTERN);
  if (!m?.[1] || !m[3]) return null;
  return { prefix: m[1], mode: m[2] as "live" | "test", tenantSlug: m[3] };
}

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  mode: apiKeys.mode,
  scopes: apiKeys.scopes,
  organisationId: apiKeys.organisationId,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
};

/**
 * Creates an API key for the organisation the actor acts for. Owners and admins only. The key is
 * returned once, here; only its hash is kept. Test keys belong to a sandbox market.
 */
export async function createApiKey({ ctx, input }: ServiceCall<CreateInput>) {
  const actor = requireOrganisation(ctx, { roles: ["owner", "admin"], scope: "webhooks:manage" });
  const values = parseInput(CreateApiKeyInput, input);
  const [tenant] = await ctx.tx
    .select({ slug: tenants.slug, sandbox: tenants.sandbox })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenantId));
  if (!tenant) throw notFound({ en: "Market", zh: "市场" });
  const mode = tenant.sandbox ? "test" : "live";
  const prefix = `tc_${mode}_${tenant.slug}_${randomToken(12)
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase()
    .slice(0, 8)
    .padEnd(8, "0")}`;
  const key = `${prefix}_${randomToken(32)}`;
  const expiresAt = values.expiresInDays ? new Date(Date.now() + values.expiresInDays * 86_400_000) : null;
  const [row] = await ctx.tx
    .insert(apiKeys)
    .values({
      tenantId: ctx.tenantId,
      organisationId: actor.organisationId,
      name: values.name,
      mode,
      prefix,
      secretHash: sha256(key),
      scopes: [...new Set(values.scopes)],
      createdBy: actor.userId,
      expiresAt,
    })
    .returning(publicColumns);
  if (!row) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  await emitEvent(ctx, {
    type: "api_key.created",
    organisationId: actor.organisationId,
    payload: { apiKeyId: row.id, prefix, scopes: row.scopes },
  });
  return { ...row, key };
}

/** The API keys of the organisation the actor acts for, without secrets. Owners and admins. */
export async function listApiKeys(ctx: ServiceContext) {
  const actor = requireOrganisation(ctx, { roles: ["owner", "admin"], scope: "webhooks:manage" });
  return ctx.tx
    .select(publicColumns)
    .from(apiKeys)
    .where(eq(apiKeys.organisationId, actor.organisationId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Revokes a key at once. Owners and admins of its organisation. */
export async function revokeApiKey({ ctx, input }: ServiceCall<{ apiKeyId: string }>) {
  const actor = requireOrganisation(ctx, { roles: ["owner", "admin"], scope: "webhooks:manage" });
  const { apiKeyId } = parseInput(ApiKeyIdInput, input);
  const [row] = await ctx.tx
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.organisationId, actor.organisationId)))
    .returning(publicColumns);
  if (!row) throw notFound({ en: "API key", zh: "API 密钥" });
  await emitEvent(ctx, { type: "api_key.revoked", organisationId: actor.organisationId, payload: { apiKeyId } });
  return row;
}

export type ApiKeyActor = Extract<Actor, { type: "apiKey" }>;

/**
 * Finds the live key for `key` in the current tenant transaction and marks it used (at most once
 * a minute, to spare writes). Null when unknown, revoked or expired.
 */
export async function resolveApiKey(tx: Transaction, key: string): Promise<ApiKeyActor | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const [row] = await tx
    .select({
      id: apiKeys.id,
      secretHash: apiKeys.secretHash,
      organisationId: apiKeys.organisationId,
      scopes: apiKeys.scopes,
      kinds: organisations.kinds,
    })
    .from(apiKeys)
    .innerJoin(
      organisations,
      and(eq(organisations.tenantId, apiKeys.tenantId), eq(organisations.id, apiKeys.organisationId)),
    )
    .where(
      and(
        eq(apiKeys.prefix, parsed.prefix),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), sql`${apiKeys.expiresAt} > now()`),
      ),
    )
    .limit(1);
  if (!row || !safeEqual(row.secretHash, sha256(key))) return null;
  await tx
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, row.id),
        or(isNull(apiKeys.lastUsedAt), sql`${apiKeys.lastUsedAt} < now() - interval '1 minute'`),
      ),
    );
  return { type: "apiKey", apiKeyId: row.id, organisationId: row.organisationId, kinds: row.kinds, scopes: row.scopes };
}
