import { type TestTenant, tenantSql } from "@tradecloud/core/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  createTestClient,
  createTestTenant,
  failure,
  signedInClient,
  TEST_PASSWORD,
  type TestApp,
} from "./testing.js";

let t: TestApp;
let market: TestTenant;
let apiKey = "";
let otherApiKey = "";

beforeAll(async () => {
  t = await createTestApp();
  market = await createTestTenant(t.database, "idem", { merchant: ["merchant"] });
  const { client } = await signedInClient(t.app, market, market.orgs.merchant?.ownerEmail ?? "");
  const scopes = ["catalog:read", "catalog:write"] as ("catalog:read" | "catalog:write")[];
  apiKey = (await client.tenancy.createApiKey.mutate({ name: "erp", scopes })).key;
  otherApiKey = (await client.tenancy.createApiKey.mutate({ name: "other", scopes })).key;
});
afterAll(() => t.destroy());

const shop = (nameEn: string) => ({ nameZh: "店", nameEn, booth: { district: "一区", booth: "1" } });

const post = (key: string | null, body: unknown, options: { apiKey?: string; locale?: string } = {}) =>
  t.app.request("/api/v1/storefronts", {
    method: "POST",
    headers: {
      authorization: `Bearer ${options.apiKey ?? apiKey}`,
      "content-type": "application/json",
      ...(key === null ? {} : { "idempotency-key": key }),
      ...(options.locale ? { "accept-language": options.locale } : {}),
    },
    body: JSON.stringify(body),
  });

const rows = async <Row>(query: ReturnType<typeof sql>) => {
  const result = await tenantSql(t.database, market.id, query);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Row[];
};
const storefrontsNamed = async (nameEn: string) =>
  (await rows<{ n: number }>(sql`select count(*)::int as n from storefronts where name_en = ${nameEn}`))[0]?.n;

describe("Idempotency-Key on REST", () => {
  it("never stores an answer that holds a secret shown once: a new API key", async () => {
    const { state } = await signedInClient(t.app, market, market.orgs.merchant?.ownerEmail ?? "");
    const create = () =>
      t.app.request("/api/v1/api-keys", {
        method: "POST",
        headers: {
          cookie: state.cookie ?? "",
          "x-csrf-token": state.csrfToken ?? "",
          "content-type": "application/json",
          "idempotency-key": "key-with-secret",
        },
        body: JSON.stringify({ name: "ci", scopes: ["catalog:read"] }),
      });
    const first = (await (await create()).json()) as { key: string };
    const second = (await (await create()).json()) as { key: string };
    expect(second.key).not.toBe(first.key);
    const stored = await rows<{ n: number }>(
      sql`select count(*)::int as n from idempotent_requests where key = 'key-with-secret'`,
    );
    expect(stored[0]?.n).toBe(0);
  });

  it("does the work once and replays the identical answer, marked Idempotent-Replayed", async () => {
    const first = await post("rest-1", shop("Once"));
    expect(first.status).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const firstBody = await first.json();

    const second = await post("rest-1", shop("Once"));
    expect(second.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.json()).toEqual(firstBody);

    expect(await storefrontsNamed("Once")).toBe(1);
    const stored = await rows<{ procedure: string }>(
      sql`select procedure from idempotent_requests where key = 'rest-1'`,
    );
    expect(stored).toEqual([{ procedure: "catalog.createStorefront" }]);
  });

  it("refuses the key with a different request, naming the header, in English and Chinese", async () => {
    await post("rest-2", shop("First"));
    const changed = await post("rest-2", shop("Second"));
    expect(changed.status).toBe(409);
    const body = (await changed.json()) as { code: string; message: string; requestId: string };
    expect(body.code).toBe("CONFLICT");
    expect(body.message).toContain("Idempotency-Key");
    expect(body.message).toContain("different request");
    expect(body.requestId).toBe(changed.headers.get("x-request-id"));

    const zh = (await (await post("rest-2", shop("Second"), { locale: "zh-CN" })).json()) as { message: string };
    expect(zh.message).toBe("此 Idempotency-Key 已用于另一个请求，请使用新的键");
    expect(await storefrontsNamed("Second")).toBe(0);
  });

  it("does not burn the key on a failed first attempt", async () => {
    const invalid = await post("rest-3", { ...shop("Later"), nameZh: "" });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { code: string }).code).toBe("VALIDATION");

    const retried = await post("rest-3", shop("Later"));
    expect(retried.status).toBe(200);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(await storefrontsNamed("Later")).toBe(1);
  });

  it("keeps each caller's keys its own", async () => {
    await post("shared-key", shop("Mine"));
    const theirs = await post("shared-key", shop("Theirs"), { apiKey: otherApiKey });
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(await storefrontsNamed("Theirs")).toBe(1);

    // A person signed in to the same organisation is another caller too.
    const { client } = await signedInClient(t.app, market, market.orgs.merchant?.ownerEmail ?? "");
    const cookie = await client.catalog.createStorefront.mutate(shop("Theirs too"));
    expect(cookie.nameEn).toBe("Theirs too");
  });

  it("refuses a malformed key with 400 naming the header", async () => {
    for (const key of ["two words", "k".repeat(256)]) {
      const response = await post(key, shop("Never"));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe("VALIDATION");
      expect(body.message).toContain("Idempotency-Key");
    }
    expect(await storefrontsNamed("Never")).toBe(0);
  });

  it("ignores the header on reads and on anonymous mutations", async () => {
    const read = await t.app.request("/api/v1/storefronts/mine", {
      headers: { authorization: `Bearer ${apiKey}`, "idempotency-key": "two words" },
    });
    expect(read.status).toBe(200);
    const signIn = { tenant: market.slug, email: market.orgs.merchant?.ownerEmail ?? "", password: TEST_PASSWORD };
    for (let i = 0; i < 2; i++) {
      const { client } = createTestClient(t.app, {
        tenant: market.slug,
        headers: () => ({ "idempotency-key": "anon" }),
      });
      expect((await client.auth.signIn.mutate(signIn)).expiresAt).toBeInstanceOf(Date);
    }
    expect(await rows(sql`select 1 from idempotent_requests where key = 'anon'`)).toEqual([]);
  });
});

describe("Idempotency-Key on tRPC", () => {
  it("replays the stored answer with its Dates, and REST sees the same key", async () => {
    let key = "trpc-1";
    const { client } = createTestClient(t.app, { apiKey, headers: () => ({ "idempotency-key": key }) });
    const first = await client.catalog.createStorefront.mutate(shop("Via tRPC"));
    const second = await client.catalog.createStorefront.mutate(shop("Via tRPC"));
    expect(second).toEqual(first);
    expect(second.createdAt).toBeInstanceOf(Date);
    expect(await storefrontsNamed("Via tRPC")).toBe(1);

    // The same procedure through REST with the same key and input is the same request.
    const rest = await post("trpc-1", shop("Via tRPC"));
    expect(rest.headers.get("idempotent-replayed")).toBe("true");
    expect(((await rest.json()) as { id: string }).id).toBe(first.id);

    key = "trpc-1";
    const error = await failure(client.catalog.createStorefront.mutate(shop("Other")));
    expect(error.data.code).toBe("CONFLICT");
    expect(error.data.httpStatus).toBe(409);
    expect(error.message).toContain("Idempotency-Key");

    // Another procedure under a used key is refused as well.
    const update = await failure(client.catalog.updateStorefront.mutate({ storefrontId: first.id, nameEn: "Renamed" }));
    expect(update.data.code).toBe("CONFLICT");
  });

  it("sets Idempotent-Replayed on the replayed tRPC response", async () => {
    const call = () =>
      t.app.request("/trpc/catalog.createStorefront", {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "idempotency-key": "trpc-2" },
        body: JSON.stringify({ json: shop("Header") }),
      });
    const first = await call();
    const second = await call();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.json()).toEqual(await first.json());
  });
});
