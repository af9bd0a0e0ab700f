import type { TestTenant } from "@tradecloud/core/testing";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import type { Context } from "hono";
import pino from "pino";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppDeps, createApp } from "./app.js";
import { readApiEnv } from "./env.js";
import { DEFAULT_RATE_LIMITS, type RateLimits, rateLimitsFromEnv } from "./rate-limit.js";
import type { AppRouter } from "./router.js";
import { createTestApp, createTestClient, createTestTenant, failure, signedInClient, type TestApp } from "./testing.js";

// Small buckets that barely refill, so a burst runs them dry; each test uses its own addresses.
const LIMITS: RateLimits = { perKey: { capacity: 3, perSecond: 0.01 }, perIp: { capacity: 5, perSecond: 0.01 } };
// app.request() has no socket: the tests say which address a request comes from.
const fromHeader = (c: Context) => c.req.header("x-test-client");

let t: TestApp;
let market: TestTenant;
let apiKey = "";
let otherApiKey = "";

beforeAll(async () => {
  t = await createTestApp({ rateLimits: LIMITS, clientAddress: fromHeader });
  market = await createTestTenant(t.database, "limits", { merchant: ["merchant"] });
  // No x-test-client and no API key: these setup calls fall in no bucket.
  const { client } = await signedInClient(t.app, market, market.orgs.merchant?.ownerEmail ?? "");
  apiKey = (await client.tenancy.createApiKey.mutate({ name: "limited", scopes: ["catalog:read"] })).key;
  otherApiKey = (await client.tenancy.createApiKey.mutate({ name: "other", scopes: ["catalog:read"] })).key;
});
afterAll(() => t.destroy());

const get = async (
  app: TestApp["app"],
  address: string,
  headers: Record<string, string> = {},
  path = "/api/v1/tenants",
) => app.request(path, { headers: { "x-test-client": address, ...headers } });
const burst = async (n: number, send: () => Promise<Response>) => {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await send()).status);
  return statuses;
};
const headersOf = (response: Response) => ({
  limit: response.headers.get("ratelimit-limit"),
  remaining: response.headers.get("ratelimit-remaining"),
  reset: response.headers.get("ratelimit-reset"),
  policy: response.headers.get("ratelimit-policy"),
});

describe("rate limit headers", () => {
  it("reports the bucket on every answer of /api/v1 and /trpc", async () => {
    const rest = await get(t.app, "198.51.100.1");
    expect(rest.status).toBe(200);
    // 5 a burst, refilled at 0.01 a second: 500 s from empty to full; one spent, so 100 s to full.
    expect(headersOf(rest)).toEqual({ limit: "5", remaining: "4", reset: "100", policy: "5;w=500" });

    const trpc = await get(t.app, "198.51.100.1", {}, "/trpc/tenancy.listTenants");
    expect(trpc.status).toBe(200);
    expect(headersOf(trpc)).toMatchObject({ limit: "5", remaining: "3", policy: "5;w=500" });

    // Errors are counted and labelled too.
    const missing = await get(t.app, "198.51.100.1", {}, "/api/v1/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("ratelimit-remaining")).toBe("2");
  });

  it("leaves health checks and the OpenAPI document alone", async () => {
    for (const path of ["/healthz", "/readyz", "/api/v1/openapi.json"]) {
      const response = await get(t.app, "198.51.100.2", {}, path);
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBeNull();
    }
    expect(headersOf(await get(t.app, "198.51.100.2")).remaining).toBe("4");
  });
});

describe("over the limit", () => {
  it("refuses the request after a burst with 429, Retry-After and the REST error body, in English and Chinese", async () => {
    expect(await burst(5, () => get(t.app, "198.51.100.3"))).toEqual([200, 200, 200, 200, 200]);
    const refused = await get(t.app, "198.51.100.3");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    expect(headersOf(refused)).toMatchObject({ limit: "5", remaining: "0", policy: "5;w=500" });
    const body = (await refused.json()) as { code: string; message: string; requestId: string };
    expect(body).toEqual({
      code: "RATE_LIMITED",
      message: `Too many requests; retry in ${retryAfter} s`,
      requestId: refused.headers.get("x-request-id"),
    });

    const zh = await get(t.app, "198.51.100.3", { "accept-language": "zh-CN,zh;q=0.9" });
    expect(zh.status).toBe(429);
    expect(((await zh.json()) as { message: string }).message).toMatch(/^请求过于频繁，请 \d+ 秒后重试$/);
  });

  it("answers tRPC with an error @trpc/client reads: RATE_LIMITED, 429, localized", async () => {
    const { client } = createTestClient(t.app, {
      locale: "zh-CN",
      headers: () => ({ "x-test-client": "198.51.100.4" }),
    });
    for (let i = 0; i < 5; i++) await client.tenancy.listTenants.query();
    const error = await failure(client.tenancy.listTenants.query());
    expect(error.data.code).toBe("RATE_LIMITED");
    expect(error.data.httpStatus).toBe(429);
    expect(error.data.requestId).toEqual(expect.any(String));
    expect(error.message).toMatch(/^请求过于频繁/);
    expect(error.shape?.code).toBe(-32029);
  });

  it("answers a tRPC batch with one error per procedure, as tRPC does", async () => {
    const address = "198.51.100.5";
    await burst(5, () => get(t.app, address));
    const paths = "tenancy.listTenants,tenancy.listApiKeyScopes";
    const input = encodeURIComponent(JSON.stringify({ 0: { json: {} }, 1: { json: {} } }));
    const raw = await get(t.app, address, {}, `/trpc/${paths}?batch=1&input=${input}`);
    expect(raw.status).toBe(429);
    const body = (await raw.json()) as { error: { json: { code: number; data: { code: string; path: string } } } }[];
    expect(body.map((e) => [e.error.json.code, e.error.json.data.code, e.error.json.data.path])).toEqual([
      [-32029, "RATE_LIMITED", "tenancy.listTenants"],
      [-32029, "RATE_LIMITED", "tenancy.listApiKeyScopes"],
    ]);

    // And the batching client turns each into a TRPCClientError.
    const batching = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "http://tradecloud.test/trpc",
          transformer: superjson,
          headers: { "x-test-client": address },
          fetch: async (url, init) => t.app.request(String(url), init as RequestInit),
        }),
      ],
    });
    const results = await Promise.allSettled([
      batching.tenancy.listTenants.query(),
      batching.tenancy.listApiKeyScopes.query(),
    ]);
    for (const result of results) {
      expect(result.status).toBe("rejected");
      const reason = (result as PromiseRejectedResult).reason as TRPCClientError<AppRouter>;
      expect(reason).toBeInstanceOf(TRPCClientError);
      expect(reason.data).toMatchObject({ code: "RATE_LIMITED", httpStatus: 429 });
    }
  });
});

describe("buckets per API key and per address", () => {
  it("limits an API key wherever it comes from, and keeps other keys and addresses apart", async () => {
    const withKey = (address: string, key = apiKey) =>
      get(t.app, address, { authorization: `Bearer ${key}` }, "/api/v1/categories");
    expect(await burst(3, () => withKey("198.51.100.10"))).toEqual([200, 200, 200]);
    const refused = await withKey("198.51.100.10");
    expect(refused.status).toBe(429);
    // The key's bucket (3) is the tighter one.
    expect(headersOf(refused)).toMatchObject({ limit: "3", remaining: "0", policy: "3;w=300" });
    // A fresh address does not help the key ...
    expect((await withKey("198.51.100.11")).status).toBe(429);
    // ... while the address may still call without it, and another key is untouched.
    const keyless = await get(t.app, "198.51.100.10");
    expect(keyless.status).toBe(200);
    expect(headersOf(keyless)).toMatchObject({ limit: "5", remaining: "0" });
    const other = await withKey("198.51.100.12", otherApiKey);
    expect(other.status).toBe(200);
    expect(headersOf(other)).toMatchObject({ limit: "3", remaining: "2" });
  });

  it("does not let someone who only knows a key's prefix spend that key's bucket", async () => {
    const prefix = otherApiKey.split("_").slice(0, 4).join("_");
    const forged = `${prefix}_${"x".repeat(40)}`;
    const forgedCall = () => get(t.app, "198.51.100.13", { authorization: `Bearer ${forged}` }, "/api/v1/categories");
    expect(await burst(4, forgedCall)).toEqual([401, 401, 401, 429]);
    // Four tokens went from the forger's bucket, none from the real key's (3 at most).
    const real = await get(t.app, "198.51.100.14", { authorization: `Bearer ${otherApiKey}` }, "/api/v1/categories");
    expect(real.status).toBe(200);
    expect(real.headers.get("ratelimit-limit")).toBe("3");
  });

  it("limits an address by itself, whatever else it sends", async () => {
    expect(await burst(6, () => get(t.app, "198.51.100.20"))).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await get(t.app, "198.51.100.21")).status).toBe(200);
  });
});

describe("shared and refilled buckets", () => {
  const appOn = (rateLimits: RateLimits, extra: Partial<AppDeps> = {}) =>
    createApp({
      database: t.database,
      logger: pino({ level: "silent" }),
      rateLimits,
      clientAddress: fromHeader,
      ...extra,
    });

  it("shares one bucket between two API instances on one database", async () => {
    const one = appOn(LIMITS);
    const two = appOn(LIMITS);
    const statuses = await burst(
      6,
      (() => {
        let i = 0;
        return () => get(i++ % 2 === 0 ? one : two, "198.51.100.30");
      })(),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await get(one, "198.51.100.30")).status).toBe(429);
    expect((await get(two, "198.51.100.30")).status).toBe(429);
  });

  it("refills at the configured rate", async () => {
    // 5 tokens a second: requests drain the bucket faster than that, and 250 ms brings one back.
    const fast = appOn({ perKey: LIMITS.perKey, perIp: { capacity: 2, perSecond: 5 } });
    const statuses: number[] = [];
    while (statuses.length < 10 && !statuses.includes(429)) statuses.push((await get(fast, "198.51.100.31")).status);
    expect(statuses).toContain(429);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await get(fast, "198.51.100.31")).status).toBe(200);
  });

  it("reads X-Forwarded-For only behind a trusted proxy, and then the entry that proxy added", async () => {
    // No clientAddress override: the address comes from the (absent) socket or the header.
    const untrusted = createApp({ database: t.database, logger: pino({ level: "silent" }), rateLimits: LIMITS });
    const spoofed = await untrusted.request("/api/v1/tenants", { headers: { "x-forwarded-for": "203.0.113.50" } });
    expect(spoofed.status).toBe(200);
    expect(spoofed.headers.get("ratelimit-limit")).toBeNull();

    const proxied = createApp({
      database: t.database,
      logger: pino({ level: "silent" }),
      rateLimits: LIMITS,
      trustProxy: 1,
    });
    const via = async (forwardedFor: string) =>
      proxied.request("/api/v1/tenants", { headers: { "x-forwarded-for": forwardedFor } });
    let claimed = 0;
    expect(await burst(5, () => via(`10.0.0.${claimed++}, 203.0.113.51`))).toEqual([200, 200, 200, 200, 200]);
    // What the client wrote to the left of its real address does not give it a new bucket.
    expect((await via("192.0.2.99, 203.0.113.51")).status).toBe(429);
    expect((await via("203.0.113.52")).status).toBe(200);
  });

  it("lets requests through when the buckets cannot be read", async () => {
    const broken = new Proxy(t.database.db, {
      get: (target, property, receiver) =>
        property === "execute"
          ? () => Promise.reject(new Error("database down"))
          : Reflect.get(target, property, receiver),
    });
    const failing = createApp({
      database: { ...t.database, db: broken },
      logger: pino({ level: "silent" }),
      rateLimits: LIMITS,
      clientAddress: fromHeader,
    });
    for (let i = 0; i < 7; i++) {
      const response = await get(failing, "198.51.100.40");
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBeNull();
    }
  });
});

describe("configuration", () => {
  it("defaults to DEFAULT_RATE_LIMITS and lets operators tune or turn them off", () => {
    expect(rateLimitsFromEnv(readApiEnv({}))).toEqual(DEFAULT_RATE_LIMITS);
    expect(rateLimitsFromEnv(readApiEnv({ TRADECLOUD_RATE_LIMITS: "off" }))).toBe(false);
    expect(
      rateLimitsFromEnv(
        readApiEnv({ TRADECLOUD_RATE_LIMIT_KEY_BURST: "10", TRADECLOUD_RATE_LIMIT_IP_PER_SECOND: "2.5" }),
      ),
    ).toEqual({ perKey: { capacity: 10, perSecond: 20 }, perIp: { capacity: 300, perSecond: 2.5 } });
    expect(() => readApiEnv({ TRADECLOUD_RATE_LIMIT_KEY_PER_SECOND: "0" })).toThrow(/KEY_PER_SECOND/);
    expect(readApiEnv({}).TRADECLOUD_TRUST_PROXY).toBe(0);
  });
});
