import { createTestSandbox, type TestTenant, tenantSql } from "@tradecloud/core/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  createTestClient,
  createTestTenant,
  failure,
  signedInClient,
  type TestApp,
} from "../testing.js";

let t: TestApp;
let yiwu: TestTenant;
let sandbox: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  yiwu = await createTestTenant(t.database, "yiwu", {
    merchant: ["merchant"],
    buyer: ["buyer"],
    operator: ["operator"],
  });
  sandbox = await createTestSandbox(t.database, yiwu, { operator: ["operator"], shop: ["merchant"] });
});
afterAll(() => t.destroy());

const owner = (key: string) => yiwu.orgs[key]?.ownerEmail ?? "";

describe("API keys", () => {
  it("shows the secret once, keeps only its prefix visible, and authenticates REST calls with it", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const created = await client.tenancy.createApiKey.mutate({
      name: "ERP sync",
      scopes: ["catalog:read", "webhooks:manage"],
    });
    expect(created.key).toMatch(/^tc_live_yiwu_[a-z0-9]{8}_[\w-]{32,}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);

    const listed = await client.tenancy.listApiKeys.query();
    expect(listed.map((k) => k.prefix)).toContain(created.prefix);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const stored = JSON.stringify(
      await tenantSql(t.database, yiwu.id, sql`select * from api_keys where id = ${created.id}`),
    );
    expect(stored).toContain(created.prefix);
    expect(stored).not.toContain(created.key);

    const response = await t.app.request("/api/v1/api-keys", { headers: { authorization: `Bearer ${created.key}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { prefix: string; lastUsedAt: string | null }[];
    expect(body.map((k) => k.prefix)).toContain(created.prefix);
  });

  it("refuses a key without the scope, naming the scope", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const { key } = await client.tenancy.createApiKey.mutate({ name: "read only", scopes: ["catalog:read"] });
    const response = await t.app.request("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { code: string; message: string; requestId: string };
    expect(body.code).toBe("FORBIDDEN");
    expect(body.message).toContain("webhooks:manage");
    expect(body.requestId).toBeTruthy();
  });

  it("rejects revoked, expired and malformed keys with 401", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const revoked = await client.tenancy.createApiKey.mutate({ name: "old", scopes: ["webhooks:manage"] });
    await client.tenancy.revokeApiKey.mutate({ apiKeyId: revoked.id });
    const expired = await client.tenancy.createApiKey.mutate({
      name: "short",
      scopes: ["webhooks:manage"],
      expiresInDays: 1,
    });
    const before = await t.app.request("/api/v1/api-keys", { headers: { authorization: `Bearer ${expired.key}` } });
    expect(before.status).toBe(200);
    await tenantSql(
      t.database,
      yiwu.id,
      sql`update api_keys set expires_at = now() - interval '1 minute' where id = ${expired.id}`,
    );
    const keys = [revoked.key, expired.key, "tc_live_yiwu_deadbeef_notarealkeynotarealkeynotarealkey00", "sk_live_x"];
    for (const key of keys) {
      const response = await t.app.request("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe("UNAUTHENTICATED");
    }
  });

  it("lets only owners and admins manage keys", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("buyer"));
    await tenantSql(
      t.database,
      yiwu.id,
      sql`update memberships set role = 'member' where organisation_id = ${yiwu.orgs.buyer?.id}`,
    );
    const error = await failure(client.tenancy.listApiKeys.query());
    expect(error.data.code).toBe("FORBIDDEN");
  });
});

describe("organisations and members", () => {
  it("lets the market operator register organisations, and nobody else", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("operator"));
    const created = await client.tenancy.createOrganisation.mutate({
      nameZh: "义乌市新星玩具厂",
      nameEn: "Yiwu Xinxing Toy Factory",
      kinds: ["merchant"],
      country: "cn",
    });
    expect(created.country).toBe("CN");
    const listed = await client.tenancy.listOrganisations.query();
    expect(listed.map((o) => o.id)).toContain(created.id);

    const { client: merchant } = await signedInClient(t.app, yiwu, owner("merchant"));
    const error = await failure(merchant.tenancy.listOrganisations.query());
    expect(error.data.code).toBe("FORBIDDEN");
  });

  it("invites a person who then signs in as a member", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const invitation = await client.tenancy.inviteMember.mutate({ email: "Sales@Chenguang.test", role: "member" });
    const { client: anonymous } = createTestClient(t.app, { tenant: "yiwu" });
    await anonymous.tenancy.acceptInvitation.mutate({
      token: invitation.token,
      name: "Li Na",
      password: "a-good-password",
    });
    const again = await failure(
      anonymous.tenancy.acceptInvitation.mutate({
        token: invitation.token,
        name: "Li Na",
        password: "a-good-password",
      }),
    );
    expect(again.data.code).toBe("NOT_FOUND");

    const members = await client.tenancy.listMembers.query();
    expect(members.find((m) => m.email === "sales@chenguang.test")?.role).toBe("member");
    const { client: newcomer } = createTestClient(t.app, { tenant: "yiwu" });
    await newcomer.auth.signIn.mutate({ tenant: "yiwu", email: "sales@chenguang.test", password: "a-good-password" });
    expect((await newcomer.auth.me.query()).activeOrganisationId).toBe(yiwu.orgs.merchant?.id);
  });
});

/** A category, a storefront and an active listing titled `title`, made by `market`'s own people. */
async function catalogueIn(market: TestTenant, operator: string, merchant: string, title: string) {
  const { client: op } = await signedInClient(t.app, market, operator);
  await op.catalog.createCategory.mutate({ segment: "toys", nameZh: "玩具", nameEn: `Toys of ${market.slug}` });
  const { client } = await signedInClient(t.app, market, merchant);
  const shop = await client.catalog.createStorefront.mutate({
    nameZh: "店",
    nameEn: `${market.slug} shop`,
    booth: { district: "一区", booth: "1" },
  });
  return client.catalog.createListing.mutate({
    storefrontId: shop.id,
    sku: "T-1",
    titleEn: title,
    categoryCode: "toys",
    unit: "pcs",
    moq: 1,
    priceTiers: [{ minQuantity: 1, unitPriceMinor: 100 }],
    currency: "CNY",
    leadTimeDays: 1,
    status: "active",
  });
}

const rest = (path: string, key: string, init: RequestInit = {}) =>
  t.app.request(`/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...init.headers },
  });

describe("test keys", () => {
  it("act on the sandbox's data as the organisation's mirror, and never see the live market (nor it them)", async () => {
    const liveListing = await catalogueIn(yiwu, owner("operator"), owner("merchant"), "Live robot");
    const sandboxListing = await catalogueIn(
      sandbox,
      sandbox.orgs.operator?.ownerEmail ?? "",
      sandbox.orgs.shop?.ownerEmail ?? "",
      "Sandbox robot",
    );
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const scopes = ["catalog:read", "catalog:write", "webhooks:manage"] as const;
    const live = await client.tenancy.createApiKey.mutate({ name: "live", scopes: [...scopes] });
    const test = await client.tenancy.createApiKey.mutate({ name: "test", scopes: [...scopes], mode: "test" });
    expect(test.key).toMatch(/^tc_test_yiwu-sandbox_[a-z0-9]{8}_/);
    expect(test.mode).toBe("test");

    const { client: testClient } = createTestClient(t.app, { apiKey: test.key });
    const { client: liveClient } = createTestClient(t.app, { apiKey: live.key });
    const found = await testClient.catalog.search.query({ q: "robot" });
    expect(found.items.map((i) => i.id)).toEqual([sandboxListing.id]);
    expect((await liveClient.catalog.search.query({ q: "robot" })).items.map((i) => i.id)).toEqual([liveListing.id]);
    const tree = await testClient.catalog.categoryTree.query();
    expect(tree.map((c) => c.nameEn)).toEqual(["Toys of yiwu-sandbox"]);
    const restTree = (await (await rest("/categories", live.key)).json()) as { nameEn: string }[];
    expect(restTree.map((c) => c.nameEn)).toEqual(["Toys of yiwu"]);
    // By id, each misses the other market's rows.
    expect((await failure(testClient.catalog.getListing.query({ listingId: liveListing.id }))).data.code).toBe(
      "NOT_FOUND",
    );
    expect((await rest(`/listings/${sandboxListing.id}`, live.key)).status).toBe(404);
    expect((await rest(`/listings/${liveListing.id}`, test.key)).status).toBe(404);

    // The test key writes in the sandbox, as the mirror organisation, and the live market sees none of it.
    const shop = await testClient.catalog.createStorefront.mutate({
      nameZh: "测试店",
      nameEn: "Test shop",
      booth: { district: "一区", booth: "2" },
    });
    expect(shop.organisationId).not.toBe(yiwu.orgs.merchant?.id);
    expect((await client.catalog.listMyStorefronts.query()).map((s) => s.id)).not.toContain(shop.id);
    // From the sandbox, a test key lists only the organisation's test keys.
    const fromSandbox = await testClient.tenancy.listApiKeys.query();
    expect(fromSandbox.map((k) => k.mode)).toEqual(["test"]);
    expect(JSON.stringify(fromSandbox)).not.toContain(live.prefix);
    // From the live market, the organisation's keys of both modes.
    const listed = await client.tenancy.listApiKeys.query();
    expect(listed.filter((k) => [live.id, test.id].includes(k.id)).map((k) => k.mode)).toEqual(["test", "live"]);
    const restListed = (await (await rest("/api-keys", live.key)).json()) as { id: string }[];
    expect(restListed.map((k) => k.id)).toEqual(expect.arrayContaining([live.id, test.id]));
  });

  it("are rotated and revoked from the live market over tRPC and REST", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const manager = await client.tenancy.createApiKey.mutate({ name: "manager", scopes: ["webhooks:manage"] });
    const test = await client.tenancy.createApiKey.mutate({
      name: "ci",
      scopes: ["catalog:read"],
      mode: "test",
    });
    const response = await rest(`/api-keys/${test.id}/rotate`, manager.key, {
      method: "POST",
      body: JSON.stringify({ graceHours: 0 }),
    });
    expect(response.status).toBe(200);
    const rotated = (await response.json()) as { id: string; key: string; mode: string; rotatedFrom: string };
    expect(rotated).toMatchObject({ mode: "test", rotatedFrom: test.id });
    expect(rotated.key).toMatch(/^tc_test_yiwu-sandbox_/);
    expect((await rest("/categories", test.key)).status).toBe(401);
    expect((await rest("/categories", rotated.key)).status).toBe(200);

    await client.tenancy.revokeApiKey.mutate({ apiKeyId: rotated.id });
    expect((await rest("/categories", rotated.key)).status).toBe(401);
    // Revoked keys cannot be rotated back to life.
    const again = await rest(`/api-keys/${rotated.id}/rotate`, manager.key, { method: "POST", body: "{}" });
    expect(again.status).toBe(412);
    expect(((await again.json()) as { code: string }).code).toBe("PRECONDITION_FAILED");
  });

  it("need a sandbox: a market without one refuses them, in both languages", async () => {
    const keqiao = await createTestTenant(t.database, "keqiao", { merchant: ["merchant"] });
    const { client } = await signedInClient(t.app, keqiao, keqiao.orgs.merchant?.ownerEmail ?? "");
    const error = await failure(
      client.tenancy.createApiKey.mutate({ name: "test", scopes: ["catalog:read"], mode: "test" }),
    );
    expect(error.data.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toContain("no sandbox");
    const { key } = await client.tenancy.createApiKey.mutate({ name: "manager", scopes: ["webhooks:manage"] });
    const zh = await rest("/api-keys", key, {
      method: "POST",
      headers: { "accept-language": "zh-CN" },
      body: JSON.stringify({ name: "test", scopes: ["catalog:read"], mode: "test" }),
    });
    expect(zh.status).toBe(412);
    expect(((await zh.json()) as { message: string }).message).toContain("沙盒");
  });
});

describe("key rotation", () => {
  it("gives a new secret once, with the same name, scopes and expiry, and keeps the old key for the grace period", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const old = await client.tenancy.createApiKey.mutate({
      name: "ERP",
      scopes: ["catalog:read", "webhooks:manage"],
      expiresInDays: 90,
    });
    const rotated = await client.tenancy.rotateApiKey.mutate({ apiKeyId: old.id });
    expect(rotated).toMatchObject({ name: "ERP", mode: "live", rotatedFrom: old.id, expiresAt: old.expiresAt });
    expect(rotated.key).not.toBe(old.key);
    const hours = (rotated.previousKeyExpiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    // Both keys work until the old one's grace ends.
    expect((await rest("/api-keys", old.key)).status).toBe(200);
    expect((await rest("/api-keys", rotated.key)).status).toBe(200);
    const listed = await client.tenancy.listApiKeys.query();
    expect(listed.find((k) => k.id === old.id)?.expiresAt).toEqual(rotated.previousKeyExpiresAt);
    const second = await failure(client.tenancy.rotateApiKey.mutate({ apiKeyId: old.id }));
    expect(second.data.code).toBe("PRECONDITION_FAILED");
  });

  it("ends the old key at once with grace 0, over REST", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const old = await client.tenancy.createApiKey.mutate({ name: "deploy", scopes: ["webhooks:manage"] });
    const response = await rest(`/api-keys/${old.id}/rotate`, old.key, {
      method: "POST",
      body: JSON.stringify({ graceHours: 0 }),
    });
    expect(response.status).toBe(200);
    const rotated = (await response.json()) as { key: string };
    expect((await rest("/api-keys", old.key)).status).toBe(401);
    expect((await rest("/api-keys", rotated.key)).status).toBe(200);
  });

  it("is for owners and admins, and only of their own organisation's keys", async () => {
    const { client } = await signedInClient(t.app, yiwu, owner("merchant"));
    const key = await client.tenancy.createApiKey.mutate({ name: "mine", scopes: ["catalog:read"] });
    const { client: operator } = await signedInClient(t.app, yiwu, owner("operator"));
    expect((await failure(operator.tenancy.rotateApiKey.mutate({ apiKeyId: key.id }))).data.code).toBe("NOT_FOUND");
    const { client: readOnly } = createTestClient(t.app, { apiKey: key.key });
    const error = await failure(readOnly.tenancy.rotateApiKey.mutate({ apiKeyId: key.id }));
    expect(error.data.code).toBe("FORBIDDEN");
    expect(error.message).toContain("webhooks:manage");
  });
});
