import { getConnInfo } from "@hono/node-server/conninfo";
import { ERROR_CODES, integrations, localeFromHeader, pick } from "@tradecloud/core";
import type { DatabaseHandle } from "@tradecloud/core/db";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { Context, MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import superjson from "superjson";
import type { ApiEnv } from "./env.js";

export interface RateLimits {
  /** One bucket per API key (requests with `Authorization: Bearer tc_…`). */
  perKey: integrations.RateLimit;
  /** One bucket per client address, for every request. */
  perIp: integrations.RateLimit;
}

/**
 * Production defaults. Per API key, 100 at once and 20 a second (72 000 an hour): an ERP pushing
 * a price list gets its first hundred calls through at once and a steady 20/s after, far above
 * any integration we know of, while a runaway retry loop is held to a rate the database shrugs
 * off. Per address, 300 at once and 50 a second: higher, because one address is often many
 * people (an office or a mobile carrier behind NAT) or one server running several keys; a portal
 * page makes a handful of calls, so a whole office loading pages together stays well inside it.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perKey: { capacity: 100, perSecond: 20 },
  perIp: { capacity: 300, perSecond: 50 },
};

/** The limits the operator set (TRADECLOUD_RATE_LIMIT*), or false when turned off. */
export function rateLimitsFromEnv(env: ApiEnv): RateLimits | false {
  if (env.TRADECLOUD_RATE_LIMITS === "off") return false;
  return {
    perKey: { capacity: env.TRADECLOUD_RATE_LIMIT_KEY_BURST, perSecond: env.TRADECLOUD_RATE_LIMIT_KEY_PER_SECOND },
    perIp: { capacity: env.TRADECLOUD_RATE_LIMIT_IP_BURST, perSecond: env.TRADECLOUD_RATE_LIMIT_IP_PER_SECOND },
  };
}

export interface RateLimiterOptions {
  database: DatabaseHandle;
  logger: Logger;
  limits: RateLimits;
  /**
   * How many proxies in front append to X-Forwarded-For (`true` is one). Unset or 0: the client is
   * the connection's peer and the header is ignored, since any client can send it.
   */
  trustProxy?: boolean | number | undefined;
  /** Overrides where the client address comes from (tests; servers other than @hono/node-server). */
  clientAddress?: ((c: Context) => string | undefined) | undefined;
}

type Env = { Variables: { requestId: string } };

/** The connection's peer under @hono/node-server; undefined in-process (app.request() has no socket). */
function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * The client's address. Behind `trustProxy` proxies, each appends the address it saw to
 * X-Forwarded-For, so the entry `trustProxy` places from the right is the client as our outermost
 * proxy saw it; entries left of it are whatever the client claimed.
 */
export function clientAddress(c: Context, trustProxy: boolean | number | undefined): string | undefined {
  const hops = trustProxy === true ? 1 : trustProxy || 0;
  if (hops > 0) {
    const forwarded = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    const client = forwarded[forwarded.length - hops];
    if (client) return client;
  }
  return socketAddress(c);
}

/** `100;w=5`: the bucket's size and the seconds it takes to fill from empty. */
const policy = ({ capacity, perSecond }: integrations.RateLimit) =>
  `${capacity};w=${Math.max(1, Math.ceil(capacity / perSecond))}`;

/** The bucket nearest to refusing: a refusing one (the longest wait), else the fewest tokens left. */
function tightest(decisions: integrations.RateLimitDecision[]): integrations.RateLimitDecision {
  return decisions.reduce((a, b) => {
    if (a.allowed !== b.allowed) return a.allowed ? b : a;
    if (!a.allowed) return b.retryAfterMs > a.retryAfterMs ? b : a;
    return b.remaining < a.remaining || (b.remaining === a.remaining && b.resetMs > a.resetMs) ? b : a;
  });
}

/**
 * Token buckets shared by every API process through the database: one per client address and,
 * when the request carries an API key, one per key (named without reading the key table). Every
 * answer carries the IETF draft RateLimit-Limit, -Remaining, -Reset (seconds until full) and
 * -Policy headers for the tighter bucket; a refused request gets 429 with Retry-After and, for
 * tRPC, the error envelope @trpc/client reads as a TRPCClientError (code RATE_LIMITED), for REST
 * the `{ code, message, requestId }` body. Mount after the request id and locale middleware.
 */
export function rateLimiter(options: RateLimiterOptions): MiddlewareHandler<Env> {
  const { database, logger, limits } = options;
  const addressOf = options.clientAddress ?? ((c: Context) => clientAddress(c, options.trustProxy));

  return async (c, next) => {
    if (c.req.path === "/api/v1/openapi.json") return next();
    const buckets: { key: string; limit: integrations.RateLimit }[] = [];
    // Address before key, always: the buckets are locked in this order (see takeRateLimitTokens).
    const addressKey = integrations.addressBucketKey(addressOf(c));
    if (addressKey) buckets.push({ key: addressKey, limit: limits.perIp });
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const apiKeyKey = bearer ? integrations.apiKeyBucketKey(bearer) : null;
    if (apiKeyKey) buckets.push({ key: apiKeyKey, limit: limits.perKey });
    if (buckets.length === 0) return next();

    let decision: integrations.RateLimitDecision;
    try {
      decision = tightest(await integrations.takeRateLimitTokens(database.db, buckets));
    } catch (error) {
      // Fail open: the buckets live in the database that serves the request, so when they cannot
      // be read the request itself will most likely fail with its own, truthful error. Refusing
      // instead would turn a database blip into a 429 for every client, and their retries into
      // a storm. Limits protect capacity; they are not access control, so nothing leaks.
      logger.error({ err: error, requestId: c.get("requestId") }, "rate limiter unavailable; request let through");
      return next();
    }
    const headers: Record<string, string> = {
      "RateLimit-Limit": String(decision.limit.capacity),
      "RateLimit-Remaining": String(decision.remaining),
      "RateLimit-Reset": String(Math.ceil(decision.resetMs / 1000)),
      "RateLimit-Policy": policy(decision.limit),
    };

    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      const locale = localeFromHeader(c.req.header("x-locale") ?? c.req.header("accept-language"));
      const message = pick(
        { en: `Too many requests; retry in ${seconds} s`, zh: `请求过于频繁，请 ${seconds} 秒后重试` },
        locale,
      );
      const requestId = c.get("requestId");
      const status = ERROR_CODES.RATE_LIMITED.http;
      const body = c.req.path.startsWith("/trpc/")
        ? trpcErrorBody(c, message, requestId)
        : { code: "RATE_LIMITED", message, requestId };
      return c.json(body, status, { ...headers, "Retry-After": String(seconds) });
    }

    await next();
    const label = () => {
      for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    };
    try {
      label();
    } catch {
      // A response with immutable headers (one fetched from elsewhere): label a copy.
      c.res = new Response(c.res.body, c.res);
      label();
    }
  };
}

/**
 * What tRPC itself answers for a failed call, formatted as trpc.ts's errorFormatter does: the
 * envelope `{ error: superjson(shape) }`, one per procedure in an array for a batch.
 */
function trpcErrorBody(c: Context, message: string, requestId: string) {
  const envelope = (path: string) => ({
    error: superjson.serialize({
      message,
      code: TRPC_ERROR_CODES_BY_KEY.TOO_MANY_REQUESTS,
      data: { code: "RATE_LIMITED", httpStatus: ERROR_CODES.RATE_LIMITED.http, path, requestId },
    }),
  });
  const raw = c.req.path.slice("/trpc/".length);
  let paths: string[];
  try {
    paths = decodeURIComponent(raw).split(",");
  } catch {
    paths = raw.split(","); // malformed %-escapes: tRPC would not find the procedure either
  }
  return c.req.query("batch") === "1" ? paths.map(envelope) : envelope(paths[0] ?? "");
}
