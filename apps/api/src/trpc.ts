import type { Locale } from "@tradecloud/core";
import {
  type Actor,
  DomainError,
  ERROR_CODES,
  type FieldErrors,
  jobSender,
  type PgBoss,
  pick,
  type ServiceContext,
  tenancy,
} from "@tradecloud/core";
import { type Database, withTenant } from "@tradecloud/core/db";
import { initTRPC, TRPCError } from "@trpc/server";
// tRPC exports the marker of a middleware's result only here; see marketProcedure's replay.
import { middlewareMarker } from "@trpc/server/unstable-core-do-not-import";
import type { Logger } from "pino";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { idempotently } from "./idempotency.js";

export const SESSION_COOKIE = "tc_session";
export const CSRF_HEADER = "x-csrf-token";

/** What every request brings to tRPC, before it is known who is asking. */
export interface RequestContext {
  db: Database;
  logger: Logger;
  requestId: string;
  locale: Locale;
  /** Headers of the incoming request. */
  headers: Headers;
  /** Session cookie value, if any. */
  sessionToken: string | undefined;
  /** Headers to add to the response (Set-Cookie). */
  resHeaders: Headers;
  /** The background job queue, when one runs. */
  jobQueue?: PgBoss | undefined;
}

/** Inside a market: its transaction and who acts. */
export interface MarketContext extends RequestContext, ServiceContext {
  /** The session, when a person signed in through the portal. */
  session: { id: string; csrfToken: string; expiresAt: Date } | null;
}

type RestMeta = OpenApiMeta<{
  /** The scope an API key needs (set by memberProcedure and apiKeyProcedure from their rule). */
  scope?: tenancy.ApiKeyScope;
  /** An API key may call it (set by memberProcedure and apiKeyProcedure): it must be on REST. */
  apiKeys?: boolean;
  /** Its answer holds a secret shown once, so an Idempotency-Key never stores it. */
  returnsSecret?: boolean;
}>;

function fieldErrorsOf(cause: unknown): FieldErrors | undefined {
  if (cause instanceof DomainError) return cause.fieldErrors;
  // Input parsing failures (zod through Standard Schema) carry `issues`.
  const issues = (cause as { issues?: { path?: readonly PropertyKey[]; message: string }[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = (issue.path ?? [])
      .map((p) => String(typeof p === "object" ? (p as { key: unknown }).key : p))
      .join(".");
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

const t = initTRPC
  .context<RequestContext>()
  .meta<RestMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      const cause = error.cause;
      const fieldErrors = fieldErrorsOf(cause);
      const domainCode =
        cause instanceof DomainError
          ? cause.code
          : fieldErrors
            ? "VALIDATION"
            : (Object.entries(ERROR_CODES).find(([, v]) => v.trpc === error.code)?.[0] ?? "INTERNAL");
      let message = cause instanceof DomainError ? cause.localized(ctx?.locale) : error.message;
      if (fieldErrors && !(cause instanceof DomainError)) {
        const summary = Object.entries(fieldErrors)
          .map(([path, problems]) => `${path || "input"}: ${problems.join(", ")}`)
          .join("; ");
        message = pick({ en: `Invalid input — ${summary}`, zh: `输入无效 — ${summary}` }, ctx?.locale);
      }
      // Never a stack trace or SQL text to a client: unknown errors get a generic message.
      if (domainCode === "INTERNAL") {
        message = pick({ en: "Something went wrong on our side", zh: "服务器内部错误" }, ctx?.locale);
      }
      return {
        message,
        code: shape.code,
        data: {
          code: domainCode,
          httpStatus: ERROR_CODES[domainCode as keyof typeof ERROR_CODES]?.http ?? shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors,
          requestId: ctx?.requestId,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become tRPC errors with their mapped code; unknown errors are logged with cause. */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) {
      throw new TRPCError({ code: ERROR_CODES[cause.code].trpc, message: cause.messages.en, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      ctx.logger.error({ err: cause ?? result.error, path, requestId: ctx.requestId }, "unhandled error");
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

const unauthenticated = (en: string, zh: string) =>
  new TRPCError({ code: "UNAUTHORIZED", message: en, cause: new DomainError("UNAUTHENTICATED", { en, zh }) });

/**
 * Finds the market and who acts in it, then runs the procedure inside withTenant() for that
 * market: one transaction for auth and work, rolled back on any error. The market comes from the
 * API key, else the session cookie, else an `x-tenant` header or `tenant` input field.
 */
const inMarket = publicProcedure.use(async ({ ctx, next, getRawInput, type }) => {
  const authorization = ctx.headers.get("authorization");
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const apiKey = bearer ? tenancy.parseApiKey(bearer) : null;
  if (bearer && !apiKey) throw unauthenticated("Malformed API key", "API 密钥格式错误");
  const session = apiKey ? null : tenancy.parseSessionToken(ctx.sessionToken);

  let tenantRef: string | undefined = apiKey?.tenantSlug ?? session?.tenantId;
  if (!tenantRef) {
    const raw = (await getRawInput().catch(() => undefined)) as { tenant?: unknown } | undefined;
    tenantRef = ctx.headers.get("x-tenant") ?? (typeof raw?.tenant === "string" ? raw.tenant : undefined);
  }
  if (!tenantRef) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "No market given",
      cause: new DomainError(
        "VALIDATION",
        { en: "Say which market: x-tenant header or tenant field", zh: "请指定市场：x-tenant 请求头或 tenant 字段" },
        { fieldErrors: { tenant: [pick({ en: "required", zh: "必填" }, ctx.locale)] } },
      ),
    });
  }
  const tenant = await tenancy.findTenant(ctx.db, tenantRef);
  if (!tenant) {
    if (apiKey) throw unauthenticated("Unknown, revoked or expired API key", "API 密钥无效、已吊销或已过期");
    throw new TRPCError({
      code: "NOT_FOUND",
      message: "Unknown market",
      cause: new DomainError("NOT_FOUND", { en: `Unknown market ${tenantRef}`, zh: `市场不存在：${tenantRef}` }),
    });
  }

  return withTenant(ctx.db, tenant.id, async (tx) => {
    let actor: Actor = { type: "anonymous" };
    let sessionInfo: MarketContext["session"] = null;
    if (apiKey && bearer) {
      const resolved = await tenancy.resolveApiKey(tx, bearer);
      if (!resolved) throw unauthenticated("Unknown, revoked or expired API key", "API 密钥无效、已吊销或已过期");
      actor = resolved;
    } else if (session) {
      const resolved = await tenancy.resolveSession(tx, session.secret);
      if (resolved) {
        actor = resolved.actor;
        sessionInfo = { id: resolved.sessionId, csrfToken: resolved.csrfToken, expiresAt: resolved.expiresAt };
        // Cookie-authenticated writes must echo the session's CSRF token in a header, which a
        // cross-site form or script cannot do.
        if (type === "mutation" && ctx.headers.get(CSRF_HEADER) !== resolved.csrfToken) {
          throw new TRPCError({
            code: "FORBIDDEN",
            message: "CSRF token missing or wrong",
            cause: new DomainError("FORBIDDEN", {
              en: "Missing or wrong CSRF token; reload the page",
              zh: "缺少或错误的 CSRF 令牌，请刷新页面",
            }),
          });
        }
      }
    }
    const result = await next({
      ctx: {
        tx,
        tenantId: tenant.id,
        actor,
        session: sessionInfo,
        jobs: ctx.jobQueue ? jobSender(ctx.jobQueue, tx) : undefined,
      } satisfies Partial<MarketContext>,
    });
    // Throwing here rolls the transaction back: nothing half-written.
    if (!result.ok) throw result.error;
    return result;
  });
});

/**
 * The market's transaction and actor (above), and in it a mutation with an `Idempotency-Key`
 * runs once per key (idempotency.ts). A replay answers without calling next(), so it builds the
 * middleware result itself: tRPC reads only `ok` and `data`; the marker is for the type checker.
 */
export const marketProcedure = inMarket.use(({ ctx, type, path, getRawInput, meta, next }) =>
  idempotently({ ctx, type, path, getRawInput, meta }, next, (data) => ({ ok: true, data, marker: middlewareMarker })),
);

/** A signed-in person (portal session). */
export const userProcedure = marketProcedure.use(({ ctx, next }) => {
  if (ctx.actor.type !== "user") throw unauthenticated("Sign in first", "请先登录");
  return next({ ctx: { actor: ctx.actor } });
});

/**
 * A person or API key acting for an organisation of one of `rule.kinds`, a person with one of
 * `rule.roles`, a key with `rule.scope`.
 */
export const memberProcedure = (rule: tenancy.AccessRule = {}) =>
  marketProcedure
    .use(({ ctx, next }) => {
      if (ctx.actor.type === "anonymous") throw unauthenticated("Sign in or send an API key", "请登录或提供 API 密钥");
      const organisation = tenancy.requireOrganisation(ctx, rule);
      return next({ ctx: { organisation } });
    })
    .meta({ scope: rule.scope, apiKeys: !rule.peopleOnly });

/** An API key with `scope` (integrations only). */
export const apiKeyProcedure = (scope: tenancy.ApiKeyScope) =>
  marketProcedure
    .use(({ ctx, next }) => {
      if (ctx.actor.type !== "apiKey") throw unauthenticated("Send an API key", "请提供 API 密钥");
      const organisation = tenancy.requireOrganisation(ctx, { scope });
      return next({ ctx: { organisation } });
    })
    .meta({ scope, apiKeys: true });

/** A person acting for the market operator: running the market is portal work, not for API keys. */
export const operatorProcedure = memberProcedure({ kinds: ["operator"], peopleOnly: true });
