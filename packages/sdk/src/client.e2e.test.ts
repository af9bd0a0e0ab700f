import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { createTestApp, createTestTenant, signedInClient, type TestApp } from "@tradecloud/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTradecloudClient } from "./client.js";
import { ValidationError } from "./errors.js";
import { paginate } from "./paginate.js";

// The SDK against the real API over real HTTP: a node server on a loopback port, the real
// database, the real rate limiter and idempotency store. Only `fetch` is wrapped, to count
// answers and to lose one on purpose.
let t: TestApp;
let server: ServerType;
let baseUrl = "";
let apiKey = "";
const seen: number[] = [];
let loseNextAnswerTo: string | null = null;

const observingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  seen.push(response.status);
  if (loseNextAnswerTo && String(input).includes(loseNextAnswerTo)) {
    loseNextAnswerTo = null;
    // The server did the work and answered; the answer never reaches us (a dropped connection).
    throw new TypeError("fetch failed: connection reset");
  }
  return response;
};
const client = (options: { maxRetries?: number } = {}) =>
  createTradecloudClient({ baseUrl, apiKey, fetch: observingFetch, retryBaseMs: 20, ...options });

beforeAll(async () => {
  // Small buckets so a burst of calls meets the limiter: 4 calls at once, then 4 a second.
  t = await createTestApp({
    rateLimits: { perKey: { capacity: 4, perSecond: 4 }, perIp: { capacity: 1000, perSecond: 1000 } },
  });
  const market = await createTestTenant(t.database, "sdk-e2e");
  const { client: operator } = await signedInClient(t.app, market, market.orgs.operator?.ownerEmail ?? "");
  await operator.catalog.createCategory.mutate({ segment: "toys", nameZh: "玩具", nameEn: "Toys" });
  const { client: owner } = await signedInClient(t.app, market, market.orgs.merchant?.ownerEmail ?? "");
  apiKey = (await owner.tenancy.createApiKey.mutate({ name: "sdk e2e", scopes: ["catalog:read", "catalog:write"] }))
    .key;
  server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.destroy();
});

describe("the SDK against the real API over HTTP", () => {
  it("turns a bad input into a ValidationError naming the field", async () => {
    const error = await client()
      .catalog.createStorefront.mutate({ nameZh: "", nameEn: "Shop", booth: { district: "一区", booth: "1" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["nameZh"]);
  });

  it("retries a mutation whose answer was lost with the same idempotency key: one storefront, not two", async () => {
    loseNextAnswerTo = "catalog.createStorefront";
    const shop = await client().catalog.createStorefront.mutate({
      nameZh: "义乌玩具",
      nameEn: "Yiwu Toys",
      booth: { district: "一区", booth: "7" },
    });
    const mine = await client().catalog.listMyStorefronts.query();
    expect(mine.map((s) => s.id)).toEqual([shop.id]);

    // A key chosen by the caller replays the same answer.
    const input = { nameZh: "第二店", nameEn: "Second shop", booth: { district: "二区", booth: "8" } };
    const first = await client().catalog.createStorefront.mutate(input, { context: { idempotencyKey: "shop-2" } });
    const again = await client().catalog.createStorefront.mutate(input, { context: { idempotencyKey: "shop-2" } });
    expect(again).toEqual(first);
    expect(await client().catalog.listMyStorefronts.query()).toHaveLength(2);
  });

  it("waits out 429s as Retry-After says, so a burst still completes", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    seen.length = 0;
    const sdk = client({ maxRetries: 5 });
    const results = await Promise.all(Array.from({ length: 8 }, () => sdk.catalog.listMyStorefronts.query()));
    expect(results.every((r) => r.length === 2)).toBe(true);
    expect(seen.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(seen.filter((s) => s === 200)).toHaveLength(8);
  });

  it("walks a list page by page with paginate()", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const sdk = client({ maxRetries: 5 });
    const [shop] = await sdk.catalog.listMyStorefronts.query();
    for (const n of [1, 2, 3, 4, 5]) {
      await sdk.catalog.createListing.mutate({
        storefrontId: shop?.id ?? "",
        sku: `YOYO-${n}`,
        titleEn: `Yo-yo ${n}`,
        categoryCode: "toys",
        unit: "pcs",
        moq: 100,
        priceTiers: [{ minQuantity: 100, unitPriceMinor: 150 }],
        currency: "CNY",
        leadTimeDays: 7,
      });
    }
    const skus = (await paginate(sdk.catalog.listMyListings, { storefrontId: shop?.id, limit: 2 }).toArray()).map(
      (l) => l.sku,
    );
    expect(skus.sort()).toEqual(["YOYO-1", "YOYO-2", "YOYO-3", "YOYO-4", "YOYO-5"]);
  });
});
