import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Transaction } from "../../db/client.js";
import { inSandbox } from "../../db/tenant.js";
import type { Actor, ServiceCall, ServiceContext } from "../../shared/context.js";
import { randomToken, safeEqual, sha256 } from "../../shared/crypto.js";
import { DomainError, notFound, parseInput } from "../../shared/errors.js";
import { emitEvent } from "../events/index.js";
import { type AccessRule, type OrganisationActor, requireOrganisation } from "./access.js";
import {
  ApiKeyIdInput,
  CreateApiKeyInput,
  type CreateApiKeyInput as CreateInput,
  RotateApiKeyInput,
  type RotateApiKeyInput as RotateInput,
} from "./schemas.js";
import { apiKeys, organisations, tenants } from "./tables.js";

/** `tc_<mode>_<market>_<8 chars>_<secret>`: the part before the secret is the visible prefix. */
const KEY_PATTERN = /^(tc_(live|test)_([a-z0-9-]{2,40})_([a-z0-9]{8}))_([A-Za-z0-9_-]{32,64})$/;

export function parseApiKey(key: string): { prefix: string; mode: "live" | "test"; tenantSlug: string } | null {
  const m = key.match(KEY_PATTERN);
  if (!m?.[1] || !m[3]) return null;
  return { prefix: m[1], mode: m[2] as "live" | "test", tenantSlug: m[3] };
}

/** Who manages an organisation's API keys: its owners and admins, or a key with webhooks:manage. */
export const API_KEY_MANAGERS: AccessRule = { roles: ["owner", "admin"], scope: "webhooks:manage" };

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
  rotatedFrom: apiKeys.rotatedFrom,
  createdAt: apiKeys.createdAt,
};

/**
 * Where a key lives: the request's market, or (for a live market's test keys) its sandbox, where
 * the organisation is represented by its mirror organisation.
 */
interface KeyHome {
  tx: Transaction;
  tenantId: string;
  slug: string;
  /** The organisation in that market: the actor's own, or its mirror in the sandbox. */
  organisationId: string;
  /** The person recorded as creator: only where they exist (not in the sandbox). */
  userId: string | null;
}

/** The request's market, and its sandbox when it is a live market that has one. */
async function marketOf(ctx: ServiceContext) {
  const [market] = await ctx.tx
    .select({ slug: tenants.slug, sandbox: tenants.sandbox })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenantId));
  if (!market) throw notFound({ en: "Market", zh: "市场" });
  const [sandbox] = market.sandbox
    ? []
    : await ctx.tx
        .select({ id: tenants.id, slug: tenants.slug })
        .from(tenants)
        .where(and(eq(tenants.sandboxOf, ctx.tenantId), eq(tenants.sandbox, true)))
        .orderBy(asc(tenants.createdAt))
        .limit(1);
  return { ...market, sandboxMarket: sandbox ?? null };
}

/** The sandbox organisation whose keys are `organisationId`'s test keys, if it has one yet. */
async function findMirror(tx: Transaction, organisationId: string): Promise<string | null> {
  const [mirror] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.mirrorOf, organisationId));
  return mirror?.id ?? null;
}

/**
 * The mirror of the actor's organisation in the sandbox, created (or brought up to date) from the
 * live organisation, which `live` has read in the live market.
 */
async function upsertMirror(
  tx: Transaction,
  sandboxId: string,
  live: Pick<typeof organisations.$inferSelect, "id" | "nameZh" | "nameEn" | "kinds" | "country" | "city">,
): Promise<string> {
  const copy = { nameZh: live.nameZh, nameEn: live.nameEn, kinds: live.kinds, country: live.country, city: live.city };
  const [mirror] = await tx
    .insert(organisations)
    .values({ tenantId: sandboxId, mirrorOf: live.id, ...copy })
    .onConflictDoUpdate({ target: [organisations.tenantId, organisations.mirrorOf], set: copy })
    .returning({ id: organisations.id });
  if (!mirror) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  return mirror.id;
}

const noSandbox = () =>
  new DomainError("PRECONDITION_FAILED", {
    en: "This market has no sandbox, so it cannot have test keys",
    zh: "此市场没有沙盒，无法创建测试密钥",
  });

/** Inserts a new key in `home` and returns it with its secret, which is never stored. */
async function insertKey(
  home: KeyHome,
  values: {
    name: string;
    mode: "live" | "test";
    scopes: string[];
    expiresAt: Date | null;
    rotatedFrom?: string;
  },
) {
  const prefix = `tc_${values.mode}_${home.slug}_${randomToken(12)
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase()
    .slice(0, 8)
    .padEnd(8, "0")}`;
  const key = `${prefix}_${randomToken(32)}`;
  const [row] = await home.tx
    .insert(apiKeys)
    .values({
      tenantId: home.tenantId,
      organisationId: home.organisationId,
      name: values.name,
      mode: values.mode,
      prefix,
      secretHash: sha256(key),
      scopes: [...new Set(values.scopes)],
      createdBy: home.userId,
      expiresAt: values.expiresAt,
      rotatedFrom: values.rotatedFrom ?? null,
    })
    .returning(publicColumns);
  if (!row) throw new DomainError("INTERNAL", { en: "Insert returned nothing", zh: "写入失败" });
  return { ...row, key };
}

/**
 * Runs `fn` where the key `apiKeyId` of the actor's organisation lives: the request's market, else
 * (from a live market) the sandbox, as the organisation's mirror. NOT_FOUND when neither has it,
 * so another organisation's or market's keys look the same as none.
 */
async function atKey<T>(
  ctx: ServiceContext,
  actor: OrganisationActor,
  apiKeyId: string,
  fn: (home: KeyHome) => Promise<T>,
): Promise<T> {
  const market = await marketOf(ctx);
  const owns = (tx: Transaction, organisationId: string) =>
    tx
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.organisationId, organisationId)));
  if ((await owns(ctx.tx, actor.organisationId)).length > 0) {
    return fn({ tx: ctx.tx, tenantId: ctx.tenantId, slug: market.slug, ...actor });
  }
  const sandbox = market.sandboxMarket;
  if (sandbox) {
    const found = await inSandbox(ctx.tx, sandbox.id, async (tx) => {
      const mirror = await findMirror(tx, actor.organisationId);
      if (!mirror || (await owns(tx, mirror)).length === 0) return { found: false as const };
      const home = { tx, tenantId: sandbox.id, slug: sandbox.slug, organisationId: mirror, userId: null };
      return { found: true as const, result: await fn(home) };
    });
    if (found.found) return found.result;
  }
  throw notFound({ en: "API key", zh: "API 密钥" });
}

/**
 * Creates an API key for the organisation the actor acts for. Owners and admins (or a key with
 * webhooks:manage). The key is returned once, here; only its hash is kept. In a live market,
 * `mode: "test"` puts the key in the market's sandbox, acting as the organisation's mirror there
 * (created on first use from the live organisation); PRECONDITION_FAILED when there is no
 * sandbox, or for `mode: "live"` in a sandbox market.
 */
export async function createApiKey({ ctx, input }: ServiceCall<CreateInput>) {
  const actor = requireOrganisation(ctx, API_KEY_MANAGERS);
  const values = parseInput(CreateApiKeyInput, input);
  const market = await marketOf(ctx);
  const mode = values.mode ?? (market.sandbox ? "test" : "live");
  if (market.sandbox && mode === "live") {
    throw new DomainError("PRECONDITION_FAILED", {
      en: "A sandbox market has test keys only",
      zh: "沙盒市场只能创建测试密钥",
    });
  }
  const key = {
    name: values.name,
    mode,
    scopes: values.scopes,
    expiresAt: values.expiresInDays ? new Date(Date.now() + values.expiresInDays * 86_400_000) : null,
  } as const;
  let created: Awaited<ReturnType<typeof insertKey>>;
  if (mode === "test" && !market.sandbox) {
    const sandbox = market.sandboxMarket;
    if (!sandbox) throw noSandbox();
    const [live] = await ctx.tx.select().from(organisations).where(eq(organisations.id, actor.organisationId));
    if (!live) throw notFound({ en: "Organisation", zh: "机构" });
    created = await inSandbox(ctx.tx, sandbox.id, async (tx) => {
      const organisationId = await upsertMirror(tx, sandbox.id, live);
      return insertKey({ tx, tenantId: sandbox.id, slug: sandbox.slug, organisationId, userId: null }, key);
    });
  } else {
    created = await insertKey({ tx: ctx.tx, tenantId: ctx.tenantId, slug: market.slug, ...actor }, key);
  }
  await emitEvent(ctx, {
    type: "api_key.created",
    organisationId: actor.organisationId,
    payload: { apiKeyId: created.id, prefix: created.prefix, mode, scopes: created.scopes },
  });
  return created;
}

/**
 * The API keys of the organisation the actor acts for, without secrets, newest first: in a live
 * market its live keys and its test keys from the sandbox (`mode` tells them apart). Owners and
 * admins (or a key with webhooks:manage).
 */
export async function listApiKeys(ctx: ServiceContext) {
  const actor = requireOrganisation(ctx, API_KEY_MANAGERS);
  const keysOf = (tx: Transaction, organisationId: string) =>
    tx.select(publicColumns).from(apiKeys).where(eq(apiKeys.organisationId, organisationId));
  const own = await keysOf(ctx.tx, actor.organisationId);
  const sandbox = (await marketOf(ctx)).sandboxMarket;
  const test = sandbox
    ? await inSandbox(ctx.tx, sandbox.id, async (tx) => {
        const mirror = await findMirror(tx, actor.organisationId);
        return mirror ? keysOf(tx, mirror) : [];
      })
    : [];
  return [...own, ...test].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
}

/**
 * Revokes a key at once, live or (from a live market) test. Owners and admins of its organisation
 * (or a key with webhooks:manage). NOT_FOUND for another organisation's key.
 */
export async function revokeApiKey({ ctx, input }: ServiceCall<{ apiKeyId: string }>) {
  const actor = requireOrganisation(ctx, API_KEY_MANAGERS);
  const { apiKeyId } = parseInput(ApiKeyIdInput, input);
  const row = await atKey(ctx, actor, apiKeyId, async (home) => {
    const [revoked] = await home.tx
      .update(apiKeys)
      .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
      .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.organisationId, home.organisationId)))
      .returning(publicColumns);
    return revoked;
  });
  if (!row) throw notFound({ en: "API key", zh: "API 密钥" });
  await emitEvent(ctx, {
    type: "api_key.revoked",
    organisationId: actor.organisationId,
    payload: { apiKeyId, prefix: row.prefix, mode: row.mode },
  });
  return row;
}

/**
 * Replaces a key: a new one with the same name, scopes, organisation, mode and expiry (returned
 * once, with its secret), while the old one keeps working for `graceHours` (default 24, at most
 * 168; 0 ends it now) so integrators can roll their deploys over. Owners and admins (or a key with
 * webhooks:manage). NOT_FOUND for another organisation's key; PRECONDITION_FAILED for a revoked
 * or expired key, or one already rotated (rotate its replacement instead).
 */
export async function rotateApiKey({ ctx, input }: ServiceCall<RotateInput>) {
  const actor = requireOrganisation(ctx, API_KEY_MANAGERS);
  const { apiKeyId, graceHours } = parseInput(RotateApiKeyInput, input);
  const rotated = await atKey(ctx, actor, apiKeyId, async (home) => {
    // Locked, so two rotations of one key run one after the other and the second is refused.
    const [old] = await home.tx
      .select({
        name: apiKeys.name,
        mode: apiKeys.mode,
        scopes: apiKeys.scopes,
        expiresAt: apiKeys.expiresAt,
        revokedAt: apiKeys.revokedAt,
        expired: sql<boolean>`${apiKeys.expiresAt} is not null and ${apiKeys.expiresAt} <= now()`,
      })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.organisationId, home.organisationId)))
      .for("update");
    if (!old) throw notFound({ en: "API key", zh: "API 密钥" });
    if (old.revokedAt) {
      throw new DomainError("PRECONDITION_FAILED", {
        en: "This API key was revoked; create a new one instead",
        zh: "此 API 密钥已吊销，请新建一个",
      });
    }
    if (old.expired) {
      throw new DomainError("PRECONDITION_FAILED", {
        en: "This API key has expired; create a new one instead",
        zh: "此 API 密钥已过期，请新建一个",
      });
    }
    const [successor] = await home.tx
      .select({ prefix: apiKeys.prefix })
      .from(apiKeys)
      .where(eq(apiKeys.rotatedFrom, apiKeyId))
      .limit(1);
    if (successor) {
      throw new DomainError("PRECONDITION_FAILED", {
        en: `This API key was already rotated; rotate its replacement ${successor.prefix} instead`,
        zh: `此 API 密钥已轮换过，请轮换其替代密钥 ${successor.prefix}`,
      });
    }
    const created = await insertKey(home, {
      name: old.name,
      mode: old.mode,
      scopes: old.scopes,
      expiresAt: old.expiresAt,
      rotatedFrom: apiKeyId,
    });
    // The old key ends after the grace period, or sooner if it was to expire sooner anyway.
    const [ended] = await home.tx
      .update(apiKeys)
      .set({
        expiresAt: sql`least(coalesce(${apiKeys.expiresAt}, 'infinity'::timestamptz), now() + make_interval(hours => ${graceHours}::int))`,
      })
      .where(eq(apiKeys.id, apiKeyId))
      .returning({ expiresAt: apiKeys.expiresAt });
    return { ...created, previousKeyExpiresAt: ended?.expiresAt ?? new Date() };
  });
  await emitEvent(ctx, {
    type: "api_key.rotated",
    organisationId: actor.organisationId,
    payload: {
      apiKeyId: rotated.id,
      rotatedFrom: apiKeyId,
      prefix: rotated.prefix,
      mode: rotated.mode,
      previousKeyExpiresAt: rotated.previousKeyExpiresAt,
    },
  });
  return rotated;
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
