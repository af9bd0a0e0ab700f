import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Transaction } from "../../db/client.js";
import type { Actor, ServiceCall, ServiceContext } from "../../shared/context.js";
import { randomToken, sha256 } from "../../shared/crypto.js";
import { DomainError, parseInput } from "../../shared/errors.js";
import { requireUser } from "./access.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { type SignInInput, SignInInput as SignInSchema, SwitchOrganisationInput } from "./schemas.js";
import { memberships, organisations, sessions, tenants, users } from "./tables.js";

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** A session used in its second week is extended, so active people stay signed in. */
const RENEW_WHEN_LEFT_MS = SESSION_TTL_MS / 2;

export interface SignedIn {
  /** The cookie value: `<tenant id>.<secret>`. The tenant part is not secret; it routes the lookup. */
  token: string;
  expiresAt: Date;
}

const invalidCredentials = () =>
  new DomainError("UNAUTHENTICATED", {
    en: "Email or password is incorrect",
    zh: "邮箱或密码不正确",
  });

/**
 * Signs a person in to the market of `ctx.tenantId` and opens a session acting for their first
 * organisation. Anyone may call it. Throws UNAUTHENTICATED for a wrong email or password (the
 * same error and time for both).
 */
export async function signIn({ ctx, input }: ServiceCall<SignInInput>): Promise<SignedIn> {
  const { email, password } = parseInput(SignInSchema, input);
  const [user] = await ctx.tx
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) throw invalidCredentials();

  const [first] = await ctx.tx
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  const secret = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await ctx.tx.insert(sessions).values({
    tenantId: ctx.tenantId,
    userId: user.id,
    tokenHash: sha256(secret),
    csrfToken: randomToken(24),
    activeOrganisationId: first?.organisationId ?? null,
    expiresAt,
  });
  return { token: `${ctx.tenantId}.${secret}`, expiresAt };
}

/** Splits a session cookie into the tenant it belongs to and its secret. */
export function parseSessionToken(token: string | undefined | null): { tenantId: string; secret: string } | null {
  const match = token?.match(/^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/i);
  return match?.[1] && match[2] ? { tenantId: match[1], secret: match[2] } : null;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Extract<Actor, { type: "user" }>;
}

/**
 * Finds the live session for a cookie secret in the current tenant transaction, with the role
 * and organisation kinds it acts with. Extends it when it is past half its life. Null when
 * unknown or expired.
 */
export async function resolveSession(tx: Transaction, secret: string): Promise<ResolvedSession | null> {
  const [row] = await tx
    .select({
      sessionId: sessions.id,
      userId: sessions.userId,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      organisationId: sessions.activeOrganisationId,
      role: memberships.role,
      kinds: organisations.kinds,
    })
    .from(sessions)
    .leftJoin(
      memberships,
      and(
        eq(memberships.tenantId, sessions.tenantId),
        eq(memberships.userId, sessions.userId),
        eq(memberships.organisationId, sessions.activeOrganisationId),
      ),
    )
    .leftJoin(
      organisations,
      and(eq(organisations.tenantId, memberships.tenantId), eq(organisations.id, memberships.organisationId)),
    )
    .where(and(eq(sessions.tokenHash, sha256(secret)), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  if (!row) return null;

  let expiresAt = row.expiresAt;
  if (expiresAt.getTime() - Date.now() < RENEW_WHEN_LEFT_MS) {
    expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await tx.update(sessions).set({ expiresAt }).where(eq(sessions.id, row.sessionId));
  }
  // A membership that was removed leaves the session acting for no organisation.
  const member = row.role !== null;
  return {
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    expiresAt,
    actor: {
      type: "user",
      userId: row.userId,
      organisationId: member ? row.organisationId : null,
      role: row.role,
      kinds: row.kinds ?? [],
    },
  };
}

/** Ends a session. Signed-in people only. */
export async function signOut({ ctx, input }: ServiceCall<{ sessionId: string }>): Promise<void> {
  requireUser(ctx);
  await ctx.tx.delete(sessions).where(eq(sessions.id, input.sessionId));
}

/**
 * Makes the session act for another organisation the person belongs to. Throws FORBIDDEN for an
 * organisation they are not a member of (other tenants' organisations are simply not found).
 */
export async function switchOrganisation({
  ctx,
  input,
}: ServiceCall<{ sessionId: string; organisationId: string }>): Promise<void> {
  const userId = requireUser(ctx);
  const { organisationId } = parseInput(SwitchOrganisationInput, input);
  const [membership] = await ctx.tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)))
    .limit(1);
  if (!membership) {
    throw new DomainError("FORBIDDEN", {
      en: "You are not a member of that organisation",
      zh: "您不是该机构的成员",
    });
  }
  await ctx.tx.update(sessions).set({ activeOrganisationId: organisationId }).where(eq(sessions.id, input.sessionId));
}

export interface Me {
  user: { id: string; email: string; name: string; locale: "zh-CN" | "en" };
  tenant: { id: string; slug: string; nameZh: string; nameEn: string; defaultCurrency: string };
  organisations: { id: string; nameZh: string; nameEn: string; kinds: string[]; role: string }[];
  activeOrganisationId: string | null;
}

/** The signed-in person, their market and every organisation they may act for. */
export async function getMe(ctx: ServiceContext): Promise<Me> {
  const userId = requireUser(ctx);
  const [user] = await ctx.tx
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  const [tenant] = await ctx.tx
    .select({
      id: tenants.id,
      slug: tenants.slug,
      nameZh: tenants.nameZh,
      nameEn: tenants.nameEn,
      defaultCurrency: tenants.defaultCurrency,
    })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenantId));
  if (!user || !tenant) throw new DomainError("UNAUTHENTICATED", { en: "Sign in first", zh: "请先登录" });
  const orgs = await ctx.tx
    .select({
      id: organisations.id,
      nameZh: organisations.nameZh,
      nameEn: organisations.nameEn,
      kinds: organisations.kinds,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(
      organisations,
      and(eq(organisations.tenantId, memberships.tenantId), eq(organisations.id, memberships.organisationId)),
    )
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  const actor = ctx.actor.type === "user" ? ctx.actor : null;
  return { user, tenant, organisations: orgs, activeOrganisationId: actor?.organisationId ?? null };
}
