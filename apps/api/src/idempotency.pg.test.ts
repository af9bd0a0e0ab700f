import { integrations } from "@tradecloud/core";
import { withTenant } from "@tradecloud/core/db";
import { serverDatabaseUrl, type TestTenant, tenantSql } from "@tradecloud/core/testing";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, createTestTenant, signedInClient, type TestApp } from "./testing.js";

// Races need real concurrent connections: PostgreSQL server only (PGlite has one connection).
const url = serverDatabaseUrl();
if (!url) console.warn("idempotency.pg.test.ts: no DATABASE_URL or TRADECLOUD_TEST_PG_URL, race tests not run");

describe.skipIf(!url)("Idempotency-Key races on a PostgreSQL server", () => {
  let t: TestApp;
  let market: TestTenant;
  let apiKey = "";
  let apiKeyId = "";
  beforeAll(async () => {
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      t = await createTestApp();
    } finally {
      process.env.DATABASE_URL = previous;
    }
    market = await createTestTenant(t.database, "idem-race", { merchant: ["merchant"] });
    const { client } = await signedInClient(t.app, market, market.orgs.merchant?.ownerEmail ?? "");
    ({ key: apiKey, id: apiKeyId } = await client.tenancy.createApiKey.mutate({
      name: "erp",
      scopes: ["catalog:write"],
    }));
  });
  afterAll(() => t?.destroy());

  const body = (nameEn: string) => ({ nameZh: "店", nameEn, booth: { district: "一区", booth: "1" } });
  const post = (key: string, nameEn: string) =>
    t.app.request("/api/v1/storefronts", {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify(body(nameEn)),
    });
  const storefrontsNamed = async (nameEn: string) => {
    const result = await tenantSql(
      t.database,
      market.id,
      sql`select count(*)::int as n from storefronts where name_en = ${nameEn}`,
    );
    return ((Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[])[0]?.n;
  };

  it("does the work once for concurrent requests with one key; the others wait and replay", async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => post("race-1", "Raced")));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const replayed = responses.filter((r) => r.headers.get("idempotent-replayed") === "true");
    expect(replayed).toHaveLength(5);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await storefrontsNamed("Raced")).toBe(1);
  });

  it("lets exactly one of concurrent different requests with one key through", async () => {
    const names = Array.from({ length: 4 }, (_, i) => `Contender ${i}`);
    const responses = await Promise.all(names.map((name) => post("race-2", name)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const counts = await Promise.all(names.map(storefrontsNamed));
    expect(counts.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(1);
  });

  /** Claims `key` as the API key would, in a transaction held open ~0.5 s, then commits or rolls back. */
  const holdKey = (key: string, nameEn: string, outcome: "commit" | "rollback") =>
    withTenant(t.database.db, market.id, async (tx) => {
      const ctx = {
        tx,
        tenantId: market.id,
        actor: { type: "apiKey" as const, apiKeyId, organisationId: "", kinds: [], scopes: [] },
      };
      const input = { key, procedure: "catalog.createStorefront", input: body(nameEn) };
      const claim = await integrations.claimIdempotencyKey({ ctx, input });
      if (claim.status !== "claimed") throw new Error(`expected to claim, got ${claim.status}`);
      await tx.execute(sql`select pg_sleep(0.5)`);
      if (outcome === "rollback") throw new Error("rolled back on purpose");
      const response = superjson.serialize({ id: "held" });
      await integrations.saveIdempotentResponse({ ctx, input: { caller: claim.caller, key, response } });
    });

  it("makes a request wait for the transaction holding its key, then replays what it stored", async () => {
    const holder = holdKey("race-3", "Held", "commit");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const response = await post("race-3", "Held");
    expect(performance.now() - started).toBeGreaterThan(250);
    await holder;
    expect(response.status).toBe(200);
    expect(response.headers.get("idempotent-replayed")).toBe("true");
    expect(await response.json()).toEqual({ id: "held" });
    expect(await storefrontsNamed("Held")).toBe(0);
  });

  it("runs the request when the transaction holding its key rolls back", async () => {
    const holder = holdKey("race-4", "Freed", "rollback").catch((error: Error) => error.message);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const response = await post("race-4", "Freed");
    expect(await holder).toBe("rolled back on purpose");
    expect(response.status).toBe(200);
    expect(response.headers.get("idempotent-replayed")).toBeNull();
    expect(await storefrontsNamed("Freed")).toBe(1);
  });
});
