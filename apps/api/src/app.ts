import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Scalar } from "@scalar/hono-api-reference";
import { ERROR_CODES, localeFromHeader, type PgBoss, pick, runWithLocale } from "@tradecloud/core";
import type { DatabaseHandle } from "@tradecloud/core/db";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { Logger } from "pino";
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { buildOpenApiDocument } from "./openapi.js";
import { DEFAULT_RATE_LIMITS, type RateLimits, rateLimiter } from "./rate-limit.js";
import { appRouter } from "./router.js";
import { type RequestContext, SESSION_COOKIE } from "./trpc.js";

export interface AppDeps {
  database: DatabaseHandle;
  logger: Logger;
  /** The portal's Vite build; served at `/` when present. */
  portalDir?: string;
  /** Origins besides the app's own allowed to send cookie-authenticated requests. */
  allowedOrigins?: string[];
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Largest catalogue upload accepted, in bytes. */
  maxUploadBytes?: number;
  /** Most procedures in one tRPC batch. */
  maxBatchSize?: number;
  /** The background job queue; without it, requests that queue jobs fail. */
  jobQueue?: PgBoss;
  /** Reports whether start-up (migrations, seed) has finished. */
  isReady?: () => boolean;
  /** Token buckets per API key and per client address; `false` turns them off. Default DEFAULT_RATE_LIMITS. */
  rateLimits?: RateLimits | false;
  /** Proxies in front that append to X-Forwarded-For (`true` is one); unset trusts only the socket. */
  trustProxy?: boolean | number;
  /** Where the client address comes from, instead of the socket (tests). */
  clientAddress?: (c: Context) => string | undefined;
}

type Env = { Variables: { requestId: string } };

/** Builds the HTTP app. Everything it needs comes in `deps`, so tests run it in-process. */
export function createApp(deps: AppDeps): Hono<Env> {
  const { database, logger } = deps;
  const maxBodyBytes = deps.maxBodyBytes ?? 1024 * 1024;
  const app = new Hono<Env>();

  app.use(requestId({ headerName: "x-request-id" }));
  app.use(async (c, next) => {
    const started = performance.now();
    const locale = localeFromHeader(c.req.header("x-locale") ?? c.req.header("accept-language"));
    await runWithLocale(locale, next);
    logger.info(
      {
        requestId: c.get("requestId"),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });

  app.get("/healthz", async (c) => {
    try {
      await database.query("select 1");
      return c.json({ status: "ok", database: database.kind });
    } catch (error) {
      logger.error({ err: error }, "health check failed");
      return c.json({ status: "error", database: database.kind }, 503);
    }
  });
  app.get("/readyz", (c) =>
    deps.isReady && !deps.isReady() ? c.json({ status: "starting" }, 503) : c.json({ status: "ready" }),
  );

  const errorBody = (c: Context<Env>, code: keyof typeof ERROR_CODES, en: string, zh: string) =>
    c.json(
      {
        code,
        message: pick({ en, zh }, localeFromHeader(c.req.header("accept-language"))),
        requestId: c.get("requestId"),
      },
      ERROR_CODES[code].http as 400,
    );

  const maxUploadBytes = deps.maxUploadBytes ?? 25 * 1024 * 1024;
  // Catalogue files come base64-encoded in the body; everything else stays small.
  const isUpload = (path: string) =>
    [
      "/trpc/catalog.importListings",
      "/trpc/catalog.startImport",
      "/api/v1/listings/import",
      "/api/v1/listings/imports",
    ].includes(path);
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        errorBody(c, "PAYLOAD_TOO_LARGE", `Request body over ${maxSize} bytes`, `请求体超过 ${maxSize} 字节`),
    });
  const uploadLimit = limit(maxUploadBytes);
  const requestLimit = limit(maxBodyBytes);
  const rateLimit =
    deps.rateLimits === false
      ? undefined
      : rateLimiter({
          database,
          logger,
          limits: deps.rateLimits ?? DEFAULT_RATE_LIMITS,
          trustProxy: deps.trustProxy,
          clientAddress: deps.clientAddress,
        });
  for (const path of ["/trpc/*", "/api/v1/*"]) {
    // First, before any body is read: a refused request costs one query.
    if (rateLimit) app.use(path, rateLimit);
    // Counts the bytes as they stream in, so a chunked body without Content-Length is capped too.
    app.use(path, (c, next) => (isUpload(c.req.path) ? uploadLimit(c, next) : requestLimit(c, next)));
    // Rejects form-like cross-site posts by Origin; JSON ones also need the session's CSRF token.
    app.use(
      path,
      csrf({
        origin: (origin, c) => origin === new URL(c.req.url).origin || (deps.allowedOrigins ?? []).includes(origin),
      }),
    );
  }

  const createContext = (c: Context<Env>, resHeaders: Headers): RequestContext => ({
    db: database.db,
    logger,
    requestId: c.get("requestId"),
    locale: localeFromHeader(c.req.header("x-locale") ?? c.req.header("accept-language")),
    headers: c.req.raw.headers,
    sessionToken: getCookie(c, SESSION_COOKIE),
    resHeaders,
    jobQueue: deps.jobQueue,
  });

  app.all("/trpc/*", async (c) => {
    const resHeaders = new Headers();
    const response = await fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      maxBatchSize: deps.maxBatchSize ?? 20,
      createContext: () => createContext(c, resHeaders),
    });
    return withHeaders(response, resHeaders, c.get("requestId"));
  });

  const openApiDocument = buildOpenApiDocument();
  app.get("/api/v1/openapi.json", (c) => c.json(openApiDocument));
  app.get("/docs", Scalar({ url: "/api/v1/openapi.json", pageTitle: "Tradecloud API" }));

  app.all("/api/v1/*", async (c) => {
    const resHeaders = new Headers();
    const response = await createOpenApiFetchHandler({
      endpoint: "/api/v1",
      req: c.req.raw,
      router: appRouter,
      createContext: () => createContext(c, resHeaders),
    });
    if (response.status < 400) return withHeaders(response, resHeaders, c.get("requestId"));
    // One error shape for REST clients: { code, message, fieldErrors?, requestId }.
    const body = (await response.json().catch(() => ({}))) as {
      message?: string;
      code?: string;
      data?: { code?: string; httpStatus?: number; fieldErrors?: unknown; requestId?: string };
    };
    const status = body.data?.httpStatus ?? response.status;
    return withHeaders(
      Response.json(
        {
          code: body.data?.code ?? (response.status === 404 ? "NOT_FOUND" : "INTERNAL"),
          message: body.message ?? "Error",
          ...(body.data?.fieldErrors ? { fieldErrors: body.data.fieldErrors } : {}),
          requestId: c.get("requestId"),
        },
        { status },
      ),
      resHeaders,
      c.get("requestId"),
    );
  });

  if (deps.portalDir && existsSync(join(deps.portalDir, "index.html"))) {
    const portalDir = deps.portalDir;
    const indexHtml = readFileSync(join(portalDir, "index.html"), "utf8");
    app.use("/assets/*", serveStatic({ root: portalDir }));
    app.use("/*", serveStatic({ root: portalDir, index: "index.html" }));
    // Client-side routes: any other GET gets the app shell.
    app.get("*", (c) => c.html(indexHtml));
  }

  app.notFound((c) => errorBody(c, "NOT_FOUND", "No such route", "路由不存在"));
  app.onError((error, c) => {
    // Middleware refusals (hono's csrf) arrive as HTTPExceptions with their status.
    if (error instanceof HTTPException && error.status === 403) {
      return errorBody(c, "FORBIDDEN", "Cross-site request refused", "拒绝跨站请求");
    }
    logger.error({ err: error, requestId: c.get("requestId") }, "unhandled error");
    return errorBody(c, "INTERNAL", "Something went wrong on our side", "服务器内部错误");
  });
  return app;
}

function withHeaders(response: Response, extra: Headers, requestIdValue: string): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of extra) headers.append(name, value);
  headers.set("x-request-id", requestIdValue);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
